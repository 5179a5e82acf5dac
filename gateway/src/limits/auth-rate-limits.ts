import type { Logger } from '@cbp/logging';
import type { AnyRedisStore } from '@cbp/redis';
import { AUTH_FIELDS } from './auth-fields.js';
import type { AccountBudget, RootFieldCall } from './auth-fields.js';
import { createRateLimiter } from './rate-limiter.js';
import { RefreshFamilies } from './refresh-families.js';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from './rate-limiter.js';

type Policy = Omit<RateLimitPolicy, 'name'>;

export interface AuthRateLimitSettings {
  /** Per client IP: auth calls that fail (every call is charged, those that succeed are refunded). */
  ipFailures: Policy;
  /** Per client IP: every auth call, successes included. */
  ipCapacity: Policy;
  /** Per session: refreshes; `sessionLifetimeSeconds` bounds how long a rotated token is traced to its session. */
  refreshSession: Policy & { sessionLifetimeSeconds: number };
  perAccount: Record<AccountBudget, Policy>;
}

export interface AuthRateLimiters {
  ipFailures: RateLimiter;
  ipCapacity: RateLimiter;
  refreshSession: RateLimiter;
  perAccount: Record<AccountBudget, RateLimiter>;
  /** Traces rotated refresh tokens to their session; without it, each token id is its own session key. */
  refreshFamilies?: Pick<RefreshFamilies, 'familyOf' | 'link'>;
}

/** What was taken for an allowed operation, to refund the calls that succeed. */
export interface AuthCharge {
  /** The auth calls charged, by response key. */
  calls: readonly RootFieldCall[];
  ip: string;
  /** Failure points actually held (0 when the store failed and the budget failed open). */
  failurePoints: number;
  /** The session key of each refresh call, by response key. */
  sessions: ReadonlyMap<string, string>;
}

/**
 * Refused: the whole operation is not run. `failedClosed` when a store error refused it rather than a budget;
 * `undetermined` when an auth call names an account the gateway cannot determine.
 */
export type AuthLimitOutcome =
  | { allowed: true; charge: AuthCharge | null }
  | { allowed: false; retryAfterSeconds: number; failedClosed: boolean; undetermined?: boolean };

/**
 * The budgets of the auth surface (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): per client IP a
 * failure budget (with a burst allowance) and a capacity budget; per session for refreshes; per account for login,
 * OTP, e-mail sending and invitations.
 *
 * Every auth call is assumed to fail: its failure point is taken before anything runs, atomically with the
 * operation's other calls (so aliases and batches never try more than what remains), and given back by
 * {@link refund} for each call that succeeded.
 *
 * Store outages: the per-IP and per-session budgets fail OPEN (logged), because they guard capacity and a Redis
 * blip must not lock every user out; the per-account budgets fail CLOSED, because they are what caps password and
 * OTP guessing on one account, and that cap must not disappear by knocking Redis over.
 */
export class AuthRateLimits {
  constructor(
    private readonly limiters: AuthRateLimiters,
    private readonly log: Logger,
  ) {}

  /** The budgets on `store` (Redis or in-process) under `<keyPrefix>rl:`. */
  static create(store: AnyRedisStore, keyPrefix: string, settings: AuthRateLimitSettings, log: Logger): AuthRateLimits {
    const limiter = (name: string, policy: Policy) => createRateLimiter(store, keyPrefix, { name, ...policy });
    return new AuthRateLimits(
      {
        // 'ip' keeps the counters of the single per-IP budget this one replaces.
        ipFailures: limiter('ip', settings.ipFailures),
        ipCapacity: limiter('ip-capacity', settings.ipCapacity),
        refreshSession: limiter('refresh-session', settings.refreshSession),
        refreshFamilies: new RefreshFamilies(store, settings.refreshSession.sessionLifetimeSeconds),
        perAccount: {
          login: limiter('login', settings.perAccount.login),
          otp: limiter('otp', settings.perAccount.otp),
          email: limiter('email', settings.perAccount.email),
          invitation: limiter('invitation', settings.perAccount.invitation),
        },
      },
      log,
    );
  }

  /**
   * Charges the operation's auth calls before any of them runs: per IP one capacity and one failure point per call
   * (aliases and fragments included), per account (and per session for a refresh) one point per call on its
   * budgets. Operations without auth calls cost nothing.
   */
  async charge(calls: readonly RootFieldCall[], ip: string | null, userId: string | null): Promise<AuthLimitOutcome> {
    const authCalls = calls.filter((c) => Object.hasOwn(AUTH_FIELDS, c.name));
    if (authCalls.length === 0) return { allowed: true, charge: null };

    const accountPoints = new Map<string, { budget: AccountBudget; account: string; points: number }>();
    const sessionPoints = new Map<string, number>();
    const sessions = new Map<string, string>();
    for (const call of authCalls) {
      const rule = AUTH_FIELDS[call.name];
      const accounts = rule?.accounts(call.args, userId);
      // Uncoercible arguments: execution refuses the whole operation before any call runs; IP budgets still apply.
      if (accounts === null && call.coerced) {
        this.log.info({ event: 'auth.account_undetermined', ip, field: call.name }, 'auth call refused: no account to budget');
        return { allowed: false, retryAfterSeconds: 0, failedClosed: false, undetermined: true };
      }
      for (const { budget, account } of accounts ?? []) {
        const id = `${budget}|${account}`;
        const entry = accountPoints.get(id) ?? { budget, account, points: 0 };
        entry.points += 1;
        accountPoints.set(id, entry);
      }
      const tokenId = rule?.session?.(call.args);
      if (tokenId) {
        const session = await this.sessionOf(tokenId);
        sessions.set(call.responseKey, session);
        sessionPoints.set(session, (sessionPoints.get(session) ?? 0) + 1);
      }
    }

    // No socket address only happens for a destroyed socket; such calls share one key rather than go unlimited.
    const ipKey = ip ?? 'unknown';
    let retryAfterSeconds = 0;
    const refuse = (decision: RateLimitDecision | null) => {
      if (decision && !decision.allowed) retryAfterSeconds = Math.max(retryAfterSeconds, decision.retryAfterSeconds);
    };

    refuse(await this.failOpen('ip-capacity', () => this.limiters.ipCapacity.consume(ipKey, authCalls.length), ip));
    const failures = await this.failOpen('ip-failures', () => this.limiters.ipFailures.consume(ipKey, authCalls.length), ip);
    refuse(failures);
    for (const [session, points] of sessionPoints) {
      refuse(await this.failOpen('refresh-session', () => this.limiters.refreshSession.consume(session, points), ip));
    }

    for (const { budget, account, points } of accountPoints.values()) {
      let decision: RateLimitDecision;
      try {
        decision = await this.limiters.perAccount[budget].consume(account, points);
      } catch (err) {
        this.log.error({ err, budget }, 'rate-limit store unavailable; per-account budget fails closed');
        return { allowed: false, retryAfterSeconds: 30, failedClosed: true };
      }
      refuse(decision);
    }
    if (retryAfterSeconds > 0) {
      this.log.info({ event: 'auth.rate_limited', ip, calls: authCalls.length, retryAfterSeconds }, 'auth calls refused by rate limit');
      return { allowed: false, retryAfterSeconds, failedClosed: false };
    }
    return { allowed: true, charge: { calls: authCalls, ip: ipKey, failurePoints: failures ? authCalls.length : 0, sessions } };
  }

  /**
   * Gives the IP's failure points back for the charged calls that succeeded (their response keys). Capacity,
   * session and account points stay spent: they count attempts, successes included.
   */
  async refund(charge: AuthCharge, succeeded: (call: RootFieldCall) => boolean): Promise<void> {
    const points = Math.min(charge.failurePoints, charge.calls.filter(succeeded).length);
    if (points === 0) return;
    try {
      await this.limiters.ipFailures.refund(charge.ip, points);
    } catch (err) {
      // The points stay spent: the caller sees a smaller budget until the window ends, never a larger one.
      this.log.warn({ err, ip: charge.ip }, 'rate-limit store unavailable; failure points not refunded');
    }
  }

  /**
   * Records the refresh tokens handed out by the charge's refreshes (response key → new token id) as belonging to
   * the session of the token each refresh presented, so the next refresh draws on the same session budget.
   */
  async traceRotations(charge: AuthCharge, rotated: ReadonlyMap<string, string>): Promise<void> {
    const families = this.limiters.refreshFamilies;
    if (!families) return;
    for (const [responseKey, tokenId] of rotated) {
      const session = charge.sessions.get(responseKey);
      if (!session) continue;
      try {
        await families.link(tokenId, session);
      } catch (err) {
        // The next refresh then opens a session budget of its own: capacity and failures still apply.
        this.log.warn({ err }, 'rate-limit store unavailable; rotated refresh token not traced to its session');
      }
    }
  }

  private async sessionOf(tokenId: string): Promise<string> {
    try {
      return (await this.limiters.refreshFamilies?.familyOf(tokenId)) ?? tokenId;
    } catch (err) {
      this.log.warn({ err }, 'rate-limit store unavailable; refresh keyed on its token');
      return tokenId;
    }
  }

  /** null when the store failed (the budget fails open). */
  private async failOpen(budget: string, consume: () => Promise<RateLimitDecision>, ip: string | null): Promise<RateLimitDecision | null> {
    try {
      return await consume();
    } catch (err) {
      this.log.warn({ err, ip, budget }, 'rate-limit store unavailable; per-IP budget fails open');
      return null;
    }
  }
}
