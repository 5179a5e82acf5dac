import type { AuthEvent } from '../events/auth-event.entity.js';
import type { LoginRiskRepository } from './login-risk.repository.js';
import { RECENT_FAILURE_WINDOW_MS, scoreLogin } from './risk-rules.js';
import type { RiskScore } from './risk-rules.js';

/** The facts of a user's past that the rules need, read from the event store. */
export interface LoginHistory {
  /** Whether the user logged in successfully from `ip` before `before` (not counting the event `excludingEventId`). */
  hasLoggedInFrom(userId: string, ip: string, before: Date, excludingEventId: string): Promise<boolean>;
  /** Failed logins for the user with from ≤ occurredAt < to. */
  failuresBetween(userId: string, from: Date, to: Date): Promise<number>;
}

/** Scores a successful login when it is stored (see `risk-rules.ts` for the rules). */
export class LoginRiskScorer {
  constructor(private readonly deps: { history: LoginHistory; risks: LoginRiskRepository; clock?: () => Date }) {}

  /** Computes and stores the score of `login`, an `auth.login.succeeded` event with a subject. */
  async scoreAndStore(login: AuthEvent & { userId: string }): Promise<RiskScore> {
    const { history } = this.deps;
    const data = login.data !== null && typeof login.data === 'object' && !Array.isArray(login.data) ? login.data : {};
    const facts = {
      newDevice: data.newDevice === true,
      ipSeenBefore: login.ip === null ? null : await history.hasLoggedInFrom(login.userId, login.ip, login.occurredAt, login.eventId),
      recentFailures: await history.failuresBetween(
        login.userId,
        new Date(login.occurredAt.getTime() - RECENT_FAILURE_WINDOW_MS),
        login.occurredAt,
      ),
    };
    const result = scoreLogin(facts);
    await this.deps.risks.save({
      eventId: login.eventId,
      userId: login.userId,
      occurredAt: login.occurredAt,
      score: result.score,
      reasons: result.reasons,
      scoredAt: (this.deps.clock ?? (() => new Date()))(),
    });
    return result;
  }
}
