import { describe, expect, it } from '@jest/globals';
import type { RequestIdentity } from '@cbp/service-kit';
import type { DateRange } from './date-range.js';
import type { AuthTotals, LoginCounters, StatsRepository } from './stats.repository.js';
import { StatsService } from './stats.service.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const alice: RequestIdentity = { kind: 'user', userId: ALICE, sessionId: 's', roles: [], scopes: [], amr: ['pwd'] };
const bob: RequestIdentity = { ...alice, userId: '22222222-2222-4222-8222-222222222222' };
const analyst: RequestIdentity = { ...bob, scopes: ['analytics:read'] };

class FakeStats implements StatsRepository {
  asked: string[] = [];
  async loginCounters(userId: string): Promise<LoginCounters> {
    this.asked.push(userId);
    return { successCount: 1, failureCount: 2, lastLoginAt: null, lastFailureAt: null };
  }
  async totals(_range: DateRange): Promise<AuthTotals> {
    return { registrations: 0, loginsSucceeded: 0, loginsFailed: 0, lockouts: 0, distinctUsers: 0, failuresByReason: [] };
  }
  async registrationsByDay(): Promise<Map<string, number>> {
    return new Map([['2026-01-02', 4]]);
  }
}

describe('StatsService', () => {
  it('gives login stats to the user themself and to analytics:read only', async () => {
    const service = new StatsService({ stats: new FakeStats() });
    await expect(service.loginStatsOf(alice, ALICE)).resolves.toMatchObject({ successCount: 1 });
    await expect(service.loginStatsOf(analyst, ALICE)).resolves.toMatchObject({ successCount: 1 });
    await expect(service.loginStatsOf(bob, ALICE)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.loginStatsOf({ kind: 'anonymous' }, ALICE)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('does not ask the database about an id that is not a UUID', async () => {
    const stats = new FakeStats();
    await expect(new StatsService({ stats }).loginStatsOf(analyst, 'nope')).resolves.toEqual({
      successCount: 0,
      failureCount: 0,
      lastLoginAt: null,
      lastFailureAt: null,
    });
    expect(stats.asked).toEqual([]);
  });

  it('requires analytics:read for the aggregates and checks the range before reading', async () => {
    const service = new StatsService({ stats: new FakeStats() });
    await expect(service.authStats(alice, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.signupsByDay(analyst, '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('zero-fills signupsByDay', async () => {
    const days = await new StatsService({ stats: new FakeStats() }).signupsByDay(analyst, '2026-01-01T00:00:00Z', '2026-01-04T00:00:00Z');
    expect(days).toEqual([
      { day: '2026-01-01', count: 0 },
      { day: '2026-01-02', count: 4 },
      { day: '2026-01-03', count: 0 },
    ]);
  });
});
