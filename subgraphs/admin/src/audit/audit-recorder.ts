import { isUuid } from '@cbp/contracts';
import type { DomainEvent } from '@cbp/events';
import type { Logger } from '@cbp/logging';
import type { AuditChainKey } from './audit-chain-key.js';
import { GENESIS_HASH, storableText, toStorableJson } from './audit-hash.js';
import type { HashedAuditFields } from './audit-hash.js';
import type { AuditEntry } from './audit-entry.entity.js';
import type { AuditLogRepository } from './audit-log.repository.js';

/**
 * Turns events from the stream into chained audit entries. Every event is recorded, whatever its type: the
 * audit log is the record of what happened, not of what this version of the code understood.
 */
export class AuditRecorder {
  constructor(
    private readonly deps: { log: AuditLogRepository; key: AuditChainKey; clock: () => Date; newId: () => string; logger: Logger },
  ) {}

  /**
   * Appends `event` at the head of the chain; must run inside the transaction that marks the event consumed.
   * Returns the entry, or null when the event was already recorded. Values the database cannot hold (a NUL in
   * a string, an actor id that is not a UUID) are normalised rather than refused, so one odd event cannot wedge
   * the stream; the normalised form is what gets hashed.
   */
  record(event: DomainEvent): Promise<AuditEntry | null> {
    const recordedAt = this.deps.clock();
    const parsed = new Date(event.occurredAt);
    const occurredAt = Number.isNaN(parsed.getTime()) ? recordedAt : parsed;
    if (occurredAt === recordedAt)
      this.deps.logger.warn(
        { eventId: event.id, occurredAt: event.occurredAt },
        'event time unreadable; recorded with the time of recording',
      );
    const actorId = this.uuidOrNull(event, 'actorId');
    const subjectId = this.uuidOrNull(event, 'subjectId');
    return this.deps.log.appendAtHead(event.id, (head) => {
      const fields: HashedAuditFields = {
        seq: (head?.seq ?? 0) + 1,
        id: this.deps.newId(),
        eventId: event.id,
        type: storableText(event.type) ?? '',
        occurredAt,
        recordedAt,
        actorId,
        subjectId,
        ip: storableText(event.ip),
        userAgent: storableText(event.userAgent),
        details: toStorableJson(event.data ?? {}),
      };
      const prevHash = head?.hash ?? GENESIS_HASH;
      // Keyed: the service starts the anchor at head + 1 before it records anything (see AuditChainKey).
      return { ...fields, prevHash, hash: this.deps.key.link(prevHash, fields) };
    });
  }

  private uuidOrNull(event: DomainEvent, key: 'actorId' | 'subjectId'): string | null {
    const value = event[key];
    if (value === null || isUuid(value)) return value;
    this.deps.logger.warn({ eventId: event.id, [key]: String(value).slice(0, 80) }, `event ${key} is not a UUID; recorded as null`);
    return null;
  }
}
