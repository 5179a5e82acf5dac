import { EntitySchema } from '@cbp/db';
import type { EntityManager } from '@cbp/db';
import { makeEvent } from './domain-event.js';
import type { DomainEvent, NewDomainEvent } from './domain-event.js';

/** A row of a producer's outbox: written in the same transaction as the change it describes. */
export interface OutboxMessage {
  seq: string;
  id: string;
  type: string;
  payload: DomainEvent;
  createdAt: Date;
  publishedAt: Date | null;
}

export const OutboxMessageSchema = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    id: { type: 'uuid', unique: true },
    type: { type: 'text' },
    payload: { type: 'json' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    publishedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

/** SQL that creates the outbox in `schema`; each producing service puts it in its initial migration. */
export function outboxTableSql(schema: string): string[] {
  return [
    `create table "${schema}"."outbox" ("seq" bigserial primary key, "id" uuid not null unique, "type" text not null, "payload" jsonb not null, "created_at" timestamptz not null default now(), "published_at" timestamptz null)`,
    `create index "outbox_unpublished_idx" on "${schema}"."outbox" ("seq") where "published_at" is null`,
  ];
}

/**
 * Records an event in the outbox of the transaction `em` belongs to. Call it inside the same
 * `em.transactional(...)` as the change, so the event exists if and only if the change committed.
 */
export function recordEvent<T extends Record<string, unknown>>(em: EntityManager, input: NewDomainEvent<T>): DomainEvent<T> {
  const event = makeEvent(input);
  em.create(OutboxMessageSchema, {
    id: event.id,
    type: event.type,
    payload: event,
    createdAt: new Date(event.occurredAt),
    publishedAt: null,
  } as OutboxMessage);
  return event;
}
