import type { ChainAnchor } from './audit-chain-key.js';
import type { AuditEntry } from './audit-entry.entity.js';
import type { AuditLogRepository, AuditQuery, ChainHead } from './audit-log.repository.js';

/** An {@link AuditLogRepository} over an array, for unit tests. Appends are synchronous, so already serialised. */
export class InMemoryAuditLogRepository implements AuditLogRepository {
  readonly entries: AuditEntry[] = [];
  stored: ChainAnchor | null = null;

  async appendAtHead(eventId: string, build: (head: ChainHead | null) => AuditEntry): Promise<AuditEntry | null> {
    if (this.entries.some((e) => e.eventId === eventId)) return null;
    const last = this.entries.at(-1);
    const entry = build(last ? { seq: last.seq, hash: last.hash } : null);
    this.entries.push(entry);
    return entry;
  }

  async list(query: AuditQuery, limit: number, beforeSeq: number | null): Promise<AuditEntry[]> {
    return this.entries
      .filter(
        (e) =>
          (query.actorId === undefined || e.actorId === query.actorId) &&
          (query.subjectId === undefined || e.subjectId === query.subjectId) &&
          (query.type === undefined || e.type === query.type) &&
          (query.from === undefined || e.occurredAt >= query.from) &&
          (query.to === undefined || e.occurredAt < query.to) &&
          (beforeSeq === null || e.seq < beforeSeq),
      )
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit);
  }

  async chainAfter(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.entries
      .filter((e) => e.seq > afterSeq)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }

  async head(): Promise<ChainHead | null> {
    const last = [...this.entries].sort((a, b) => a.seq - b.seq).at(-1);
    return last ? { seq: last.seq, hash: last.hash } : null;
  }

  async anchor(): Promise<ChainAnchor | null> {
    return this.stored;
  }

  async ensureAnchor(build: (head: ChainHead | null) => ChainAnchor): Promise<ChainAnchor> {
    this.stored ??= build(await this.head());
    return this.stored;
  }
}
