// Rule: a user's audit trail is visible to that user and to holders of audit:read only; the whole log and its
// verification need audit:read, adminPing needs admin:access and systemOverview needs system:read. The subgraph
// enforces this itself, for `_entities` as for root fields.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ANONYMOUS, codes, startAdminHarness, userIdentity, waitFor } from './support.js';
import type { AdminHarness } from './support.js';

// The integration project's testTimeout does not reach the runner (jest reads it from the global config only).
jest.setTimeout(60_000);

const ALICE = '0b6f8b8e-1d7e-4b8a-9a55-7f0e7b3c1a01';
const BOB = '0b6f8b8e-1d7e-4b8a-9a55-7f0e7b3c1a02';
const alice = userIdentity(ALICE);
const bob = userIdentity(BOB);
const auditor = userIdentity('0b6f8b8e-1d7e-4b8a-9a55-7f0e7b3c1a03', ['audit:read']);
const operator = userIdentity('0b6f8b8e-1d7e-4b8a-9a55-7f0e7b3c1a04', ['admin:access', 'system:read']);

const TRAIL = `query ($id: ID!, $first: Int) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User { id auditTrail(first: $first) { seq type subjectId subject { id } actorId details occurredAt } } } }`;

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
  await h.publish(
    { type: 'user.registered', subjectId: ALICE, actorId: ALICE, data: { email: 'alice@example.test' } },
    { type: 'auth.login.failed', subjectId: ALICE, ip: '203.0.113.9', data: { reason: 'INVALID_CREDENTIALS' } },
    { type: 'user.registered', subjectId: BOB, actorId: BOB, data: { email: 'bob@example.test' } },
  );
  await waitFor('3 audit entries', async () => (await h.count()) === 3);
});
afterAll(async () => {
  await h?.close();
});

describe('User.auditTrail through _entities', () => {
  it("returns a user's own trail, newest first", async () => {
    const res = await h.graphql<{ _entities: { id: string; auditTrail: { type: string; subject: { id: string } }[] }[] }>(
      TRAIL,
      { id: ALICE },
      alice,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.auditTrail.map((e) => e.type)).toEqual(['auth.login.failed', 'user.registered']);
    expect(res.data?._entities[0]?.auditTrail[0]?.subject).toEqual({ id: ALICE });
  });

  it("refuses another plain user's trail with FORBIDDEN", async () => {
    const res = await h.graphql(TRAIL, { id: ALICE }, bob);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(res.data)).not.toContain('alice@example.test');
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    expect(codes(await h.graphql(TRAIL, { id: ALICE }, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets a holder of audit:read read anyone’s trail', async () => {
    const res = await h.graphql<{ _entities: { auditTrail: unknown[] }[] }>(TRAIL, { id: BOB }, auditor);
    expect(res.data?._entities[0]?.auditTrail).toHaveLength(1);
  });

  it('refuses first above 100 with VALIDATION_FAILED', async () => {
    expect(codes(await h.graphql(TRAIL, { id: ALICE, first: 101 }, alice))).toEqual(['VALIDATION_FAILED']);
  });
});

describe('scoped root fields', () => {
  const cases: [string, string, ReturnType<typeof userIdentity>][] = [
    ['auditLog', '{ auditLog { edges { cursor } } }', auditor],
    ['verifyAuditChain', '{ verifyAuditChain { ok } }', auditor],
    ['adminPing', '{ adminPing { ok } }', operator],
    ['systemOverview', '{ systemOverview { ok } }', operator],
  ];

  it.each(cases)('%s: UNAUTHENTICATED for anonymous, FORBIDDEN without the scope, allowed with it', async (_field, query, holder) => {
    expect(codes(await h.graphql(query, {}, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.graphql(query, {}, alice))).toEqual(['FORBIDDEN']);
    const allowed = await h.graphql(query, {}, holder);
    expect(allowed.errors).toBeUndefined();
  });

  it('does not let admin:access stand in for audit:read', async () => {
    expect(codes(await h.graphql('{ auditLog { edges { cursor } } }', {}, operator))).toEqual(['FORBIDDEN']);
  });
});

describe('auditLog', () => {
  const LOG = `query ($filter: AuditFilter, $first: Int, $after: String) { auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { seq type subjectId } } pageInfo { hasNextPage endCursor } } }`;
  type Page = {
    auditLog: {
      edges: { cursor: string; node: { seq: string; type: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  it('pages newest first with opaque cursors', async () => {
    const first = await h.graphql<Page>(LOG, { first: 2 }, auditor);
    expect(first.data?.auditLog.edges.map((e) => e.node.seq)).toEqual(['3', '2']);
    expect(first.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const second = await h.graphql<Page>(LOG, { first: 2, after: first.data?.auditLog.pageInfo.endCursor }, auditor);
    expect(second.data?.auditLog.edges.map((e) => e.node.seq)).toEqual(['1']);
    expect(second.data?.auditLog.pageInfo).toEqual({ hasNextPage: false, endCursor: second.data?.auditLog.edges[0]?.cursor });
  });

  it('filters by subject and type', async () => {
    const res = await h.graphql<Page>(LOG, { filter: { subjectId: ALICE, type: 'user.registered' } }, auditor);
    expect(res.data?.auditLog.edges.map((e) => e.node.seq)).toEqual(['1']);
  });

  it('refuses first above 100, a forged cursor and a malformed filter with VALIDATION_FAILED', async () => {
    expect(codes(await h.graphql(LOG, { first: 101 }, auditor))).toEqual(['VALIDATION_FAILED']);
    expect(codes(await h.graphql(LOG, { after: 'bm9wZQ' }, auditor))).toEqual(['VALIDATION_FAILED']);
    expect(codes(await h.graphql(LOG, { filter: { actorId: 'not-a-uuid' } }, auditor))).toEqual(['VALIDATION_FAILED']);
  });
});

describe('systemOverview', () => {
  it('reports postgres and redis as admin sees them, the other subgraphs (not running here) as failed, and each consumer group', async () => {
    const res = await h.graphql<{ systemOverview: unknown }>(
      '{ systemOverview { ok checkedAt components { name ok detail } eventConsumers { group stream pending lag detail } } }',
      {},
      operator,
    );
    // Only admin runs in this harness: identity and analytics do not answer, and the overview says so.
    expect(res.data?.systemOverview).toEqual({
      ok: false,
      checkedAt: expect.any(String),
      components: [
        { name: 'postgres', ok: true, detail: null },
        { name: 'redis', ok: true, detail: null },
        { name: 'identity', ok: false, detail: expect.stringMatching(/^failed: /) },
        { name: 'analytics', ok: false, detail: expect.stringMatching(/^failed: /) },
      ],
      eventConsumers: [
        { group: 'admin-audit', stream: 'events:auth', pending: 0, lag: 0, detail: null },
        { group: 'analytics', stream: 'events:auth', pending: null, lag: null, detail: 'the consumer group does not exist yet' },
      ],
    });
  });
});
