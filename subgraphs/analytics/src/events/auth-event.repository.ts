import type { EntityManager } from '@cbp/db';
import { EVENT_TYPES } from '@cbp/events';
import type { LoginHistory } from '../risk/risk-scorer.js';
import type { AuthEvent } from './auth-event.entity.js';

/** Persistence of the event store. Events are written once and never changed. */
export interface AuthEventRepository {
  /** Stores `event`; returns false (and changes nothing) when an event with its id is already stored. */
  store(event: AuthEvent): Promise<boolean>;
}

const TABLE = '"analytics"."auth_events"';

export class MikroAuthEventRepository implements AuthEventRepository, LoginHistory {
  constructor(private readonly em: EntityManager) {}

  async store(event: AuthEvent): Promise<boolean> {
    const rows = await this.em.execute<{ event_id: string }[]>(
      `insert into ${TABLE} ("event_id", "type", "occurred_at", "user_id", "actor_id", "ip", "user_agent", "data")
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict ("event_id") do nothing returning "event_id"`,
      [event.eventId, event.type, event.occurredAt, event.userId, event.actorId, event.ip, event.userAgent, JSON.stringify(event.data)],
    );
    return rows.length > 0;
  }

  async hasLoggedInFrom(userId: string, ip: string, before: Date, excludingEventId: string): Promise<boolean> {
    const rows = await this.em.execute<{ one: number }[]>(
      `select 1 as one from ${TABLE}
       where "user_id" = ? and "type" = ? and "ip" = ? and "occurred_at" < ? and "event_id" <> ? limit 1`,
      [userId, EVENT_TYPES.LOGIN_SUCCEEDED, ip, before, excludingEventId],
    );
    return rows.length > 0;
  }

  async failuresBetween(userId: string, from: Date, to: Date): Promise<number> {
    const rows = await this.em.execute<{ n: number }[]>(
      `select count(*)::int as n from ${TABLE} where "user_id" = ? and "type" = ? and "occurred_at" >= ? and "occurred_at" < ?`,
      [userId, EVENT_TYPES.LOGIN_FAILED, from, to],
    );
    return rows[0]?.n ?? 0;
  }
}
