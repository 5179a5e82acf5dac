// Rule: the audit log is append-only and tamper-evident. The database refuses UPDATE, DELETE and TRUNCATE on it;
// and when someone with the power to switch that guard off edits or deletes an entry anyway, verifyAuditChain
// reports the chain broken at that entry.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { AuditChainKey } from '../src/audit/audit-chain-key.js';
import type { HashedAuditFields, JsonValue } from '../src/audit/audit-hash.js';
import { startAdminHarness, userIdentity, waitFor } from './support.js';
import type { AdminHarness } from './support.js';

// The integration project's testTimeout does not reach the runner (jest reads it from the global config only).
jest.setTimeout(60_000);

const auditor = userIdentity('5d2b0f3e-6a7c-4e1d-8b9a-0c1d2e3f4a01', ['audit:read']);
const USER = '5d2b0f3e-6a7c-4e1d-8b9a-0c1d2e3f4a02';
const ADMIN = '5d2b0f3e-6a7c-4e1d-8b9a-0c1d2e3f4a03';
const TOTAL = 40;

interface Report {
  ok: boolean;
  checked: number;
  firstBrokenSeq: string | null;
  problem: string | null;
  reason: string | null;
  headSeq: string | null;
  headHash: string | null;
}

interface AuditRow {
  seq: string;
  id: string;
  event_id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor_id: string | null;
  subject_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: JsonValue;
  prev_hash: string;
  hash: string;
}

function fieldsOf(row: AuditRow): HashedAuditFields {
  return {
    seq: Number(row.seq),
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    // Raw queries through MikroORM return timestamptz as text.
    occurredAt: new Date(row.occurred_at),
    recordedAt: new Date(row.recorded_at),
    actorId: row.actor_id,
    subjectId: row.subject_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details,
  };
}

let h: AdminHarness;

async function verify(): Promise<Report> {
  const res = await h.graphql<{ verifyAuditChain: Report }>(
    '{ verifyAuditChain { ok checked firstBrokenSeq problem reason headSeq headHash } }',
    {},
    auditor,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.verifyAuditChain;
}

/** Runs `sql` with the append-only trigger switched off, as a superuser could, and switches it back on. */
async function asSuperuser(sql: string): Promise<void> {
  await h.sql('alter table "admin"."audit_log" disable trigger "audit_log_append_only"');
  try {
    await h.sql(sql);
  } finally {
    await h.sql('alter table "admin"."audit_log" enable trigger "audit_log_append_only"');
  }
}

beforeAll(async () => {
  h = await startAdminHarness();
  // A run of mixed events: every known type, an unknown one, odd data, with and without actor and subject.
  const known = Object.values(EVENT_TYPES);
  const inputs = Array.from({ length: TOTAL }, (_, i) => ({
    type: i === 7 ? 'something.nobody.declared' : known[i % known.length]!,
    actorId: i % 3 === 0 ? ADMIN : null,
    subjectId: i % 2 === 0 ? USER : null,
    ip: i % 4 === 0 ? null : `198.51.100.${i}`,
    userAgent: 'Mozilla/5.0 "quoted" \\ ünïcödé',
    data: { i, nested: { z: [1, 'two', null, { b: true, a: 1.5 }], a: 'x\u0000y' }, empty: {} },
  }));
  await h.publish(...inputs);
  await waitFor(`${TOTAL} audit entries`, async () => (await h.count()) === TOTAL);
});
afterAll(async () => {
  await h?.close();
});

describe('audit log tamper evidence', () => {
  it('verifies after a run of mixed events, unknown types included', async () => {
    expect(await verify()).toEqual({
      ok: true,
      checked: TOTAL,
      firstBrokenSeq: null,
      problem: null,
      reason: null,
      headSeq: String(TOTAL),
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const types = await h.sql<{ type: string }>('select "type" from "admin"."audit_log" where "seq" = 8');
    expect(types[0]?.type).toBe('something.nobody.declared');
  });

  it('chains every entry to the one before it, from the genesis hash, with gapless seq', async () => {
    const rows = await h.sql<{ seq: string; prev_hash: string; hash: string }>(
      'select "seq", "prev_hash", "hash" from "admin"."audit_log" order by "seq"',
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
  });

  it.each([
    ['UPDATE', `update "admin"."audit_log" set "details" = '{}' where "seq" = 3`],
    ['DELETE', `delete from "admin"."audit_log" where "seq" = 3`],
    ['TRUNCATE', `truncate "admin"."audit_log"`],
  ])('refuses %s at the database level', async (op, sql) => {
    await expect(h.sql(sql)).rejects.toThrow(new RegExp(`append-only: ${op} refused`));
    expect(await h.count()).toBe(TOTAL);
  });

  it('detects an entry edited by SQL with the guard switched off, and names it', async () => {
    const [original] = await h.sql<{ details: unknown }>('select "details" from "admin"."audit_log" where "seq" = 12');
    await asSuperuser(`update "admin"."audit_log" set "details" = jsonb_set("details", '{i}', '999') where "seq" = 12`);
    expect(await verify()).toMatchObject({ ok: false, checked: 11, firstBrokenSeq: '12', problem: 'HASH_MISMATCH' });

    // Putting the original content back restores the chain: the hash covers the content, not the row's history.
    await asSuperuser(
      `update "admin"."audit_log" set "details" = '${JSON.stringify(original?.details).replace(/'/g, "''")}'::jsonb where "seq" = 12`,
    );
    expect(await verify()).toMatchObject({ ok: true, checked: TOTAL });
  });

  it('detects an edit whose author also recomputed its hash, at the next link', async () => {
    const [row] = await h.sql<AuditRow>('select * from "admin"."audit_log" where "seq" = 20');
    const forged = { ...fieldsOf(row!), ip: '10.0.0.1' };
    // Even an author holding the chain key (able to recompute the keyed link) breaks the next link.
    const hash = new AuditChainKey(h.config.AUDIT_CHAIN_KEY).link(row!.prev_hash, forged);
    await asSuperuser(`update "admin"."audit_log" set "ip" = '10.0.0.1', "hash" = '${hash}' where "seq" = 20`);
    expect(await verify()).toMatchObject({ ok: false, checked: 20, firstBrokenSeq: '21', problem: 'PREV_HASH_MISMATCH' });
  });

  it('detects a deleted entry and names the first missing seq', async () => {
    await asSuperuser(`delete from "admin"."audit_log" where "seq" in (5, 6)`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, checked: 4, firstBrokenSeq: '5', problem: 'SEQ_GAP', headSeq: '4' });
    expect(report.reason).toMatch(/5–6 are missing/);
  });

  it('keeps appending to the chain after tampering (new entries chain to the stored head)', async () => {
    await h.publish({ type: 'key.rotated', data: { kid: 'k2', previousKid: 'k1' } });
    await waitFor('one more entry', async () => (await h.count()) === TOTAL - 1);
    const [head] = await h.sql<{ seq: string }>('select max("seq") as seq from "admin"."audit_log"');
    expect(Number(head?.seq)).toBe(TOTAL + 1);
  });
});
