// Test data for the console's component tests: viewers of each console role and answers shaped like the
// supergraph's (with the __typename that MockedProvider adds to every selection).
import type { Viewer } from '../../auth/operations';
import { ADMIN_USER, PLAIN_USER } from '../../testing/render-app';
import type { AuditChainReport, AuditLogEntry } from '../audit/audit.operations';
import type { AccountDetail } from '../user-detail/user-detail.operations';
import type { AccountSummary } from './account-summary.fragment';

export { ADMIN_USER };

export const SUPPORT_USER: Viewer = {
  ...PLAIN_USER,
  id: '00000000-0000-4000-8000-00000000005c',
  email: 'help@example.com',
  roles: ['user', 'support'],
};

export const TARGET_ID = '11111111-1111-4111-8111-111111111111';

/** What a server error looks like when it leaks internals: the page must never show it. */
export const RAW_SERVER_TEXT = 'assertScope failed at /srv/identity/dist/rbac.js:42 (ECONNREFUSED 10.0.0.7)';

export function account(overrides: Partial<AccountSummary> = {}): AccountSummary & { __typename: 'User' } {
  return {
    __typename: 'User',
    id: TARGET_ID,
    email: 'grace@example.com',
    emailVerified: true,
    createdAt: '2026-10-01T08:00:00.000Z',
    roles: ['user'],
    locked: false,
    totpEnabled: false,
    ...overrides,
  };
}

export function usersAnswer(
  accounts: AccountSummary[],
  pageInfo: { hasNextPage: boolean; endCursor: string | null } = { hasNextPage: false, endCursor: null },
) {
  return {
    users: {
      __typename: 'UserConnection',
      edges: accounts.map((node, index) => ({
        __typename: 'UserEdge',
        cursor: `cursor-${index}-${node.id}`,
        node: { __typename: 'User', ...node },
      })),
      pageInfo: { __typename: 'UserPageInfo', ...pageInfo },
    },
  };
}

/** The detail of TARGET_ID (grace@example.com): two sessions, one audit entry; loginStats when asked for. */
export function accountDetail(overrides: Partial<AccountDetail> = {}, withLoginStats = true) {
  const detail = {
    ...account(),
    sessions: [
      {
        __typename: 'Session',
        id: 'session-1',
        createdAt: '2026-11-20T09:00:00.000Z',
        lastSeenAt: '2026-11-21T10:00:00.000Z',
        ip: '203.0.113.5',
        userAgent: null,
        amr: ['pwd'],
      },
      {
        __typename: 'Session',
        id: 'session-2',
        createdAt: '2026-11-22T09:00:00.000Z',
        lastSeenAt: '2026-11-22T11:00:00.000Z',
        ip: '198.51.100.9',
        userAgent: null,
        amr: ['pwd', 'otp'],
      },
    ],
    auditTrail: [
      {
        __typename: 'AuditEntry',
        id: 'audit-1',
        type: 'auth.login.succeeded',
        occurredAt: '2026-11-22T09:00:00.000Z',
        actorId: TARGET_ID,
        ip: '198.51.100.9',
        details: { sessionId: 'session-2' },
      },
    ],
    ...(withLoginStats
      ? { loginStats: { __typename: 'LoginStats', successCount: 7, failureCount: 2, lastLoginAt: '2026-11-22T09:00:00.000Z' } }
      : {}),
    ...overrides,
  };
  return { user: detail };
}

export function auditEntry(overrides: Partial<AuditLogEntry> = {}) {
  return {
    __typename: 'AuditEntry',
    id: 'entry-1',
    seq: '41',
    type: 'role.granted',
    occurredAt: '2026-11-22T09:00:00.000Z',
    recordedAt: '2026-11-22T09:00:01.000Z',
    actorId: ADMIN_USER.id,
    actor: { __typename: 'User', id: ADMIN_USER.id, email: ADMIN_USER.email },
    subjectId: TARGET_ID,
    subject: { __typename: 'User', id: TARGET_ID, email: 'grace@example.com' },
    ip: '203.0.113.5',
    userAgent: null,
    details: { role: 'support' },
    hash: 'ab'.repeat(32),
    ...overrides,
  };
}

export function auditLogAnswer(
  entries: ReturnType<typeof auditEntry>[],
  pageInfo: { hasNextPage: boolean; endCursor: string | null } = { hasNextPage: false, endCursor: null },
) {
  return {
    auditLog: {
      __typename: 'AuditConnection',
      edges: entries.map((node) => ({ __typename: 'AuditEdge', cursor: `audit-cursor-${node.seq}`, node })),
      pageInfo: { __typename: 'AuditPageInfo', ...pageInfo },
    },
  };
}

export function chainReport(report: Partial<AuditChainReport>) {
  return {
    verifyAuditChain: {
      __typename: 'AuditChainReport',
      ok: true,
      checked: 0,
      firstBrokenSeq: null,
      problem: null,
      reason: null,
      headSeq: null,
      headHash: null,
      ...report,
    },
  };
}

/** A GraphQL error answer with a code of docs/design.md §10 (Errors). */
export function errorAnswer(code: string, message = RAW_SERVER_TEXT) {
  return { errors: [{ message, extensions: { code } }] };
}
