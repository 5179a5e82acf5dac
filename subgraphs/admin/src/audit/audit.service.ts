import { isUuid, SCOPES } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import type { RequestIdentity } from '@cbp/service-kit';
import { assertScope, assertSelfOrScope, checkPageSize } from '@cbp/service-kit';
import { AuditChainVerifier } from './audit-chain.js';
import type { AuditChainKey } from './audit-chain-key.js';
import type { AuditCheckpointStore } from './audit-checkpoint.js';
import type { AuditChainReport } from './audit-chain.js';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';
import type { AuditEntry } from './audit-entry.entity.js';
import type { AuditLogRepository, AuditQuery } from './audit-log.repository.js';

/** The most entries one page may hold. */
export const MAX_AUDIT_PAGE = 100;
/** Entries read per round trip while verifying the chain. */
const VERIFY_BATCH = 500;

/** A filter as the API receives it: ids and times still unchecked strings. */
export interface AuditFilterInput {
  actorId?: string | null;
  subjectId?: string | null;
  type?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface AuditPage {
  edges: { cursor: string; node: AuditEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

function invalid(field: string, message: string): AppError {
  return new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message, details: { field } });
}

function parseTime(field: string, value: string): Date {
  const time = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(time.getTime())) throw invalid(field, `${field} must be an ISO-8601 date-time.`);
  return time;
}

/** Checks a filter and turns it into a repository query. @throws VALIDATION_FAILED naming the bad field. */
export function toAuditQuery(filter: AuditFilterInput | null | undefined): AuditQuery {
  const query: AuditQuery = {};
  if (!filter) return query;
  for (const key of ['actorId', 'subjectId'] as const) {
    const value = filter[key];
    if (value === null || value === undefined) continue;
    if (!isUuid(value)) throw invalid(key, `${key} must be a UUID.`);
    query[key] = value.toLowerCase();
  }
  if (filter.type !== null && filter.type !== undefined) {
    if (filter.type.length === 0 || filter.type.length > 200) throw invalid('type', 'type must be 1 to 200 characters.');
    query.type = filter.type;
  }
  if (filter.from) query.from = parseTime('from', filter.from);
  if (filter.to) query.to = parseTime('to', filter.to);
  if (query.from && query.to && query.from >= query.to) throw invalid('from', 'from must be before to.');
  return query;
}

/** Reading and verifying the audit log. Every method checks the caller itself. */
export class AuditService {
  constructor(private readonly deps: { log: AuditLogRepository; key: AuditChainKey; checkpoints: Pick<AuditCheckpointStore, 'latest'> }) {}

  /**
   * One page of the log, newest first. Requires `audit:read`.
   * @throws UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED (first outside 1..100, a bad filter or cursor).
   */
  async list(
    identity: RequestIdentity,
    filter: AuditFilterInput | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<AuditPage> {
    assertScope(identity, SCOPES.AUDIT_READ);
    const limit = checkPageSize(first, MAX_AUDIT_PAGE);
    const query = toAuditQuery(filter);
    const beforeSeq = after ? decodeAuditCursor(after) : null;
    // One extra row tells whether another page exists without a count query.
    const rows = await this.deps.log.list(query, limit + 1, beforeSeq);
    const page = rows.slice(0, limit);
    const edges = page.map((node) => ({ cursor: encodeAuditCursor(node.seq), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * The newest entries about `userId` (as subject or as actor). The user themself, or a holder of `audit:read`.
   * @throws UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED.
   */
  async trailOf(identity: RequestIdentity, userId: string, first: number): Promise<AuditEntry[]> {
    assertSelfOrScope(identity, userId, SCOPES.AUDIT_READ);
    const limit = checkPageSize(first, MAX_AUDIT_PAGE);
    if (!isUuid(userId)) return [];
    const id = userId.toLowerCase();
    // Two indexed reads merged, rather than one OR query that could not use either index well.
    const asSubject = await this.deps.log.list({ subjectId: id }, limit, null);
    const asActor = await this.deps.log.list({ actorId: id }, limit, null);
    const bySeq = new Map<number, AuditEntry>();
    for (const entry of [...asSubject, ...asActor]) bySeq.set(entry.seq, entry);
    return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, limit);
  }

  /**
   * Walks the whole chain from the first entry and reports the first broken link. Requires `audit:read`.
   * Cost grows with the log (one sequential read); it holds no lock, so appends continue meanwhile.
   * Also checks the keyed anchor and that the chain still reaches the latest checkpoint (kept outside the database).
   */
  async verifyChain(identity: RequestIdentity): Promise<AuditChainReport> {
    assertScope(identity, SCOPES.AUDIT_READ);
    // The checkpoint first: one taken during the walk could name entries appended after the walk passed the head.
    const checkpoint = await this.deps.checkpoints.latest();
    const anchor = await this.deps.log.anchor();
    const verifier = new AuditChainVerifier({ key: this.deps.key, anchor, checkpoint });
    let after = 0;
    for (;;) {
      const batch = await this.deps.log.chainAfter(after, VERIFY_BATCH);
      if (batch.length === 0 || !verifier.feed(batch)) break;
      after = batch[batch.length - 1]!.seq;
    }
    return verifier.report();
  }
}
