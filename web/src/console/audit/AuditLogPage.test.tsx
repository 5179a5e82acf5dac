/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, TARGET_ID, auditEntry, auditLogAnswer, errorAnswer } from '../shared/console.fixtures';
import { AUDIT_LOG_QUERY } from './audit.operations';

const NEWEST = { filter: {}, first: 50, after: null };

function entriesTable() {
  return screen.getByRole('table', { name: 'Entries' });
}

describe('console audit log', () => {
  it('sends the filters of the URL with the query, times converted to ISO, and fills the form with them', async () => {
    const from = '2026-11-01T08:30';
    const to = '2026-11-02T00:00';
    renderApp(`/console/audit?type=role.granted&actorId=${ADMIN_USER.id}&subjectId=${TARGET_ID}&from=${from}&to=${to}`, {
      signedInAs: SUPPORT_USER,
      mocks: [
        {
          request: {
            query: AUDIT_LOG_QUERY,
            variables: {
              filter: {
                type: 'role.granted',
                actorId: ADMIN_USER.id,
                subjectId: TARGET_ID,
                from: new Date(from).toISOString(),
                to: new Date(to).toISOString(),
              },
              first: 50,
              after: null,
            },
          },
          result: { data: auditLogAnswer([auditEntry()]) },
        },
      ],
    });

    const row = await screen.findByRole('row', { name: /role\.granted/ });
    expect(row).toHaveTextContent('41');
    expect(within(row).getByRole('link', { name: ADMIN_USER.email })).toHaveAttribute('href', `/console/users/${ADMIN_USER.id}`);
    expect(within(row).getByRole('link', { name: 'grace@example.com' })).toHaveAttribute('href', `/console/users/${TARGET_ID}`);
    expect(screen.getByLabelText('Event type')).toHaveValue('role.granted');
    expect(screen.getByLabelText('Subject id')).toHaveValue(TARGET_ID);
    expect(screen.getByLabelText('From')).toHaveValue(from);
  });

  it('puts submitted filters into the URL and the query, from the newest entry', async () => {
    const { router } = renderApp('/console/audit?after=audit-cursor-9', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: AUDIT_LOG_QUERY, variables: { ...NEWEST, after: 'audit-cursor-9' } },
          result: { data: auditLogAnswer([auditEntry({ seq: '9' })]) },
        },
        {
          request: { query: AUDIT_LOG_QUERY, variables: { filter: { type: 'key.rotated' }, first: 50, after: null } },
          result: { data: auditLogAnswer([]) },
        },
      ],
    });
    await screen.findByRole('row', { name: /role\.granted/ });

    fireEvent.change(screen.getByLabelText('Event type'), { target: { value: 'key.rotated' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(await screen.findByText('No entries match')).toBeInTheDocument();
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({ type: 'key.rotated' });
  });

  it('names the actor by email, else by id, else "system", and pretty-prints the details', async () => {
    renderApp('/console/audit', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: AUDIT_LOG_QUERY, variables: NEWEST },
          result: {
            data: auditLogAnswer([
              auditEntry({
                id: 'e3',
                seq: '3',
                type: 'auth.login.failed',
                actorId: null,
                actor: null,
                subjectId: null,
                subject: null,
                details: { reason: 'INVALID_CREDENTIALS' },
              }),
              auditEntry({ id: 'e2', seq: '2', type: 'session.revoked', actorId: TARGET_ID, actor: null }),
            ]),
          },
        },
      ],
    });

    const [, systemRow, byIdRow] = await screen.findAllByRole('row');
    if (!systemRow || !byIdRow) throw new Error('rows missing');
    expect(within(systemRow).getAllByRole('cell')[3]).toHaveTextContent('system');
    expect(within(byIdRow).getByRole('link', { name: TARGET_ID })).toBeInTheDocument();
    const details = within(systemRow).getByText('Details').closest('details');
    expect(details?.querySelector('pre')?.textContent).toBe('{\n  "reason": "INVALID_CREDENTIALS"\n}');
  });

  it('asks for the next page with the endCursor as `after`', async () => {
    const { router } = renderApp('/console/audit', {
      signedInAs: ADMIN_USER,
      mocks: [
        {
          request: { query: AUDIT_LOG_QUERY, variables: NEWEST },
          result: { data: auditLogAnswer([auditEntry({ seq: '60' })], { hasNextPage: true, endCursor: 'seq-11' }) },
        },
        {
          request: { query: AUDIT_LOG_QUERY, variables: { ...NEWEST, after: 'seq-11' } },
          result: { data: auditLogAnswer([auditEntry({ id: 'old', seq: '10', type: 'user.registered' })]) },
        },
      ],
    });
    await screen.findByRole('row', { name: /role\.granted/ });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(await screen.findByRole('row', { name: /user\.registered/ })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('after')).toBe('seq-11');
    expect(within(entriesTable()).queryByText('role.granted')).not.toBeInTheDocument();
  });

  it('words a refusal for the role, never the raw server error', async () => {
    renderApp('/console/audit', {
      signedInAs: ADMIN_USER,
      mocks: [{ request: { query: AUDIT_LOG_QUERY, variables: NEWEST }, result: errorAnswer('FORBIDDEN') }],
    });

    expect(await screen.findByRole('alert')).toHaveTextContent('Your role cannot do this.');
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
  });
});
