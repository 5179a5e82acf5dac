import { GENESIS_HASH, hashEntry } from './audit-hash.js';
import type { AuditEntry } from './audit-entry.entity.js';

/** How a chain can break, from the point of view of the first entry that fails. */
export type AuditChainProblem = 'SEQ_GAP' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH';

/** The outcome of walking the chain from its first entry. */
export interface AuditChainReport {
  ok: boolean;
  /** Entries verified intact before the walk stopped (all of them when `ok`). */
  checked: number;
  /**
   * Where the chain breaks: for SEQ_GAP the first missing sequence number (a deleted entry), otherwise the entry
   * that fails (its own hash does not match its content, or its `prevHash` does not match the entry before it).
   */
  firstBrokenSeq: number | null;
  problem: AuditChainProblem | null;
  reason: string | null;
  /**
   * The last intact entry. Removing entries from the head leaves a shorter chain that still verifies; an operator
   * who keeps this pair elsewhere (a ticket, an external log) can detect that later by checking it is still there.
   */
  head: { seq: number; hash: string } | null;
}

/**
 * Walks the chain in `seq` order, one batch at a time, and stops at the first broken link. Pure: the caller reads
 * the batches. Checks, for each entry: its `seq` follows the previous one (no deleted entries), its `prevHash` is
 * the previous entry's hash (GENESIS_HASH for the first), and its `hash` matches its content.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private head: { seq: number; hash: string } | null = null;
  private broken: Pick<AuditChainReport, 'firstBrokenSeq' | 'problem' | 'reason'> | null = null;

  /** Feeds the next entries, in ascending `seq` order. Returns false once the chain is found broken. */
  feed(entries: readonly AuditEntry[]): boolean {
    for (const entry of entries) {
      if (this.broken) return false;
      this.broken = this.check(entry);
      if (this.broken) return false;
      this.prevHash = entry.hash;
      this.expectedSeq = entry.seq + 1;
      this.checked += 1;
      this.head = { seq: entry.seq, hash: entry.hash };
    }
    return this.broken === null;
  }

  report(): AuditChainReport {
    return {
      ok: this.broken === null,
      checked: this.checked,
      firstBrokenSeq: this.broken?.firstBrokenSeq ?? null,
      problem: this.broken?.problem ?? null,
      reason: this.broken?.reason ?? null,
      head: this.head,
    };
  }

  private check(entry: AuditEntry): AuditChainVerifier['broken'] {
    if (entry.seq !== this.expectedSeq) {
      const gap = entry.seq - this.expectedSeq;
      const missing = gap === 1 ? `Entry ${this.expectedSeq} is` : `Entries ${this.expectedSeq}–${entry.seq - 1} are`;
      return { firstBrokenSeq: this.expectedSeq, problem: 'SEQ_GAP', reason: `${missing} missing: the log jumps to entry ${entry.seq}.` };
    }
    if (entry.prevHash !== this.prevHash) {
      return {
        firstBrokenSeq: entry.seq,
        problem: 'PREV_HASH_MISMATCH',
        reason:
          entry.seq === 1
            ? 'Entry 1 does not start from the genesis hash.'
            : `Entry ${entry.seq} does not link to entry ${entry.seq - 1}: that entry was changed (its hash rewritten) or replaced.`,
      };
    }
    if (hashEntry(entry.prevHash, entry) !== entry.hash) {
      return {
        firstBrokenSeq: entry.seq,
        problem: 'HASH_MISMATCH',
        reason: `Entry ${entry.seq} does not match its hash: it was changed after it was recorded.`,
      };
    }
    return null;
  }
}
