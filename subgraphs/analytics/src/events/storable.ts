import { isUuid } from '@cbp/contracts';
import type { DomainEvent } from '@cbp/events';
import type { AuthEvent, JsonValue } from './auth-event.entity.js';

/** NUL, or a surrogate without its pair: PostgreSQL text and jsonb refuse both. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value.replace(UNSTORABLE, '\uFFFD') : null;
}

function json(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return text(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(json);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[text(k) ?? k] = json(v);
    return out;
  }
  return null;
}

function uuid(value: unknown): string | null {
  return isUuid(value) ? value.toLowerCase() : null;
}

/**
 * The row stored for an event. Values the database cannot hold are normalised instead of refused (an odd event
 * must not wedge the stream): unstorable characters become U+FFFD, ids that are not UUIDs become null, and an
 * unreadable time becomes `receivedAt`.
 */
export function toAuthEvent(event: DomainEvent, receivedAt: Date): AuthEvent {
  const occurredAt = new Date(event.occurredAt);
  const data = json(event.data ?? {});
  return {
    eventId: event.id,
    type: text(event.type) ?? '',
    occurredAt: Number.isNaN(occurredAt.getTime()) ? receivedAt : occurredAt,
    userId: uuid(event.subjectId),
    actorId: uuid(event.actorId),
    ip: text(event.ip),
    userAgent: text(event.userAgent),
    data: data !== null && typeof data === 'object' && !Array.isArray(data) ? data : { value: data },
  };
}
