/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Sessions: the current one is marked and cannot be revoked from the list (Sign out ends it); revoking another,
// or all the others, asks to confirm first.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { LOGOUT_OTHERS_MUTATION, MY_SESSIONS_QUERY, REVOKE_SESSION_MUTATION } from './operations';

const CHROME_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI_ON_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

function device(id: string, userAgent: string, lastIp: string) {
  return { __typename: 'Device', id, userAgent, firstSeenAt: '2026-11-01T09:00:00.000Z', lastSeenAt: '2026-12-01T10:00:00.000Z', lastIp };
}

function session(
  id: string,
  userAgent: string,
  ip: string,
  { current = false, amr = ['pwd'] }: { current?: boolean; amr?: string[] } = {},
) {
  return {
    __typename: 'Session',
    id,
    createdAt: '2026-12-01T09:00:00.000Z',
    lastSeenAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-31T09:00:00.000Z',
    ip,
    userAgent,
    amr,
    current,
    device: device(`dev-${id}`, userAgent, ip),
  };
}

const sessionsAnswer: MockLink.MockedResponse = {
  request: { query: MY_SESSIONS_QUERY },
  result: {
    data: {
      mySessions: [
        session('s-current', CHROME_ON_LINUX, '203.0.113.9', { current: true, amr: ['pwd', 'otp'] }),
        session('s-firefox', FIREFOX_ON_WINDOWS, '198.51.100.4'),
        session('s-iphone', SAFARI_ON_IOS, '192.0.2.77'),
      ],
      me: {
        __typename: 'User',
        id: PLAIN_USER.id,
        devices: [
          device('dev-s-current', CHROME_ON_LINUX, '203.0.113.9'),
          device('dev-s-firefox', FIREFOX_ON_WINDOWS, '198.51.100.4'),
          device('dev-s-iphone', SAFARI_ON_IOS, '192.0.2.77'),
        ],
      },
    },
  },
};

function sessionRows(): HTMLElement[] {
  return within(screen.getByRole('table', { name: 'Active sessions' }))
    .getAllByRole('row')
    .slice(1);
}

function rowOf(text: string): HTMLElement {
  const row = sessionRows().find((candidate) => candidate.textContent?.includes(text));
  if (!row) throw new Error(`no session row with ${text}`);
  return row;
}

describe('account: sessions and devices', () => {
  it('marks "This device", has no Revoke on the current row, and says how each session signed in', async () => {
    renderApp('/account/sessions', { signedInAs: PLAIN_USER, mocks: [sessionsAnswer] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Sessions and devices' })).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Active sessions' });
    expect(sessionRows()).toHaveLength(3);

    const current = rowOf('203.0.113.9');
    expect(current).toHaveTextContent('Chrome 156 on Linux');
    expect(current).toHaveTextContent('This device');
    expect(current).toHaveTextContent('password + authenticator code');
    expect(within(current).queryByRole('button')).not.toBeInTheDocument();

    const firefox = rowOf('198.51.100.4');
    expect(firefox).not.toHaveTextContent('This device');
    expect(firefox).toHaveTextContent('Firefox 140 on Windows');
    expect(within(firefox).getByRole('button', { name: 'Revoke' })).toBeInTheDocument();

    const devices = screen.getByRole('table', { name: 'Known devices' });
    expect(within(devices).getAllByRole('row')).toHaveLength(4);
    expect(devices).toHaveTextContent('Safari 18 on iOS');
    expect(document.title).toBe('Sessions and devices · Chat Bot Pro V2');
  });

  it('asks to confirm before revoking another session, then revokes it by its id and drops it from the list', async () => {
    const revoked = jest.fn((_variables: Record<string, unknown>) => ({ data: { revokeSession: true } }));
    renderApp('/account/sessions', {
      signedInAs: PLAIN_USER,
      mocks: [sessionsAnswer, { request: { query: REVOKE_SESSION_MUTATION, variables: { id: 's-firefox' } }, result: revoked }],
    });
    await screen.findByRole('table', { name: 'Active sessions' });

    fireEvent.click(within(rowOf('198.51.100.4')).getByRole('button', { name: 'Revoke' }));
    expect(revoked).not.toHaveBeenCalled();
    const firefox = rowOf('198.51.100.4');
    expect(within(firefox).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    fireEvent.click(within(firefox).getByRole('button', { name: 'Confirm revoke' }));

    await waitFor(() => expect(sessionRows()).toHaveLength(2));
    expect(revoked).toHaveBeenCalledTimes(1);
    expect(revoked).toHaveBeenCalledWith({ id: 's-firefox' });
    expect(screen.getByText(/Revoked the session of Firefox 140 on Windows/)).toBeInTheDocument();
    expect(screen.queryByText('198.51.100.4', { selector: '.sessions-table td' })).not.toBeInTheDocument();
  });

  it('keeps the session and says so in plain words when revoking fails', async () => {
    renderApp('/account/sessions', {
      signedInAs: PLAIN_USER,
      mocks: [
        sessionsAnswer,
        {
          request: { query: REVOKE_SESSION_MUTATION, variables: { id: 's-iphone' } },
          error: new Error('fetch failed ECONNRESET 10.1.2.3'),
        },
      ],
    });
    await screen.findByRole('table', { name: 'Active sessions' });

    fireEvent.click(within(rowOf('192.0.2.77')).getByRole('button', { name: 'Revoke' }));
    fireEvent.click(within(rowOf('192.0.2.77')).getByRole('button', { name: 'Confirm revoke' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The API could not be reached.');
    expect(sessionRows()).toHaveLength(3);
    expect(document.body).not.toHaveTextContent(/ECONNRESET|10\.1\.2\.3/);
  });

  it('"Sign out everywhere else" confirms, calls logoutOthers and reports how many sessions it ended', async () => {
    const loggedOut = jest.fn(() => ({ data: { logoutOthers: 2 } }));
    renderApp('/account/sessions', {
      signedInAs: PLAIN_USER,
      mocks: [sessionsAnswer, { request: { query: LOGOUT_OTHERS_MUTATION }, result: loggedOut }],
    });
    await screen.findByRole('table', { name: 'Active sessions' });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out everywhere else' }));
    expect(loggedOut).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, sign out everywhere else' }));

    expect(await screen.findByText('Signed out 2 other sessions.')).toBeInTheDocument();
    expect(loggedOut).toHaveBeenCalledTimes(1);
    expect(sessionRows()).toHaveLength(1);
    expect(sessionRows()[0]).toHaveTextContent('This device');
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).not.toBeInTheDocument();
  });
});
