/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it } from '@jest/globals';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, account, errorAnswer, usersAnswer } from '../shared/console.fixtures';
import { USERS_QUERY } from './users.operations';

const ALL = { search: null, filter: {}, first: 20, after: null };

function accountsTable() {
  return screen.getByRole('table', { name: 'Accounts' });
}

describe('console users list', () => {
  it('lists accounts with their facts, each linking to its page', async () => {
    renderApp('/console/users', {
      signedInAs: SUPPORT_USER,
      mocks: [
        {
          request: { query: USERS_QUERY, variables: ALL },
          result: { data: usersAnswer([account({ roles: ['user', 'support'], locked: true, totpEnabled: true })]) },
        },
      ],
    });

    expect(await screen.findByRole('link', { name: 'grace@example.com' })).toHaveAttribute('href', `/console/users/${account().id}`);
    const row = within(accountsTable()).getAllByRole('row')[1];
    if (!row) throw new Error('no account row');
    expect(row).toHaveTextContent('Locked');
    expect(row).toHaveTextContent('user, support');
    expect(screen.getByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
  });

  it('puts the search and the filters into the query variables and the URL, and Back restores the form', async () => {
    const { router } = renderApp('/console/users', {
      signedInAs: ADMIN_USER,
      mocks: [
        { request: { query: USERS_QUERY, variables: ALL }, result: { data: usersAnswer([account()]) } },
        {
          request: {
            query: USERS_QUERY,
            variables: { search: 'ada', filter: { verified: true, totpEnabled: false, role: 'admin' }, first: 20, after: null },
          },
          result: { data: usersAnswer([account({ id: ADMIN_USER.id, email: 'ada.admin@example.com', roles: ['user', 'admin'] })]) },
        },
      ],
    });
    await screen.findByRole('link', { name: 'grace@example.com' });

    fireEvent.change(screen.getByLabelText('Email contains'), { target: { value: '  ada ' } });
    fireEvent.change(screen.getByLabelText('Verified'), { target: { value: 'yes' } });
    fireEvent.change(screen.getByLabelText('2FA'), { target: { value: 'no' } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'admin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('link', { name: 'ada.admin@example.com' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'grace@example.com' })).not.toBeInTheDocument();
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      q: 'ada',
      verified: 'yes',
      totp: 'no',
      role: 'admin',
    });
    expect(screen.getByLabelText('Locked')).toHaveValue('');

    await act(() => router.navigate(-1));
    expect(await screen.findByRole('link', { name: 'grace@example.com' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email contains')).toHaveValue('');
    expect(screen.getByLabelText('Role')).toHaveValue('');
  });

  it('reads a linked, filtered view from the URL', async () => {
    renderApp('/console/users?q=grace&locked=yes&role=support', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: {
            query: USERS_QUERY,
            variables: { search: 'grace', filter: { locked: true, role: 'support' }, first: 20, after: null },
          },
          result: { data: usersAnswer([account({ locked: true })]) },
        },
      ],
    });

    expect(await screen.findByRole('link', { name: 'grace@example.com' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email contains')).toHaveValue('grace');
    expect(screen.getByLabelText('Locked')).toHaveValue('yes');
    expect(screen.getByLabelText('Role')).toHaveValue('support');
  });

  it('asks for the next page with the endCursor as `after`, and goes back to the first page', async () => {
    const { router } = renderApp('/console/users?role=user', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USERS_QUERY, variables: { search: null, filter: { role: 'user' }, first: 20, after: null } },
          result: { data: usersAnswer([account()], { hasNextPage: true, endCursor: 'end-of-page-1' }) },
        },
        {
          request: { query: USERS_QUERY, variables: { search: null, filter: { role: 'user' }, first: 20, after: 'end-of-page-1' } },
          result: { data: usersAnswer([account({ id: '22222222-2222-4222-8222-222222222222', email: 'linus@example.com' })]) },
        },
      ],
    });
    await screen.findByRole('link', { name: 'grace@example.com' });
    expect(screen.queryByRole('button', { name: 'First page' })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByRole('link', { name: 'linus@example.com' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('after')).toBe('end-of-page-1');
    expect(new URLSearchParams(router.state.location.search).get('role')).toBe('user');
    expect(screen.queryByRole('button', { name: 'Next page' })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'First page' }));
    expect(await screen.findByRole('link', { name: 'grace@example.com' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('after')).toBeNull();
  });

  it('says "No accounts match" when nothing does', async () => {
    renderApp('/console/users?q=nobody', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: USERS_QUERY, variables: { search: 'nobody', filter: {}, first: 20, after: null } },
          result: { data: usersAnswer([]) },
        },
      ],
    });

    expect(await screen.findByText('No accounts match')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Clear filters' })).toBeInTheDocument();
  });

  it('words a refusal for the role, never the raw server error', async () => {
    renderApp('/console/users', {
      signedInAs: SUPPORT_USER,
      mocks: [{ request: { query: USERS_QUERY, variables: ALL }, result: errorAnswer('FORBIDDEN') }],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('Your role cannot do this.');
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
  });
});
