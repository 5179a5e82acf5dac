/**
 * Login risk scoring: simple, deterministic, explainable rules. A score is the sum of the points of the rules a
 * login triggers, capped at 100; the reasons list names each triggered rule. The rules look only at facts known
 * when the login event is stored, so the same history always gives the same score.
 *
 * | reason            | points | triggered when                                                             |
 * | ----------------- | ------ | -------------------------------------------------------------------------- |
 * | `NEW_DEVICE`      | 40     | identity flagged the login's device as new (`data.newDevice === true`)     |
 * | `NEW_IP`          | 25     | the user has no earlier successful login from this IP (no IP: not judged)  |
 * | `RECENT_FAILURES` | 25     | at least 3 failed logins for this user in the hour before the login        |
 *
 * "Earlier" and "the hour before" are by the events' `occurredAt`. Only successful logins make an IP known:
 * an attacker's failed attempts from an address must not make that address look familiar.
 * Unusual login hours are deliberately not scored yet: they need a per-user baseline this store does not keep.
 */
export const RISK_POINTS = {
  NEW_DEVICE: 40,
  NEW_IP: 25,
  RECENT_FAILURES: 25,
} as const;

export type RiskReason = keyof typeof RISK_POINTS;

/** Failed logins in the window before a login that make it suspicious. */
export const RECENT_FAILURE_THRESHOLD = 3;
export const RECENT_FAILURE_WINDOW_MS = 60 * 60 * 1000;
export const MAX_RISK_SCORE = 100;

/** What the rules look at, gathered when a successful login is stored. */
export interface LoginFacts {
  newDevice: boolean;
  /** Whether an earlier successful login of this user came from the same IP; null when the login has no IP. */
  ipSeenBefore: boolean | null;
  /** Failed logins for this user in the {@link RECENT_FAILURE_WINDOW_MS} before the login. */
  recentFailures: number;
}

export interface RiskScore {
  /** 0–100. */
  score: number;
  /** The triggered rules, in the order of {@link RISK_POINTS}. */
  reasons: RiskReason[];
}

/** Pure: the score of one login. */
export function scoreLogin(facts: LoginFacts): RiskScore {
  const reasons: RiskReason[] = [];
  if (facts.newDevice) reasons.push('NEW_DEVICE');
  if (facts.ipSeenBefore === false) reasons.push('NEW_IP');
  if (facts.recentFailures >= RECENT_FAILURE_THRESHOLD) reasons.push('RECENT_FAILURES');
  const score = Math.min(
    MAX_RISK_SCORE,
    reasons.reduce((sum, reason) => sum + RISK_POINTS[reason], 0),
  );
  return { score, reasons };
}
