import type { EntityManager } from '@cbp/db';
import { EVENT_TYPES } from '@cbp/events';
import type { DateRange } from './date-range.js';

export interface LoginCounters {
  successCount: number;
  failureCount: number;
  lastLoginAt: Date | null;
  lastFailureAt: Date | null;
}

export interface AuthTotals {
  registrations: number;
  loginsSucceeded: number;
  loginsFailed: number;
  lockouts: number;
  distinctUsers: number;
  failuresByReason: { reason: string; count: number }[];
}

/** Aggregates over the event store. Ranges are half-open: from ≤ occurredAt < to. */
export interface StatsRepository {
  loginCounters(userId: string): Promise<LoginCounters>;
  totals(range: DateRange): Promise<AuthTotals>;
  /** Registrations per UTC day (`YYYY-MM-DD`), only days that have some. */
  registrationsByDay(range: DateRange): Promise<Map<string, number>>;
}

const TABLE = '"analytics"."auth_events"';

/** Raw queries through MikroORM return timestamptz as text (its driver leaves date parsing to the entity types). */
function toDate(value: string | Date | null | undefined): Date | null {
  return value === null || value === undefined ? null : new Date(value);
}
const T = EVENT_TYPES;

export class MikroStatsRepository implements StatsRepository {
  constructor(private readonly em: EntityManager) {}

  async loginCounters(userId: string): Promise<LoginCounters> {
    const rows = await this.em.execute<
      { success_count: number; failure_count: number; last_login_at: string | Date | null; last_failure_at: string | Date | null }[]
    >(
      `select count(*) filter (where "type" = ?)::int as success_count,
              count(*) filter (where "type" = ?)::int as failure_count,
              max("occurred_at") filter (where "type" = ?) as last_login_at,
              max("occurred_at") filter (where "type" = ?) as last_failure_at
       from ${TABLE} where "user_id" = ? and "type" in (?, ?)`,
      [T.LOGIN_SUCCEEDED, T.LOGIN_FAILED, T.LOGIN_SUCCEEDED, T.LOGIN_FAILED, userId, T.LOGIN_SUCCEEDED, T.LOGIN_FAILED],
    );
    const row = rows[0];
    return {
      successCount: row?.success_count ?? 0,
      failureCount: row?.failure_count ?? 0,
      lastLoginAt: toDate(row?.last_login_at),
      lastFailureAt: toDate(row?.last_failure_at),
    };
  }

  async totals(range: DateRange): Promise<AuthTotals> {
    const types = [T.USER_REGISTERED, T.LOGIN_SUCCEEDED, T.LOGIN_FAILED, T.ACCOUNT_LOCKED];
    const counts = await this.em.execute<
      { registrations: number; logins_succeeded: number; logins_failed: number; lockouts: number; distinct_users: number }[]
    >(
      `select count(*) filter (where "type" = ?)::int as registrations,
              count(*) filter (where "type" = ?)::int as logins_succeeded,
              count(*) filter (where "type" = ?)::int as logins_failed,
              count(*) filter (where "type" = ?)::int as lockouts,
              count(distinct "user_id") filter (where "type" = ?)::int as distinct_users
       from ${TABLE} where "type" in (?, ?, ?, ?) and "occurred_at" >= ? and "occurred_at" < ?`,
      [T.USER_REGISTERED, T.LOGIN_SUCCEEDED, T.LOGIN_FAILED, T.ACCOUNT_LOCKED, T.LOGIN_SUCCEEDED, ...types, range.from, range.to],
    );
    const reasons = await this.em.execute<{ reason: string; count: number }[]>(
      `select coalesce("data"->>'reason', 'UNKNOWN') as reason, count(*)::int as count
       from ${TABLE} where "type" = ? and "occurred_at" >= ? and "occurred_at" < ?
       group by 1 order by 2 desc, 1 asc`,
      [T.LOGIN_FAILED, range.from, range.to],
    );
    const row = counts[0];
    return {
      registrations: row?.registrations ?? 0,
      loginsSucceeded: row?.logins_succeeded ?? 0,
      loginsFailed: row?.logins_failed ?? 0,
      lockouts: row?.lockouts ?? 0,
      distinctUsers: row?.distinct_users ?? 0,
      failuresByReason: reasons.map((r) => ({ reason: r.reason, count: r.count })),
    };
  }

  async registrationsByDay(range: DateRange): Promise<Map<string, number>> {
    const rows = await this.em.execute<{ day: string; count: number }[]>(
      `select to_char(date_trunc('day', "occurred_at" at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as count
       from ${TABLE} where "type" = ? and "occurred_at" >= ? and "occurred_at" < ?
       group by 1`,
      [T.USER_REGISTERED, range.from, range.to],
    );
    return new Map(rows.map((r) => [r.day, r.count]));
  }
}
