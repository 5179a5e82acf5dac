// Rule: the audit chain is anchored outside the database. On the real PostgreSQL: a row rewritten by someone
// without AUDIT_CHAIN_KEY who recomputes plain sha256 links is detected; the newest rows deleted after a signed
// checkpoint (taken on shutdown, kept in Redis) are detected, and the checkpoint does not follow the truncation.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { hashEntry } from '../src/audit/audit-hash.js';
import type { JsonValue } from '../src/audit/audit-hash.js';
import { AUDIT_CHECKPOINT_KEY } from '../src/audit/audit-checkpoint.js';
import { startAdminHarness, userIdentity, waitFor } from './support.js';
import type { AdminHarness } from './support.js';

jest.setTimeout(90_000);

const auditor = userIdentity('6e2b0f3e-6a7c-4e1d-8b9a-0c1d2e3f4a01', ['audit:read']);
const TOTAL = 12;

interface Report {
  ok: boolean;
  checked: number;
  firstBrokenSeq: string | null;
  problem: string | null;
  headSeq: string | null;
}

interface Row {
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

let h: AdminHarness;

async function verify(): Promise<Report> {
  const res = await h.graphql<{ verifyAuditChain: Report }>(
    '{ verifyAuditChain { ok checked firstBrokenSeq problem headSeq } }',
    {},
    auditor,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.verifyAuditChain;
}

async function asSuperuser(sql: string): Promise<void> {
  await h.sql('alter table "admin"."audit_log" disable trigger "audit_log_append_only"');
  try {
    await h.sql(sql);
  } finally {
    await h.sql('alter table "admin"."audit_log" enable trigger "audit_log_append_only"');
  }
}

const rows = () => h.sql<Row>('select * from "admin"."audit_log" order by "seq"');
const quote = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);

beforeAll(async () => {
  h = await startAdminHarness();
  await h.publish(...Array.from({ length: TOTAL }, (_, i) => ({ type: 'auth.login.failed', data: { i } })));
  await waitFor(`${TOTAL} audit entries`, async () => (await h.count()) === TOTAL);
});
afterAll(async () => {
  await h?.close();
});

describe('audit chain anchored outside the database', () => {
  it('verifies a correct chain', async () => {
    expect(await verify()).toMatchObject({ ok: true, checked: TOTAL, problem: null, headSeq: String(TOTAL) });
  });

  it('detects a row rewritten with every later link recomputed as a plain sha256 chain', async () => {
    const original = await rows();
    let prevHash = original[4]!.hash;
    const statements: string[] = [];
    for (const row of original.slice(5)) {
      const fields = {
        seq: Number(row.seq),
        id: row.id,
        eventId: row.event_id,
        type: row.type,
        occurredAt: new Date(row.occurred_at),
        recordedAt: new Date(row.recorded_at),
        actorId: row.actor_id,
        subjectId: row.subject_id,
        ip: row.seq === '6' ? '10.6.6.6' : row.ip,
        userAgent: row.user_agent,
        details: row.details,
      };
      const hash = hashEntry(prevHash, fields);
      statements.push(
        `update "admin"."audit_log" set "ip" = ${quote(fields.ip)}, "prev_hash" = '${prevHash}', "hash" = '${hash}' where "seq" = ${row.seq}`,
      );
      prevHash = hash;
    }
    await asSuperuser(statements.join(';\n'));
    expect(await verify()).toMatchObject({ ok: false, checked: 5, firstBrokenSeq: '6', problem: 'HASH_MISMATCH' });

    // Putting the rows back as they were restores the chain.
    await asSuperuser(
      original
        .slice(5)
        .map(
          (r) =>
            `update "admin"."audit_log" set "ip" = ${quote(r.ip)}, "prev_hash" = '${r.prev_hash}', "hash" = '${r.hash}' where "seq" = ${r.seq}`,
        )
        .join(';\n'),
    );
    expect(await verify()).toMatchObject({ ok: true, checked: TOTAL });
  });

  it('detects the newest rows deleted after a checkpoint, even across a restart', async () => {
    await h.restart(); // shutdown takes a checkpoint of the head
    const stored = JSON.parse((await h.redis.get(AUDIT_CHECKPOINT_KEY))!) as { seq: number; link: string; mac: string };
    const [head] = await h.sql<{ hash: string }>(`select "hash" from "admin"."audit_log" where "seq" = ${TOTAL}`);
    expect(stored).toMatchObject({ seq: TOTAL, link: head!.hash, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });

    await asSuperuser(`delete from "admin"."audit_log" where "seq" > ${TOTAL - 3}`);
    expect(await verify()).toMatchObject({ ok: false, checked: TOTAL - 3, firstBrokenSeq: String(TOTAL - 2), problem: 'TRUNCATED' });

    // The next checkpoints refuse to follow the shorter chain: the truncation stays visible.
    await h.restart();
    expect(JSON.parse((await h.redis.get(AUDIT_CHECKPOINT_KEY))!)).toMatchObject({ seq: TOTAL, link: stored.link });
    expect(await verify()).toMatchObject({ ok: false, problem: 'TRUNCATED' });
  });
});
