import { BigIntType } from '@mikro-orm/core';
import { EntitySchema } from '@cbp/db';
import type { JsonValue } from './audit-hash.js';

/**
 * One row of the append-only audit log: an event as it was recorded, chained to the row before it.
 * Never updated or deleted (a trigger refuses it, see the initial migration).
 */
export interface AuditEntry {
  /** 1, 2, 3… without gaps: assigned under the append lock, not by a sequence (which skips on rollback). */
  seq: number;
  id: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: JsonValue;
  prevHash: string;
  hash: string;
}

export const AuditEntrySchema = new EntitySchema<AuditEntry>({
  name: 'AuditEntry',
  tableName: 'audit_log',
  properties: {
    // A JS number holds sequence numbers exactly up to 2^53, far beyond any audit log's life.
    seq: { type: new BigIntType('number'), primary: true, autoincrement: false },
    id: { type: 'uuid', unique: true },
    eventId: { type: 'uuid', unique: true },
    type: { type: 'text' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    recordedAt: { type: 'datetime', columnType: 'timestamptz' },
    actorId: { type: 'uuid', nullable: true },
    subjectId: { type: 'uuid', nullable: true },
    ip: { type: 'text', nullable: true },
    userAgent: { type: 'text', nullable: true },
    details: { type: 'json' },
    prevHash: { type: 'text' },
    hash: { type: 'text' },
  },
});
