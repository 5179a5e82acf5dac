/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, TARGET_ID, accountDetail, errorAnswer } from '../shared/console.fixtures';
import { REVOKE_USER_SESSIONS_MUTATION, USER_DETAIL_QUERY } from './user-detail.operations';

const AS_ADMIN = { id: TARGET_ID, withLoginStats: true };

describe('console user detail', () => {
  it('shows the profile, login counts, sessions and audit trail, with a link to the full log', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: USER_DETAIL_QUERY, variables: AS_ADMIN }, result: { data: accountDetail() } }],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'grace@example.com' })).toBeInTheDocument();
    const profile = screen.getByRole('region', { name: 'Profile' });
    expect(profile).toHaveTextContent(TARGET_ID);
    expect(profile).toHaveTextContent('Successful logins7');
    const sessions = within(screen.getByRole('table', { name: 'Active sessions' })).getAllByRole('row');
    expect(sessions).toHaveLength(3);
    expect(sessions[2]).toHaveTextContent('password + authenticator code');
    const trail = screen.getByRole('region', { name: 'Audit trail' });
    expect(within(trail).getByRole('row', { name: /auth\.login\.succeeded/ })).toHaveTextContent('this account');
    expect(within(trail).getByRole('link', { name: 'See all in the audit log' })).toHaveAttribute(
      'href',
      `/console/audit?subjectId=${TARGET_ID}`,
    );
    expect(screen.queryByText(/This is your own account/)).not.toBeInTheDocument();
  });

  it('says "No such account" when there is none', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: USER_DETAIL_QUERY, variables: AS_ADMIN }, result: { data: { user: null } } }],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'No such account' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to users' })).toHaveAttribute('href', '/console/users');
  });

  it('says "No such account" for an id that is not one (VALIDATION_FAILED), without the server text', async () => {
    renderApp('/console/users/not-a-uuid', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: 'not-a-uuid', withLoginStats: true } },
          result: errorAnswer('VALIDATION_FAILED', 'id is not a valid user id.'),
        },
      ],
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'No such account' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('id is not a valid user id.');
  });

  it('ends every session after a confirm step, says how many, and reads the account again', async () => {
    const revoke = jest.fn(() => ({ data: { revokeUserSessions: 2 } }));
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: SUPPORT_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: false } },
          result: { data: accountDetail({}, false) },
        },
        { request: { query: REVOKE_USER_SESSIONS_MUTATION, variables: { userId: TARGET_ID } }, result: revoke },
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: false } },
          result: { data: accountDetail({ sessions: [] }, false) },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Active sessions' });

    fireEvent.click(within(card).getByRole('button', { name: 'Revoke all sessions' }));
    expect(within(card).getByText('End all 2 sessions of grace@example.com? They will have to sign in again.')).toBeInTheDocument();
    expect(revoke).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm: end every session' }));

    expect(await within(card).findByText('Ended 2 sessions.')).toBeInTheDocument();
    expect(revoke).toHaveBeenCalledTimes(1);
    expect(await within(card).findByText('No active sessions')).toBeInTheDocument();
  });

  it('signs you out here when you end every session of your own account (this one included)', async () => {
    const { router } = renderApp(`/console/users/${ADMIN_USER.id}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: ADMIN_USER.id, withLoginStats: true } },
          result: { data: accountDetail({ id: ADMIN_USER.id, email: ADMIN_USER.email, roles: ['user', 'admin'] }) },
        },
        {
          request: { query: REVOKE_USER_SESSIONS_MUTATION, variables: { userId: ADMIN_USER.id } },
          result: { data: { revokeUserSessions: 2 } },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Active sessions' });

    fireEvent.click(within(card).getByRole('button', { name: 'Revoke all sessions' }));
    expect(within(card).getByText(/of your own account, this one included\?/)).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm: end every session' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('lets the confirm step be cancelled without ending anything', async () => {
    const revoke = jest.fn(() => ({ data: { revokeUserSessions: 2 } }));
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        { request: { query: USER_DETAIL_QUERY, variables: AS_ADMIN }, result: { data: accountDetail() } },
        { request: { query: REVOKE_USER_SESSIONS_MUTATION, variables: { userId: TARGET_ID } }, result: revoke },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Active sessions' });

    fireEvent.click(within(card).getByRole('button', { name: 'Revoke all sessions' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Cancel' }));

    expect(within(card).getByRole('button', { name: 'Revoke all sessions' })).toBeInTheDocument();
    expect(revoke).not.toHaveBeenCalled();
  });

  it('words a refused read for the role, never the raw server error', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: USER_DETAIL_QUERY, variables: AS_ADMIN }, result: errorAnswer('FORBIDDEN') }],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('Your role cannot do this.');
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
  });
});
