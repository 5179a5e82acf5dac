import { randomUUID } from 'node:crypto';

/**
 * One state change others care about (docs/design.md §4 (Events: outbox, stream and consumers)). `id` is the
 * idempotency key consumers dedupe on. `data` never carries secrets: no passwords, tokens, codes or hashes.
 */
export interface DomainEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  type: string;
  occurredAt: string;
  /** Who did it (a user id), or null for the system / an anonymous caller. */
  actorId: string | null;
  /** Whom it concerns (a user id), when there is one. */
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  data: T;
}

export interface NewDomainEvent<T extends Record<string, unknown> = Record<string, unknown>> {
  type: string;
  actorId?: string | null;
  subjectId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  data?: T;
  occurredAt?: Date;
}

export function makeEvent<T extends Record<string, unknown>>(input: NewDomainEvent<T>): DomainEvent<T> {
  return {
    id: randomUUID(),
    type: input.type,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    actorId: input.actorId ?? null,
    subjectId: input.subjectId ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? null,
    data: input.data ?? ({} as T),
  };
}

/** Parses a stream entry back into an event; throws on anything malformed (the consumer parks it). */
export function parseEvent(fields: Record<string, string>): DomainEvent {
  const raw = fields.event;
  if (!raw) throw new Error('stream entry has no event field');
  const event = JSON.parse(raw) as Partial<DomainEvent>;
  if (typeof event.id !== 'string' || typeof event.type !== 'string' || typeof event.occurredAt !== 'string') {
    throw new Error('stream entry is not a domain event');
  }
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    actorId: event.actorId ?? null,
    subjectId: event.subjectId ?? null,
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    requestId: event.requestId ?? null,
    data: event.data ?? {},
  };
}
