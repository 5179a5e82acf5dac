import { isUuid, SCOPES } from '@cbp/contracts';
import type { RequestIdentity } from '@cbp/service-kit';
import { assertScope, assertSelfOrScope } from '@cbp/service-kit';
import { parseDateRange, utcDaysOf } from './date-range.js';
import type { DateRange } from './date-range.js';
import type { AuthTotals, LoginCounters, StatsRepository } from './stats.repository.js';

export interface AuthStats extends AuthTotals, DateRange {}

export interface DayCount {
  /** `YYYY-MM-DD`, a UTC day. */
  day: string;
  count: number;
}

const NO_LOGINS: LoginCounters = { successCount: 0, failureCount: 0, lastLoginAt: null, lastFailureAt: null };

/** Aggregates of the event store. Every method checks the caller itself. */
export class StatsService {
  constructor(private readonly deps: { stats: StatsRepository }) {}

  /**
   * Login counters of one user (events whose subject is the user). The user themself, or `analytics:read`.
   * @throws UNAUTHENTICATED, FORBIDDEN.
   */
  async loginStatsOf(identity: RequestIdentity, userId: string): Promise<LoginCounters> {
    assertSelfOrScope(identity, userId, SCOPES.ANALYTICS_READ);
    return isUuid(userId) ? this.deps.stats.loginCounters(userId.toLowerCase()) : NO_LOGINS;
  }

  /**
   * Totals over from ≤ occurredAt < to. Requires `analytics:read`.
   * @throws UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED (bad range: not ISO, from ≥ to, over 366 days).
   */
  async authStats(identity: RequestIdentity, from: unknown, to: unknown): Promise<AuthStats> {
    assertScope(identity, SCOPES.ANALYTICS_READ);
    const range = parseDateRange(from, to);
    return { ...range, ...(await this.deps.stats.totals(range)) };
  }

  /**
   * Registrations per UTC day over from ≤ occurredAt < to, every day of the range listed (zero when none).
   * The first and last day count only the part inside the range. Requires `analytics:read`.
   * @throws UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED.
   */
  async signupsByDay(identity: RequestIdentity, from: unknown, to: unknown): Promise<DayCount[]> {
    assertScope(identity, SCOPES.ANALYTICS_READ);
    const range = parseDateRange(from, to);
    const counts = await this.deps.stats.registrationsByDay(range);
    return utcDaysOf(range).map((day) => ({ day, count: counts.get(day) ?? 0 }));
  }
}
