import { createHmac, timingSafeEqual } from 'node:crypto';
import { hmacEntry } from './audit-hash.js';
import type { HashedAuditFields } from './audit-hash.js';

/**
 * Where the keyed chain starts. Entries with `seq` below `hmacFromSeq` were recorded before the key existed and
 * keep their plain sha256 links; from `hmacFromSeq` on, every link is an HMAC. The record carries its own MAC, so
 * moving the switch-over (to make later entries look like plain-hash ones) needs the key too.
 */
export interface ChainAnchor {
  hmacFromSeq: number;
  mac: string;
}

/** A signed statement of the chain's head at a moment, kept outside the database (log, metric, Redis). */
export interface AuditCheckpoint {
  seq: number;
  link: string;
  hmacFromSeq: number;
  at: string;
  mac: string;
}

/** AUDIT_CHAIN_KEY and everything it signs: chain links, the anchor, checkpoints. Each use has its own prefix. */
export class AuditChainKey {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  link(prevHash: string, fields: HashedAuditFields): string {
    return hmacEntry(this.key, prevHash, fields);
  }

  anchor(hmacFromSeq: number): ChainAnchor {
    return { hmacFromSeq, mac: this.mac(`anchor\n${hmacFromSeq}`) };
  }

  isAnchorGenuine(anchor: ChainAnchor): boolean {
    return this.same(anchor.mac, this.anchor(anchor.hmacFromSeq).mac);
  }

  checkpoint(head: Omit<AuditCheckpoint, 'mac'>): AuditCheckpoint {
    return { ...head, mac: this.mac(`checkpoint\n${head.seq}\n${head.link}\n${head.hmacFromSeq}\n${head.at}`) };
  }

  isCheckpointGenuine(checkpoint: AuditCheckpoint): boolean {
    return this.same(checkpoint.mac, this.checkpoint(checkpoint).mac);
  }

  private mac(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex');
  }

  private same(a: string, b: string): boolean {
    const x = Buffer.from(a, 'utf8');
    const y = Buffer.from(b, 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
