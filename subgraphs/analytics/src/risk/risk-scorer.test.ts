import { describe, expect, it } from '@jest/globals';
import type { AuthEvent } from '../events/auth-event.entity.js';
import type { LoginRisk } from './login-risk.entity.js';
import type { LoginRiskRepository, ScoredLogin } from './login-risk.repository.js';
import { LoginRiskScorer } from './risk-scorer.js';
import type { LoginHistory } from './risk-scorer.js';

const USER = '11111111-1111-4111-8111-111111111111';
const AT = new Date('2026-05-01T12:00:00Z');

/** A history over an event list, with the same semantics as the SQL one. */
class ListHistory implements LoginHistory {
  constructor(private readonly events: AuthEvent[]) {}
  async hasLoggedInFrom(userId: string, ip: string, before: Date, excludingEventId: string) {
    return this.events.some(
      (e) =>
        e.userId === userId && e.type === 'auth.login.succeeded' && e.ip === ip && e.occurredAt < before && e.eventId !== excludingEventId,
    );
  }
  async failuresBetween(userId: string, from: Date, to: Date) {
    return this.events.filter((e) => e.userId === userId && e.type === 'auth.login.failed' && e.occurredAt >= from && e.occurredAt < to)
      .length;
  }
}

class ListRisks implements LoginRiskRepository {
  saved: LoginRisk[] = [];
  async save(risk: LoginRisk) {
    this.saved.push(risk);
  }
  async listForUser(): Promise<ScoredLogin[]> {
    return [];
  }
}

let n = 0;
function ev(type: string, minutesBefore: number, patch: Partial<AuthEvent> = {}): AuthEvent {
  n += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type,
    occurredAt: new Date(AT.getTime() - minutesBefore * 60_000),
    userId: USER,
    actorId: null,
    ip: '203.0.113.1',
    userAgent: null,
    data: {},
    ...patch,
  };
}

async function score(history: AuthEvent[], login: AuthEvent) {
  const risks = new ListRisks();
  const result = await new LoginRiskScorer({ history: new ListHistory([...history, login]), risks, clock: () => AT }).scoreAndStore({
    ...login,
    userId: USER,
  });
  return { result, saved: risks.saved[0] };
}

describe('LoginRiskScorer', () => {
  it('scores a first login on a new device from an unknown IP 65, and stores it', async () => {
    const login = ev('auth.login.succeeded', 0, { data: { newDevice: true } });
    const { result, saved } = await score([], login);
    expect(result).toEqual({ score: 65, reasons: ['NEW_DEVICE', 'NEW_IP'] });
    expect(saved).toEqual({
      eventId: login.eventId,
      userId: USER,
      occurredAt: login.occurredAt,
      score: 65,
      reasons: ['NEW_DEVICE', 'NEW_IP'],
      scoredAt: AT,
    });
  });

  it('knows an IP only from earlier successful logins of the same user', async () => {
    const login = ev('auth.login.succeeded', 0);
    expect((await score([ev('auth.login.succeeded', 60 * 24)], login)).result.score).toBe(0);
    // Failures from the IP do not make it familiar; nor do other users' logins; nor later logins.
    expect((await score([ev('auth.login.failed', 10)], login)).result.reasons).toEqual(['NEW_IP']);
    expect(
      (await score([ev('auth.login.succeeded', 10, { userId: '22222222-2222-4222-8222-222222222222' })], login)).result.reasons,
    ).toEqual(['NEW_IP']);
    expect((await score([ev('auth.login.succeeded', -10)], login)).result.reasons).toEqual(['NEW_IP']);
  });

  it('counts failures in the hour before the login only', async () => {
    const known = ev('auth.login.succeeded', 60 * 24);
    const login = ev('auth.login.succeeded', 0);
    const threeInHour = [ev('auth.login.failed', 59), ev('auth.login.failed', 30), ev('auth.login.failed', 1)];
    expect((await score([known, ...threeInHour], login)).result.reasons).toEqual(['RECENT_FAILURES']);
    const oneTooOld = [ev('auth.login.failed', 61), ev('auth.login.failed', 30), ev('auth.login.failed', 1)];
    expect((await score([known, ...oneTooOld], login)).result.reasons).toEqual([]);
  });

  it('does not judge the IP of a login that has none, and needs newDevice to be exactly true', async () => {
    const login = ev('auth.login.succeeded', 0, { ip: null, data: { newDevice: 'yes' } });
    expect((await score([], login)).result).toEqual({ score: 0, reasons: [] });
  });
});
