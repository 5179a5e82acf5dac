/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Rule: roles change only through grantRole/revokeRole (roles:grant, admins), and the page shows the roles the
// server answered with. Support staff see the roles but get no controls; the server's CONFLICT (revoking your
// own admin role) is shown in its own words.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, TARGET_ID, accountDetail, errorAnswer } from '../shared/console.fixtures';
import { GRANT_ROLE_MUTATION, REVOKE_ROLE_MUTATION, USER_DETAIL_QUERY } from './user-detail.operations';

function rolesHeld() {
  return within(screen.getByRole('list', { name: 'Roles held' }))
    .getAllByRole('listitem')
    .map((item) => item.querySelector('.console-name')?.textContent);
}

describe('console user detail: roles', () => {
  it('grants a role with grantRole and shows the roles the server answered with', async () => {
    const grant = jest.fn(() => ({ data: { grantRole: ['user', 'support'] } }));
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        { request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: true } }, result: { data: accountDetail() } },
        { request: { query: GRANT_ROLE_MUTATION, variables: { userId: TARGET_ID, role: 'support' } }, result: grant },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Roles' });
    expect(rolesHeld()).toEqual(['user']);
    const select = within(card).getByLabelText('Role to grant');
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['support', 'admin']);

    fireEvent.change(select, { target: { value: 'support' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Grant' }));

    expect(await within(card).findByText('Granted support. Roles now: user, support.')).toBeInTheDocument();
    expect(grant).toHaveBeenCalledTimes(1);
    expect(rolesHeld()).toEqual(['user', 'support']);
    expect(
      within(within(card).getByLabelText('Role to grant'))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['admin']);
  });

  it('revokes a role with revokeRole', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: true } },
          result: { data: accountDetail({ roles: ['user', 'support'] }) },
        },
        {
          request: { query: REVOKE_ROLE_MUTATION, variables: { userId: TARGET_ID, role: 'support' } },
          result: { data: { revokeRole: ['user'] } },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Roles' });

    fireEvent.click(within(card).getByRole('button', { name: 'Revoke support' }));

    expect(await within(card).findByText('Revoked support. Roles now: user.')).toBeInTheDocument();
    expect(rolesHeld()).toEqual(['user']);
  });

  it("shows the server's CONFLICT message when an admin revokes their own admin role, and says whose account it is", async () => {
    renderApp(`/console/users/${ADMIN_USER.id}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: ADMIN_USER.id, withLoginStats: true } },
          result: { data: accountDetail({ id: ADMIN_USER.id, email: ADMIN_USER.email, roles: ['user', 'admin'] }) },
        },
        {
          request: { query: REVOKE_ROLE_MUTATION, variables: { userId: ADMIN_USER.id, role: 'admin' } },
          result: errorAnswer('CONFLICT', 'You cannot revoke your own admin role; ask another admin.'),
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Roles' });
    expect(screen.getByText(/This is your own account/)).toBeInTheDocument();

    fireEvent.click(within(card).getByRole('button', { name: 'Revoke admin' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent('You cannot revoke your own admin role; ask another admin.');
    expect(rolesHeld()).toEqual(['user', 'admin']);
  });

  it('gives a support user the roles to read but no grant, revoke or lock controls, and asks for no login counts', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: SUPPORT_USER,
      mocks: [
        {
          request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: false } },
          result: { data: accountDetail({}, false) },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Roles' });

    expect(rolesHeld()).toEqual(['user']);
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
    expect(within(card).getByText('Only admins can grant and revoke roles.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lock account' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Revoke all sessions' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Profile' })).not.toHaveTextContent('Successful logins');
  });

  it('words a FORBIDDEN grant for the role, without the raw error', async () => {
    renderApp(`/console/users/${TARGET_ID}`, {
      signedInAs: ADMIN_USER,
      mocks: [
        { request: { query: USER_DETAIL_QUERY, variables: { id: TARGET_ID, withLoginStats: true } }, result: { data: accountDetail() } },
        { request: { query: GRANT_ROLE_MUTATION, variables: { userId: TARGET_ID, role: 'support' } }, result: errorAnswer('FORBIDDEN') },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Roles' });

    fireEvent.click(within(card).getByRole('button', { name: 'Grant' }));

    expect(await within(card).findByRole('alert')).toHaveTextContent('Your role cannot do this.');
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
  });
});
