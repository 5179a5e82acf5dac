import { GENESIS_HASH, hashEntry } from './audit-hash.js';
import type { AuditChainKey, AuditCheckpoint, ChainAnchor } from './audit-chain-key.js';
import type { AuditEntry } from './audit-entry.entity.js';

/**
 * How a chain can break: the first three from the point of view of the first entry that fails; the others when
 * the chain disagrees with what is kept outside the database (the keyed anchor, the last signed checkpoint).
 */
export type AuditChainProblem = 'SEQ_GAP' | 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH' | 'ANCHOR_INVALID' | 'TRUNCATED' | 'CHECKPOINT_MISMATCH';

/** What the walk checks against besides the rows: the key, its anchor, and the latest checkpoint. */
export interface AuditChainTrust {
  key: AuditChainKey;
  /** The anchor as stored (null: none recorded). */
  anchor: ChainAnchor | null;
  /** The latest checkpoint as stored outside the database (null: none yet). */
  checkpoint: AuditCheckpoint | null;
}

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
 * the previous entry's hash (GENESIS_HASH for the first), and its `hash` matches its content: a plain sha256 below
 * the anchor's `hmacFromSeq`, an HMAC under the chain key from there on.
 *
 * Given `trust`, it also checks (before the walk) that the anchor is genuine, and (in `report`) that the chain
 * still reaches the latest checkpoint with the same link there: removing the newest entries, or rewriting them,
 * is then visible too (docs/design.md §4 (Events: outbox, stream and consumers)). Without `trust`, every link is a plain hash.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private head: { seq: number; hash: string } | null = null;
  private broken: Pick<AuditChainReport, 'firstBrokenSeq' | 'problem' | 'reason'> | null = null;
  private readonly hmacFromSeq: number;
  private linkAtCheckpoint: string | null = null;

  constructor(private readonly trust?: AuditChainTrust) {
    this.hmacFromSeq = Number.POSITIVE_INFINITY;
    if (!trust) return;
    const { key, anchor, checkpoint } = trust;
    if (checkpoint && !key.isCheckpointGenuine(checkpoint)) {
      this.broken = {
        firstBrokenSeq: null,
        problem: 'CHECKPOINT_MISMATCH',
        reason: 'The stored checkpoint does not carry a valid MAC: it was forged or altered outside the audit service.',
      };
    } else if (!anchor || !key.isAnchorGenuine(anchor)) {
      this.broken = {
        firstBrokenSeq: null,
        problem: 'ANCHOR_INVALID',
        reason: anchor
          ? 'The record of where keyed links start does not carry a valid MAC: it was rewritten.'
          : 'The record of where keyed links start is missing: it was deleted.',
      };
    } else if (checkpoint && checkpoint.hmacFromSeq !== anchor.hmacFromSeq) {
      this.broken = {
        firstBrokenSeq: null,
        problem: 'ANCHOR_INVALID',
        reason: `Keyed links start at entry ${anchor.hmacFromSeq}, but the last checkpoint says ${checkpoint.hmacFromSeq}: the anchor was replaced.`,
      };
    } else {
      this.hmacFromSeq = anchor.hmacFromSeq;
    }
  }

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
      if (entry.seq === this.trust?.checkpoint?.seq) this.linkAtCheckpoint = entry.hash;
    }
    return this.broken === null;
  }

  report(): AuditChainReport {
    if (!this.broken) this.broken = this.checkCheckpoint();
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
    const link = entry.seq >= this.hmacFromSeq ? this.trust!.key.link(entry.prevHash, entry) : hashEntry(entry.prevHash, entry);
    if (link !== entry.hash) {
      return {
        firstBrokenSeq: entry.seq,
        problem: 'HASH_MISMATCH',
        reason: `Entry ${entry.seq} does not match its hash: it was changed after it was recorded.`,
      };
    }
    return null;
  }

  /** After a complete walk: the chain must still reach the latest checkpoint, with the same link there. */
  private checkCheckpoint(): AuditChainVerifier['broken'] {
    const checkpoint = this.trust?.checkpoint;
    if (!checkpoint || checkpoint.seq === 0) return null;
    const headSeq = this.head?.seq ?? 0;
    if (headSeq < checkpoint.seq) {
      return {
        firstBrokenSeq: headSeq + 1,
        problem: 'TRUNCATED',
        reason: `The log ends at entry ${headSeq}, but a checkpoint of ${checkpoint.at} saw it reach entry ${checkpoint.seq}: the newest entries were removed.`,
      };
    }
    if (this.linkAtCheckpoint !== checkpoint.link) {
      return {
        firstBrokenSeq: checkpoint.seq,
        problem: 'CHECKPOINT_MISMATCH',
        reason: `Entry ${checkpoint.seq} is not the one the checkpoint of ${checkpoint.at} saw: the chain was rewritten up to there.`,
      };
    }
    return null;
  }
}
