// Rule: the audit chain is anchored outside the database. Links from the anchor on are HMACs under a key the
// database does not hold, so whoever rewrites rows and recomputes plain sha256 links is detected; moving or
// deleting the anchor is detected; and removing the newest entries after a signed checkpoint is detected.
import { describe, expect, it } from '@jest/globals';
import { makeEvent } from '@cbp/events';
import type { Logger } from '@cbp/logging';
import { Registry } from '@cbp/metrics';
import { InProcessRedisStore } from '@cbp/redis';
import { AuditChainVerifier } from './audit-chain.js';
import { AuditChainKey } from './audit-chain-key.js';
import type { AuditCheckpoint, ChainAnchor } from './audit-chain-key.js';
import { AuditCheckpointer, AuditCheckpointStore } from './audit-checkpoint.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { GENESIS_HASH, hashEntry } from './audit-hash.js';
import { InMemoryAuditLogRepository } from './audit-log.in-memory.js';
import { AuditRecorder } from './audit-recorder.js';

const key = new AuditChainKey('the-audit-chain-key-0123456789abcdef');
const lines: { obj: Record<string, unknown>; msg: string; level: string }[] = [];
const logger = {
  info: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg, level: 'info' }),
  error: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg, level: 'error' }),
  warn: () => undefined,
  debug: () => undefined,
} as unknown as Logger;

/** `plain` entries recorded before the key existed (plain sha256 links), then `keyed` ones after the anchor. */
async function logOf(plain: number, keyed: number): Promise<InMemoryAuditLogRepository> {
  const log = new InMemoryAuditLogRepository();
  let id = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`;
  for (let i = 0; i < plain; i++) {
    await log.appendAtHead(newId(), (head) => {
      const fields = {
        seq: (head?.seq ?? 0) + 1,
        id: newId(),
        eventId: newId(),
        type: 'user.registered',
        occurredAt: new Date('2026-01-01T00:00:00Z'),
        recordedAt: new Date('2026-01-01T00:00:00Z'),
        actorId: null,
        subjectId: null,
        ip: null,
        userAgent: null,
        details: { i },
      };
      const prevHash = head?.hash ?? GENESIS_HASH;
      return { ...fields, prevHash, hash: hashEntry(prevHash, fields) };
    });
  }
  await log.ensureAnchor((head) => key.anchor((head?.seq ?? 0) + 1));
  const recorder = new AuditRecorder({ log, key, clock: () => new Date('2026-02-01T00:00:00Z'), newId, logger });
  for (let i = 0; i < keyed; i++) await recorder.record(makeEvent({ type: 'auth.login.failed', data: { i } }));
  return log;
}

function verify(entries: readonly AuditEntry[], anchor: ChainAnchor | null, checkpoint: AuditCheckpoint | null = null) {
  const verifier = new AuditChainVerifier({ key, anchor, checkpoint });
  verifier.feed(entries);
  return verifier.report();
}

/** What someone with write access to the table but without the key can do: edit a row, recompute plain links. */
function rewriteWithPlainHashes(entries: AuditEntry[], seq: number): AuditEntry[] {
  const out = entries.map((e) => ({ ...e }));
  let prevHash = out[seq - 2]?.hash ?? GENESIS_HASH;
  for (const entry of out.slice(seq - 1)) {
    if (entry.seq === seq) entry.ip = '10.6.6.6';
    entry.prevHash = prevHash;
    entry.hash = hashEntry(prevHash, entry);
    prevHash = entry.hash;
  }
  return out;
}

describe('keyed audit chain', () => {
  it('verifies a correct chain: plain links before the anchor, keyed links from it on', async () => {
    const log = await logOf(4, 6);
    expect(log.stored?.hmacFromSeq).toBe(5);
    expect(log.entries[4]!.hash).toBe(key.link(log.entries[4]!.prevHash, log.entries[4]!));
    expect(verify(log.entries, log.stored)).toMatchObject({ ok: true, checked: 10, problem: null, head: { seq: 10 } });
  });

  it('detects a keyed row rewritten with recomputed plain hashes', async () => {
    const log = await logOf(4, 6);
    const forged = rewriteWithPlainHashes(log.entries, 7);
    expect(verify(forged, log.stored)).toMatchObject({ ok: false, checked: 6, firstBrokenSeq: 7, problem: 'HASH_MISMATCH' });
  });

  it('detects an old plain row rewritten with recomputed plain hashes (the keyed links after it break)', async () => {
    const log = await logOf(4, 6);
    const forged = rewriteWithPlainHashes(log.entries, 2);
    expect(verify(forged, log.stored)).toMatchObject({ ok: false, firstBrokenSeq: 5, problem: 'HASH_MISMATCH' });
  });

  it('detects the anchor moved past the head to pass such a rewrite off as plain, or deleted', async () => {
    const log = await logOf(4, 6);
    const forged = rewriteWithPlainHashes(log.entries, 7);
    const moved = { hmacFromSeq: 11, mac: key.anchor(5).mac };
    const forgedMac = { hmacFromSeq: 11, mac: new AuditChainKey('someone-elses-key-0123456789abcdef').anchor(11).mac };
    expect(verify(forged, moved)).toMatchObject({ ok: false, checked: 0, problem: 'ANCHOR_INVALID' });
    expect(verify(forged, forgedMac)).toMatchObject({ ok: false, problem: 'ANCHOR_INVALID' });
    expect(verify(forged, null)).toMatchObject({ ok: false, problem: 'ANCHOR_INVALID' });
  });

  it('detects the newest entries deleted after a checkpoint', async () => {
    const log = await logOf(0, 10);
    const checkpoint = key.checkpoint({ seq: 10, link: log.entries[9]!.hash, hmacFromSeq: 1, at: '2026-02-01T00:05:00.000Z' });
    expect(verify(log.entries, log.stored, checkpoint)).toMatchObject({ ok: true, checked: 10 });
    expect(verify(log.entries.slice(0, 7), log.stored, checkpoint)).toMatchObject({
      ok: false,
      checked: 7,
      firstBrokenSeq: 8,
      problem: 'TRUNCATED',
      head: { seq: 7 },
    });
  });

  it('detects a checkpoint the chain no longer matches, and a forged checkpoint', async () => {
    const log = await logOf(0, 10);
    const other = key.checkpoint({ seq: 6, link: 'f'.repeat(64), hmacFromSeq: 1, at: '2026-02-01T00:05:00.000Z' });
    expect(verify(log.entries, log.stored, other)).toMatchObject({ ok: false, firstBrokenSeq: 6, problem: 'CHECKPOINT_MISMATCH' });
    const genuine = key.checkpoint({ seq: 10, link: log.entries[9]!.hash, hmacFromSeq: 1, at: '2026-02-01T00:05:00.000Z' });
    const lowered = { ...genuine, seq: 3, link: log.entries[2]!.hash };
    expect(verify(log.entries.slice(0, 3), log.stored, lowered)).toMatchObject({ ok: false, problem: 'CHECKPOINT_MISMATCH' });
    const otherAnchor = key.checkpoint({ ...genuine, hmacFromSeq: 4 });
    expect(verify(log.entries, log.stored, otherAnchor)).toMatchObject({ ok: false, problem: 'ANCHOR_INVALID' });
  });
});

describe('audit checkpoints', () => {
  it('logs, measures and stores a signed checkpoint of the head, and never moves it backwards', async () => {
    const log = await logOf(0, 5);
    const redis = new InProcessRedisStore();
    const store = new AuditCheckpointStore(redis);
    const registry = new Registry();
    const checkpointer = new AuditCheckpointer({
      log: () => log,
      key,
      store,
      logger,
      registry,
      intervalSeconds: 300,
      clock: () => new Date('2026-02-01T00:10:00Z'),
    });
    const taken = await checkpointer.checkpoint();
    expect(taken).toMatchObject({ seq: 5, link: log.entries[4]!.hash, hmacFromSeq: 1, at: '2026-02-01T00:10:00.000Z' });
    expect(key.isCheckpointGenuine(taken!)).toBe(true);
    expect(await store.latest()).toEqual(taken);
    expect(lines.find((l) => l.msg === 'audit chain checkpoint')?.obj).toEqual({ auditCheckpoint: taken });
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/^audit_chain_head_seq 5$/m);
    expect(metrics).toMatch(new RegExp(`^audit_chain_checkpoint_timestamp_seconds ${Date.parse('2026-02-01T00:10:00Z') / 1000}$`, 'm'));

    log.entries.splice(3);
    expect(await checkpointer.checkpoint()).toBeNull();
    expect(lines.at(-1)).toMatchObject({ level: 'error', obj: { headSeq: 3, checkpointSeq: 5 } });
    expect(await store.latest()).toEqual(taken);
    await redis.close();
  });
});
