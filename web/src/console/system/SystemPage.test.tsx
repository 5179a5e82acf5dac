/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { lastSevenDays } from './AnalyticsCard';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, errorAnswer } from '../shared/console.fixtures';
import { CONSOLE_ANALYTICS_QUERY, ROTATE_SIGNING_KEY_MUTATION, SYSTEM_OVERVIEW_QUERY } from './system.operations';

function overview(keys: { kid: string; status: string; retiredAt?: string; leavesJwksAt?: string; ageSeconds: number }[]) {
  return {
    systemOverview: {
      __typename: 'SystemOverview',
      id: 'system',
      ok: false,
      checkedAt: '2026-11-22T10:00:00.000Z',
      components: [
        { __typename: 'ComponentHealth', name: 'postgres', ok: true, detail: null },
        { __typename: 'ComponentHealth', name: 'analytics', ok: false, detail: 'timed out after 2000 ms' },
      ],
      eventConsumers: [
        { __typename: 'EventConsumerStatus', group: 'admin-audit', stream: 'cbp:events', pending: 3, lag: 0, detail: null },
        {
          __typename: 'EventConsumerStatus',
          group: 'analytics',
          stream: 'cbp:events',
          pending: null,
          lag: null,
          detail: 'group not created yet',
        },
      ],
      signingKeys: keys.map((key) => ({
        __typename: 'SigningKeyStatus',
        createdAt: '2026-11-01T00:00:00.000Z',
        retiredAt: null,
        leavesJwksAt: null,
        ...key,
      })),
    },
  };
}

const ONE_KEY = overview([{ kid: 'key-2026-11', status: 'current', ageSeconds: 3 * 86_400 + 500 }]);

/** The page asks for the last seven days from the time it opens: any range of six days and some hours answers. */
function analyticsMock(result: jest.Mock<() => MockLink.MockedResponse['result']>): MockLink.MockedResponse {
  const isLastWeek = (variables: Record<string, unknown>) => {
    const days = (Date.parse(String(variables.to)) - Date.parse(String(variables.from))) / 86_400_000;
    return days >= 6 && days <= 7 && Date.now() - Date.parse(String(variables.to)) < 60_000;
  };
  return { request: { query: CONSOLE_ANALYTICS_QUERY, variables: isLastWeek }, result: result as MockLink.MockedResponse['result'] };
}

function analyticsAnswer() {
  return {
    data: {
      authStats: {
        __typename: 'AuthStats',
        from: '2026-11-16T00:00:00.000Z',
        to: '2026-11-22T10:00:00.000Z',
        registrations: 12,
        loginsSucceeded: 340,
        loginsFailed: 25,
        lockouts: 1,
        distinctUsers: 80,
        failuresByReason: [
          { __typename: 'FailureReasonCount', reason: 'INVALID_CREDENTIALS', count: 20 },
          { __typename: 'FailureReasonCount', reason: 'INVALID_OTP', count: 5 },
        ],
      },
      signupsByDay: [
        { __typename: 'DayCount', day: '2026-11-21', count: 4 },
        { __typename: 'DayCount', day: '2026-11-22', count: 8 },
      ],
    },
  };
}

describe('console system overview', () => {
  it('shows the components, the consumers (unknown when null) and the signing keys', async () => {
    renderApp('/console', {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: SYSTEM_OVERVIEW_QUERY }, result: { data: ONE_KEY } }, analyticsMock(jest.fn(analyticsAnswer))],
    });

    expect(await screen.findByText('Something is failing')).toBeInTheDocument();
    const components = screen.getByRole('list', { name: 'Components' });
    expect(within(components).getByText('analytics').closest('li')).toHaveTextContent('Failed');
    expect(within(components).getByText('postgres').closest('li')).toHaveTextContent('OK');
    const consumers = within(screen.getByRole('table', { name: 'Event consumers' })).getAllByRole('row');
    expect(consumers[1]).toHaveTextContent('admin-audit');
    expect(
      within(consumers[2] as HTMLElement)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['analytics', 'cbp:events', 'unknown', 'unknown', 'group not created yet']);
    const key = within(screen.getByRole('table', { name: 'Signing keys' })).getByRole('row', { name: /key-2026-11/ });
    expect(key).toHaveTextContent('Current');
    expect(key).toHaveTextContent('3 days');
  });

  it('rotates the signing key after a confirm step, names the new key and reads the overview again', async () => {
    const rotate = jest.fn(() => ({ data: { rotateSigningKey: { __typename: 'RotateKeyPayload', kid: 'key-2026-12' } } }));
    renderApp('/console', {
      signedInAs: ADMIN_USER,
      mocks: [
        { request: { query: SYSTEM_OVERVIEW_QUERY }, result: { data: ONE_KEY } },
        { request: { query: ROTATE_SIGNING_KEY_MUTATION }, result: rotate },
        {
          request: { query: SYSTEM_OVERVIEW_QUERY },
          result: {
            data: overview([
              { kid: 'key-2026-12', status: 'current', ageSeconds: 5 },
              {
                kid: 'key-2026-11',
                status: 'retired',
                retiredAt: '2026-11-22T10:01:00.000Z',
                leavesJwksAt: '2026-11-22T10:16:00.000Z',
                ageSeconds: 3 * 86_400,
              },
            ]),
          },
        },
        analyticsMock(jest.fn(analyticsAnswer)),
      ],
    });
    const card = await screen.findByRole('region', { name: 'Signing keys' });
    await within(card).findByRole('row', { name: /key-2026-11/ });

    fireEvent.click(within(card).getByRole('button', { name: 'Rotate signing key' }));
    expect(within(card).getByText(/Make a new current signing key\?/)).toBeInTheDocument();
    expect(rotate).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm rotation' }));

    expect(await within(card).findByText('Rotated. The new signing key is key-2026-12.')).toBeInTheDocument();
    expect(rotate).toHaveBeenCalledTimes(1);
    expect(await within(card).findByRole('row', { name: /key-2026-12/ })).toHaveTextContent('less than a minute');
    expect(within(card).getByRole('row', { name: /key-2026-11/ })).toHaveTextContent('Retired');
  });

  it('shows an admin the last seven days of auth analytics', async () => {
    const analytics = jest.fn(analyticsAnswer);
    renderApp('/console', {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: SYSTEM_OVERVIEW_QUERY }, result: { data: ONE_KEY } }, analyticsMock(analytics)],
    });

    const card = await screen.findByRole('region', { name: 'The last 7 days' });
    expect(await within(card).findByText('Registrations')).toBeInTheDocument();
    expect(within(card).getByText('Successful logins').nextElementSibling).toHaveTextContent('340');
    expect(within(card).getByRole('list', { name: 'Failed logins by reason' })).toHaveTextContent('Wrong email or password20');
    expect(within(within(card).getByRole('list', { name: 'Sign-ups per day' })).getAllByRole('listitem')).toHaveLength(2);
    expect(analytics).toHaveBeenCalledTimes(1);
  });

  it('gives a support user no Rotate button and sends no overview or analytics query', async () => {
    const analytics = jest.fn(analyticsAnswer);
    const overviewAnswer = jest.fn(() => ({ data: ONE_KEY }));
    renderApp('/console', {
      signedInAs: SUPPORT_USER,
      mocks: [{ request: { query: SYSTEM_OVERVIEW_QUERY }, result: overviewAnswer }, analyticsMock(analytics)],
    });

    expect(await screen.findByText(/The system overview and analytics are for admins/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'look up accounts' })).toHaveAttribute('href', '/console/users');
    expect(screen.queryByRole('button', { name: 'Rotate signing key' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'GraphQL explorer' })).not.toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(analytics).not.toHaveBeenCalled();
    expect(overviewAnswer).not.toHaveBeenCalled();
  });

  it('words a refused overview for the role, never the raw server error', async () => {
    renderApp('/console', {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: SYSTEM_OVERVIEW_QUERY }, result: errorAnswer('FORBIDDEN') }, analyticsMock(jest.fn(analyticsAnswer))],
    });

    expect(await screen.findByText(/Your role cannot do this/)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
  });
});

describe('console navigation', () => {
  it('has Overview, Users and Audit log, and for admins the GraphQL explorer served by the gateway', async () => {
    renderApp('/console', {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: SYSTEM_OVERVIEW_QUERY }, result: { data: ONE_KEY } }, analyticsMock(jest.fn(analyticsAnswer))],
    });

    const nav = await screen.findByRole('navigation', { name: 'Console' });
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Users' })).toHaveAttribute('href', '/console/users');
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/console/audit');
    expect(within(nav).getByRole('link', { name: 'GraphQL explorer' })).toHaveAttribute('href', '/explorer');
    await screen.findByText('Something is failing');
  });
});

describe('lastSevenDays', () => {
  it('runs from the start of the UTC day six days back to now', () => {
    expect(lastSevenDays(new Date('2026-11-22T10:30:00.000Z'))).toEqual({
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-22T10:30:00.000Z',
    });
  });
});
