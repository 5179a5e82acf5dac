import { describe, expect, it } from '@jest/globals';
import { makeEvent } from '@cbp/events';
import type { Logger } from '@cbp/logging';
import { AuditChainVerifier } from './audit-chain.js';
import { AuditChainKey } from './audit-chain-key.js';
import type { AuditEntry } from './audit-entry.entity.js';
import { GENESIS_HASH } from './audit-hash.js';
import { InMemoryAuditLogRepository } from './audit-log.in-memory.js';
import { AuditRecorder } from './audit-recorder.js';

// Rule: any edit, deletion or reordering of recorded entries is detected, and the first broken link is named.

const silent = { warn: () => undefined, debug: () => undefined } as unknown as Logger;
const key = new AuditChainKey('k'.repeat(32));
/** Links as their author would recompute them: with the key (a forger without it is covered by the checkpoint tests). */
const relink = (entry: AuditEntry) => key.link(entry.prevHash, entry);

async function chainOf(n: number): Promise<AuditEntry[]> {
  const log = new InMemoryAuditLogRepository();
  let id = 0;
  await log.ensureAnchor(() => key.anchor(1));
  const recorder = new AuditRecorder({
    log,
    key,
    clock: () => new Date('2026-03-01T00:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    logger: silent,
  });
  for (let i = 0; i < n; i++) await recorder.record(makeEvent({ type: i % 2 ? 'auth.login.failed' : 'user.registered', data: { i } }));
  return log.entries.map((e) => ({ ...e }));
}

function verify(entries: AuditEntry[], batch = 3) {
  const verifier = new AuditChainVerifier({ key, anchor: key.anchor(1), checkpoint: null });
  for (let i = 0; i < entries.length; i += batch) if (!verifier.feed(entries.slice(i, i + batch))) break;
  return verifier.report();
}

describe('audit chain verification', () => {
  it('accepts an intact chain, in any batch size, and reports its head', async () => {
    const entries = await chainOf(10);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (const batch of [1, 3, 10, 100]) {
      expect(verify(entries, batch)).toEqual({
        ok: true,
        checked: 10,
        firstBrokenSeq: null,
        problem: null,
        reason: null,
        head: { seq: 10, hash: entries[9]!.hash },
      });
    }
  });

  it('accepts an empty log', () => {
    expect(verify([])).toMatchObject({ ok: true, checked: 0, head: null });
  });

  it('names an edited entry (HASH_MISMATCH)', async () => {
    const entries = await chainOf(6);
    entries[3] = { ...entries[3]!, details: { i: 99 } };
    expect(verify(entries)).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 4, problem: 'HASH_MISMATCH' });
  });

  it('detects an edited entry whose hash was recomputed, at the next link (PREV_HASH_MISMATCH)', async () => {
    const entries = await chainOf(6);
    const edited = { ...entries[2]!, ip: '198.51.100.1' };
    entries[2] = { ...edited, hash: relink(edited) };
    expect(verify(entries)).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 4, problem: 'PREV_HASH_MISMATCH' });
  });

  it('names the first missing entry when entries were deleted (SEQ_GAP)', async () => {
    const entries = await chainOf(8);
    const report = verify([...entries.slice(0, 2), ...entries.slice(5)]);
    expect(report).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3, problem: 'SEQ_GAP' });
    expect(report.reason).toContain('3–5');
  });

  it('detects a deleted entry even when the later ones were renumbered', async () => {
    const entries = await chainOf(5);
    const renumbered = [entries[0]!, ...entries.slice(2).map((e) => ({ ...e, seq: e.seq - 1 }))];
    expect(verify(renumbered)).toMatchObject({ ok: false, firstBrokenSeq: 2, problem: 'PREV_HASH_MISMATCH' });
  });

  it('detects a deleted first entry', async () => {
    const entries = await chainOf(3);
    expect(verify(entries.slice(1))).toMatchObject({ ok: false, checked: 0, firstBrokenSeq: 1, problem: 'SEQ_GAP' });
  });

  it('detects a rewritten first entry that no longer starts from the genesis hash', async () => {
    const entries = await chainOf(2);
    const forged = { ...entries[0]!, prevHash: 'a'.repeat(64) };
    entries[0] = { ...forged, hash: relink(forged) };
    expect(verify(entries)).toMatchObject({ ok: false, firstBrokenSeq: 1, problem: 'PREV_HASH_MISMATCH' });
  });

  it('detects two entries swapped', async () => {
    const entries = await chainOf(4);
    const swapped = [entries[0]!, { ...entries[2]!, seq: 2 }, { ...entries[1]!, seq: 3 }, entries[3]!];
    expect(verify(swapped)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
