import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@cbp/db';
import { AuditEntrySchema } from './audit-entry.entity.js';
import type { ChainAnchor } from './audit-chain-key.js';
import type { AuditEntry } from './audit-entry.entity.js';

/** Which entries to list; every member narrows the result. Times are `from` ≤ occurredAt < `to`. */
export interface AuditQuery {
  actorId?: string;
  subjectId?: string;
  type?: string;
  from?: Date;
  to?: Date;
}

/** The newest entry, which the next append chains to. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Persistence of the audit log. It only ever appends. */
export interface AuditLogRepository {
  /**
   * Appends one entry at the head of the chain. Holds the chain lock until the surrounding transaction ends,
   * reads the head, and inserts what `build(head)` returns, so two appenders can never chain to the same head.
   * Returns null (and inserts nothing) when an entry for `eventId` already exists.
   * @throws when called outside a transaction (the lock would be released before the insert).
   */
  appendAtHead(eventId: string, build: (head: ChainHead | null) => AuditEntry): Promise<AuditEntry | null>;
  /** Entries matching `query`, newest first, with `seq` below `beforeSeq` when given. */
  list(query: AuditQuery, limit: number, beforeSeq: number | null): Promise<AuditEntry[]>;
  /** Entries with `seq` above `afterSeq`, oldest first: the chain, read in batches for verification. */
  chainAfter(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** The newest entry's seq and link, or null for an empty log. */
  head(): Promise<ChainHead | null>;
  /** Where keyed links start, as stored; null when no anchor was recorded. */
  anchor(): Promise<ChainAnchor | null>;
  /**
   * Records the anchor once: under the chain lock, when none exists, inserts `build(head)`. Returns the anchor
   * in force (the existing one, or the new one). @throws when called outside a transaction.
   */
  ensureAnchor(build: (head: ChainHead | null) => ChainAnchor): Promise<ChainAnchor>;
}

const TABLE = '"admin"."audit_log"';
const ANCHOR_TABLE = '"admin"."audit_chain_anchor"';

/**
 * The one advisory lock key of the audit chain (an int8 derived from a fixed name, so any tool that appends can
 * take the same lock). Transaction-scoped: released by commit or rollback, never leaked by a crash.
 */
const CHAIN_LOCK_SQL = `select pg_advisory_xact_lock(hashtextextended('cbp.admin.audit_log.chain', 0))`;

export class MikroAuditLogRepository implements AuditLogRepository {
  constructor(private readonly em: EntityManager) {}

  async appendAtHead(eventId: string, build: (head: ChainHead | null) => AuditEntry): Promise<AuditEntry | null> {
    if (!this.em.isInTransaction()) throw new Error('audit appends must run inside a transaction');
    // Serialise appends across every consumer process: without it two transactions could read the same head and
    // both chain to it. Under READ COMMITTED each statement below sees rows committed before the lock was granted.
    await this.em.execute(CHAIN_LOCK_SQL);
    const existing = await this.em.execute<{ one: number }[]>(`select 1 as one from ${TABLE} where "event_id" = ? limit 1`, [eventId]);
    if (existing.length > 0) return null;
    const rows = await this.em.execute<{ seq: string; hash: string }[]>(`select "seq", "hash" from ${TABLE} order by "seq" desc limit 1`);
    const head = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
    const entry = build(head);
    await this.em.insert(AuditEntrySchema, entry);
    return entry;
  }

  async list(query: AuditQuery, limit: number, beforeSeq: number | null): Promise<AuditEntry[]> {
    const where: FilterQuery<AuditEntry> = {};
    if (query.actorId !== undefined) where.actorId = query.actorId;
    if (query.subjectId !== undefined) where.subjectId = query.subjectId;
    if (query.type !== undefined) where.type = query.type;
    if (query.from !== undefined || query.to !== undefined) {
      where.occurredAt = { ...(query.from && { $gte: query.from }), ...(query.to && { $lt: query.to }) };
    }
    if (beforeSeq !== null) where.seq = { $lt: beforeSeq };
    return this.em.find(AuditEntrySchema, where, { orderBy: { seq: 'desc' }, limit, disableIdentityMap: true });
  }

  async chainAfter(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.em.find(AuditEntrySchema, { seq: { $gt: afterSeq } }, { orderBy: { seq: 'asc' }, limit, disableIdentityMap: true });
  }

  async head(): Promise<ChainHead | null> {
    const rows = await this.em.execute<{ seq: string; hash: string }[]>(`select "seq", "hash" from ${TABLE} order by "seq" desc limit 1`);
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
  }

  async anchor(): Promise<ChainAnchor | null> {
    const rows = await this.em.execute<{ hmac_from_seq: string; mac: string }[]>(
      `select "hmac_from_seq", "mac" from ${ANCHOR_TABLE} where "id" = 1`,
    );
    return rows[0] ? { hmacFromSeq: Number(rows[0].hmac_from_seq), mac: rows[0].mac } : null;
  }

  async ensureAnchor(build: (head: ChainHead | null) => ChainAnchor): Promise<ChainAnchor> {
    if (!this.em.isInTransaction()) throw new Error('the audit chain anchor must be recorded inside a transaction');
    // The same lock as appends: no entry can slip in between reading the head and recording where keys start.
    await this.em.execute(CHAIN_LOCK_SQL);
    const existing = await this.anchor();
    if (existing) return existing;
    const anchor = build(await this.head());
    await this.em.execute(`insert into ${ANCHOR_TABLE} ("id", "hmac_from_seq", "mac") values (1, ?, ?)`, [anchor.hmacFromSeq, anchor.mac]);
    return anchor;
  }
}
