/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, within } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { PROFILE_QUERY } from './operations';

const CHROME_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

const profile = {
  __typename: 'User',
  ...PLAIN_USER,
  roles: ['user', 'support'],
  totpEnabled: true,
  locked: false,
  loginStats: {
    __typename: 'LoginStats',
    successCount: 42,
    failureCount: 3,
    lastLoginAt: '2026-12-01T10:53:00.000Z',
    lastFailureAt: '2026-11-30T08:00:00.000Z',
  },
  riskEvents: [
    {
      __typename: 'RiskEvent',
      eventId: 'ev-2',
      occurredAt: '2026-12-01T10:53:00.000Z',
      score: 65,
      reasons: ['NEW_DEVICE', 'NEW_IP'],
      ip: '203.0.113.9',
      userAgent: CHROME_ON_LINUX,
    },
    {
      __typename: 'RiskEvent',
      eventId: 'ev-1',
      occurredAt: '2026-11-29T07:00:00.000Z',
      score: 25,
      reasons: ['RECENT_FAILURES'],
      ip: '198.51.100.4',
      userAgent: null,
    },
    {
      __typename: 'RiskEvent',
      eventId: 'ev-0',
      occurredAt: '2026-11-28T07:00:00.000Z',
      score: 0,
      reasons: [],
      ip: '198.51.100.4',
      userAgent: null,
    },
  ],
};

function profileAnswer(me: unknown): MockLink.MockedResponse {
  return { request: { query: PROFILE_QUERY }, result: { data: { me } } };
}

describe('account: profile page', () => {
  it("shows the viewer's account, 2FA state, sign-in counts and recent sign-ins with their risk in words", async () => {
    renderApp('/account', { signedInAs: PLAIN_USER, mocks: [profileAnswer(profile)] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toBeInTheDocument();
    const account = await screen.findByRole('region', { name: 'Account' });
    expect(within(account).getByText('ada@example.com')).toBeInTheDocument();
    expect(within(account).getByText('Verified')).toBeInTheDocument();
    expect(within(account).getByText('user, support')).toBeInTheDocument();
    expect(within(account).getByText('On')).toBeInTheDocument();
    expect(within(account).getByRole('link', { name: 'Manage two-factor authentication' })).toHaveAttribute('href', '/account/security');

    const activity = screen.getByRole('region', { name: 'Sign-in activity' });
    expect(within(activity).getByText('42')).toBeInTheDocument();
    expect(within(activity).getByText('3')).toBeInTheDocument();

    const recent = screen.getByRole('table', { name: 'Recent sign-ins' });
    const rows = within(recent).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Chrome 156 on Linux');
    expect(rows[0]).toHaveTextContent('High (65)');
    expect(rows[0]).toHaveTextContent('new device, new network');
    expect(rows[1]).toHaveTextContent('Medium (25)');
    expect(rows[1]).toHaveTextContent('after failed attempts');
    expect(rows[2]).toHaveTextContent('Low (0)');
    expect(rows[2]).toHaveTextContent('nothing unusual');
    // Codes are for machines; the page speaks in words.
    expect(document.body).not.toHaveTextContent(/NEW_DEVICE|NEW_IP|RECENT_FAILURES/);
    expect(document.title).toBe('Profile · Chat Bot Pro V2');
  });

  it('shows an empty state when there are no recorded sign-ins, and offers to turn 2FA on when it is off', async () => {
    renderApp('/account', {
      signedInAs: PLAIN_USER,
      mocks: [
        profileAnswer({
          ...profile,
          totpEnabled: false,
          riskEvents: [],
          loginStats: { ...profile.loginStats, successCount: 0, failureCount: 0, lastLoginAt: null, lastFailureAt: null },
        }),
      ],
    });

    expect(await screen.findByText('No sign-ins recorded yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Turn on two-factor authentication' })).toHaveAttribute('href', '/account/security');
    expect(within(screen.getByRole('region', { name: 'Sign-in activity' })).getAllByText('never')).toHaveLength(2);
  });

  it('says what went wrong in plain words, never the raw error, and can try again', async () => {
    renderApp('/account', {
      signedInAs: PLAIN_USER,
      mocks: [
        {
          request: { query: PROFILE_QUERY },
          result: {
            errors: [
              {
                message: 'connect ECONNREFUSED 10.0.0.7:4003\n    at TCPConnectWrap.afterConnect',
                extensions: { code: 'INTERNAL_SERVER_ERROR' },
              },
            ],
          },
        },
        profileAnswer(profile),
      ],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('The platform had a problem answering. Try again in a moment.');
    expect(document.body).not.toHaveTextContent(/ECONNREFUSED|10\.0\.0\.7|TCPConnectWrap/);

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Account' })).toHaveTextContent('ada@example.com');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the platform cannot be reached when the request fails on the network', async () => {
    renderApp('/account', {
      signedInAs: PLAIN_USER,
      mocks: [{ request: { query: PROFILE_QUERY }, error: new Error('socket hang up ECONNRESET 127.0.0.1:8080') }],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('The API could not be reached. Check your connection and try again.');
    expect(document.body).not.toHaveTextContent(/ECONNRESET|socket hang up|127\.0\.0\.1/);
  });
});

describe('account: layout', () => {
  it('has an Account sub-navigation that marks the page being shown', async () => {
    renderApp('/account', { signedInAs: PLAIN_USER, mocks: [profileAnswer(profile)] });

    const nav = await screen.findByRole('navigation', { name: 'Account' });
    expect(within(nav).getByRole('link', { name: 'Profile' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Security' })).toHaveAttribute('href', '/account/security');
    expect(within(nav).getByRole('link', { name: 'Sessions and devices' })).toHaveAttribute('href', '/account/sessions');
    expect(within(nav).getByRole('link', { name: 'Invitations' })).toHaveAttribute('href', '/account/invitations');
    await screen.findByRole('region', { name: 'Account' });
  });
});
