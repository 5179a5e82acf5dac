import type { Logger } from '@cbp/logging';
import type { AnyRedisStore } from '@cbp/redis';
import { AUTH_FIELDS } from './auth-fields.js';
import type { AccountBudget, RootFieldCall } from './auth-fields.js';
import { createRateLimiter } from './rate-limiter.js';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from './rate-limiter.js';

export interface AuthRateLimitSettings {
  perIp: Omit<RateLimitPolicy, 'name'>;
  perAccount: Record<AccountBudget, Omit<RateLimitPolicy, 'name'>>;
}

/** Refused: the whole operation is not run. `failedClosed` when a store error refused it rather than a budget. */
export type AuthLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number; failedClosed: boolean };

/**
 * The budgets of the auth surface: one per client IP (with a burst allowance) over every auth call, and one
 * per account for login, OTP and the e-mail sending requests.
 *
 * Store outages: the per-IP budget fails OPEN (logged), because it guards capacity and a Redis blip must not
 * lock every user out; the per-account budgets fail CLOSED, because they are what caps password and OTP guessing
 * on one account, and that cap must not disappear by knocking Redis over.
 */
export class AuthRateLimits {
  constructor(
    private readonly perIp: RateLimiter,
    private readonly perAccount: Record<AccountBudget, RateLimiter>,
    private readonly log: Logger,
  ) {}

  /** The budgets on `store` (Redis or in-process) under `<keyPrefix>rl:`. */
  static create(store: AnyRedisStore, keyPrefix: string, settings: AuthRateLimitSettings, log: Logger): AuthRateLimits {
    return new AuthRateLimits(
      createRateLimiter(store, keyPrefix, { name: 'ip', ...settings.perIp }),
      {
        login: createRateLimiter(store, keyPrefix, { name: 'login', ...settings.perAccount.login }),
        otp: createRateLimiter(store, keyPrefix, { name: 'otp', ...settings.perAccount.otp }),
        email: createRateLimiter(store, keyPrefix, { name: 'email', ...settings.perAccount.email }),
      },
      log,
    );
  }

  /**
   * Charges the operation's auth calls before any of them runs: one IP point per call (aliases and fragments
   * included), one account point per call on the account's budgets. Operations without auth calls cost nothing.
   */
  async charge(calls: readonly RootFieldCall[], ip: string | null, userId: string | null): Promise<AuthLimitOutcome> {
    const authCalls = calls.filter((c) => Object.hasOwn(AUTH_FIELDS, c.name));
    if (authCalls.length === 0) return { allowed: true };

    const accountPoints = new Map<string, { budget: AccountBudget; account: string; points: number }>();
    for (const call of authCalls) {
      for (const { budget, account } of AUTH_FIELDS[call.name]?.accounts(call.args, userId) ?? []) {
        const id = `${budget}|${account}`;
        const entry = accountPoints.get(id) ?? { budget, account, points: 0 };
        entry.points += 1;
        accountPoints.set(id, entry);
      }
    }

    let retryAfterSeconds = 0;
    // No socket address only happens for a destroyed socket; such calls share one key rather than go unlimited.
    const ipDecision = await this.failOpen(() => this.perIp.consume(ip ?? 'unknown', authCalls.length), ip);
    if (!ipDecision.allowed) retryAfterSeconds = ipDecision.retryAfterSeconds;

    for (const { budget, account, points } of accountPoints.values()) {
      let decision: RateLimitDecision;
      try {
        decision = await this.perAccount[budget].consume(account, points);
      } catch (err) {
        this.log.error({ err, budget }, 'rate-limit store unavailable; per-account budget fails closed');
        return { allowed: false, retryAfterSeconds: 30, failedClosed: true };
      }
      if (!decision.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds);
    }
    if (retryAfterSeconds > 0) {
      this.log.info({ event: 'auth.rate_limited', ip, calls: authCalls.length, retryAfterSeconds }, 'auth calls refused by rate limit');
      return { allowed: false, retryAfterSeconds, failedClosed: false };
    }
    return { allowed: true };
  }

  private async failOpen(consume: () => Promise<RateLimitDecision>, ip: string | null): Promise<RateLimitDecision> {
    try {
      return await consume();
    } catch (err) {
      this.log.warn({ err, ip }, 'rate-limit store unavailable; per-IP budget fails open');
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }
}
