/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Rule: a lock needs a reason (it goes into the audit log) and a confirm step, because it ends every session of
// the account at once. The server is the judge of who may lock: its FORBIDDEN is worded for the role, and its
// raw text never shows.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, TARGET_ID, accountDetail, errorAnswer } from '../shared/console.fixtures';
import { LOCK_USER_MUTATION, UNLOCK_USER_MUTATION, USER_DETAIL_QUERY } from './user-detail.operations';

const detailMock = (overrides = {}) => ({
  request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: true } },
  result: { data: accountDetail(overrides) },
});

describe('console user detail: lock', () => {
  it('needs a reason, asks to confirm, then locks with lockUser and shows the account locked', async () => {
    const lock = jest.fn(() => ({ data: { lockUser: { __typename: 'User', id: TARGET_ID, locked: true } } }));
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        detailMock(),
        {
          request: { query: LOCK_USER_MUTATION, variables: { userId: TARGET_ID, reason: 'Credential stuffing from 203.0.113.5' } },
          result: lock,
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Lock' });

    fireEvent.click(within(card).getByRole('button', { name: 'Lock account' }));
    expect(within(card).getByLabelText('Reason for the lock')).toHaveAccessibleDescription(/Say why the account is being locked/);
    expect(within(card).queryByRole('button', { name: 'Confirm lock' })).not.toBeInTheDocument();

    fireEvent.change(within(card).getByLabelText('Reason for the lock'), { target: { value: ' Credential stuffing from 203.0.113.5 ' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Lock account' }));
    expect(within(card).getByText(/Lock grace@example.com\? Every session ends now/)).toBeInTheDocument();
    expect(lock).not.toHaveBeenCalled();
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm lock' }));

    expect(await within(card).findByText(/^Locked\. Every session of the account has ended/)).toBeInTheDocument();
    expect(lock).toHaveBeenCalledTimes(1);
    expect(within(card).getByRole('button', { name: 'Unlock account' })).toBeInTheDocument();
    // The term and, now, the badge beside it.
    expect(within(screen.getByRole('region', { name: 'Profile' })).getAllByText('Locked')).toHaveLength(2);
    expect(within(screen.getByRole('region', { name: 'Active sessions' })).getByText('No active sessions')).toBeInTheDocument();
  });

  it('unlocks a locked account with unlockUser', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        detailMock({ locked: true }),
        {
          request: { query: UNLOCK_USER_MUTATION, variables: { userId: TARGET_ID } },
          result: { data: { unlockUser: { __typename: 'User', id: TARGET_ID, locked: false } } },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Lock' });

    fireEvent.click(within(card).getByRole('button', { name: 'Unlock account' }));

    expect(await within(card).findByText('Unlocked. The account can sign in again.')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Lock account' })).toBeInTheDocument();
  });

  it('shows "Your role cannot do this" when the server refuses the lock (FORBIDDEN), and no raw error', async () => {
    // The viewer still reads as admin here (the role was revoked since sign-in): the server refuses all the same.
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: { ...SUPPORT_USER, roles: ['user', 'support', 'admin'] },
      mocks: [
        detailMock(),
        { request: { query: LOCK_USER_MUTATION, variables: { userId: TARGET_ID, reason: 'abuse' } }, result: errorAnswer('FORBIDDEN') },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Lock' });

    fireEvent.change(within(card).getByLabelText('Reason for the lock'), { target: { value: 'abuse' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Lock account' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm lock' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent('Your role cannot do this.');
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
    expect(within(card).getByRole('button', { name: 'Lock account' })).toBeInTheDocument();
  });

  it('offers a support user no lock, and says why', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: SUPPORT_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: false } },
          result: { data: accountDetail({ locked: true }, false) },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Lock' });

    expect(within(card).getByText(/This account is locked/)).toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers no lock of your own account', async () => {
    renderApp(`/console/users/${ADMIN_USER.id}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: ADMIN_USER.id, withLoginStats: true } },
          result: { data: accountDetail({ id: ADMIN_USER.id, email: ADMIN_USER.email, roles: ['user', 'admin'] }) },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Lock' });

    expect(within(card).getByText('You cannot lock your own account.')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Lock account' })).not.toBeInTheDocument();
  });
});
