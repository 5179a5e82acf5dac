/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Rule: the audit chain's verification is reported in words a person can act on: on success the count and the
// head (seq and hash, to keep elsewhere: removal from the very end still verifies); on a break the problem and
// the first broken entry.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderApp } from '../../testing/render-app';
import { ADMIN_USER, RAW_SERVER_TEXT, SUPPORT_USER, auditLogAnswer, chainReport, errorAnswer } from '../shared/console.fixtures';
import { AUDIT_LOG_QUERY, VERIFY_AUDIT_CHAIN_QUERY } from './audit.operations';

const HEAD_HASH = '3f2a9c0d1e2b'.padEnd(64, '0');
const emptyLog = {
  request: { query: AUDIT_LOG_QUERY, variables: { filter: {}, first: 50, after: null } },
  result: { data: auditLogAnswer([]) },
};

async function verify() {
  const card = await screen.findByRole('region', { name: 'Integrity' });
  fireEvent.click(within(card).getByRole('button', { name: 'Verify the chain' }));
  return card;
}

describe('console audit log: verifying the chain', () => {
  it('asks only when the person presses the button, and reports every entry verified with the head', async () => {
    const report = jest.fn(() => ({ data: chainReport({ ok: true, checked: 1234, headSeq: '1234', headHash: HEAD_HASH }) }));
    renderApp('/console/audit', {
      signedInAs: SUPPORT_USER,
      mocks: [emptyLog, { request: { query: VERIFY_AUDIT_CHAIN_QUERY }, result: report }],
    });
    await screen.findByText('No entries match');
    expect(report).not.toHaveBeenCalled();

    const card = await verify();

    const outcome = await within(card).findByRole('status');
    expect(outcome).toHaveTextContent('All 1234 entries verified; head #1234 3f2a9c0d1e2b…');
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('reports an edited entry (HASH_MISMATCH) as an error naming the first broken entry', async () => {
    renderApp('/console/audit', {
      signedInAs: ADMIN_USER,
      mocks: [
        emptyLog,
        {
          request: { query: VERIFY_AUDIT_CHAIN_QUERY },
          result: {
            data: chainReport({
              ok: false,
              checked: 41,
              firstBrokenSeq: '42',
              problem: 'HASH_MISMATCH',
              reason: 'hash of seq 42 is 9f…, expected ab…',
              headSeq: '41',
              headHash: HEAD_HASH,
            }),
          },
        },
      ],
    });

    const card = await verify();

    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('The audit chain is broken at entry #42: an entry was edited.');
    expect(alert).toHaveTextContent('41 entries before it verified intact; the last intact one is #41.');
    expect(alert).not.toHaveTextContent('HASH_MISMATCH');
  });

  it.each([
    ['SEQ_GAP', 'entries are missing'],
    ['PREV_HASH_MISMATCH', 'an entry was replaced'],
  ] as const)('words %s as "%s"', async (problem, words) => {
    renderApp('/console/audit', {
      signedInAs: ADMIN_USER,
      mocks: [
        emptyLog,
        {
          request: { query: VERIFY_AUDIT_CHAIN_QUERY },
          result: { data: chainReport({ ok: false, checked: 6, firstBrokenSeq: '7', problem, headSeq: '6', headHash: HEAD_HASH }) },
        },
      ],
    });

    const card = await verify();

    expect(await within(card).findByRole('alert')).toHaveTextContent(`The audit chain is broken at entry #7: ${words}.`);
  });

  it('words a failed verification without the raw error', async () => {
    renderApp('/console/audit', {
      signedInAs: ADMIN_USER,
      mocks: [emptyLog, { request: { query: VERIFY_AUDIT_CHAIN_QUERY }, result: errorAnswer('INTERNAL_SERVER_ERROR') }],
    });

    const card = await verify();

    expect(await within(card).findByRole('alert')).toHaveTextContent('The platform had a problem answering.');
    expect(document.body).not.toHaveTextContent(RAW_SERVER_TEXT);
  });
});
