/**
 * Brute-force lockout after Keycloak's brute-force detector, per account, driven by one number: the consecutive
 * failures since the last successful login (a lock ending does not reset it; only a success, a password reset or
 * an admin unlock does).
 *
 * - Every `threshold` failures (threshold, 2×threshold, …) the account locks temporarily: `baseSeconds` for the
 *   first lock, doubling with each further one, never longer than `maxSeconds`.
 * - At `permanentAfter` failures (NIST SP 800-63B-4: at most 100 consecutive failures) the lock no longer ends by
 *   itself: a password reset or an administrator lifts it.
 * - While locked, attempts are refused without being evaluated or counted.
 */
export interface LockoutPolicy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
  permanentAfter: number;
}

export interface LockoutState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export type LockStatus =
  { locked: false } | { locked: true; permanent: true } | { locked: true; permanent: false; until: Date; retryAfterSeconds: number };

/** The lock a count of consecutive failures earns when it is reached: none, temporary (seconds) or permanent. */
export function lockEarnedAt(
  policy: LockoutPolicy,
  failures: number,
): { kind: 'none' } | { kind: 'temporary'; seconds: number } | { kind: 'permanent' } {
  if (failures >= policy.permanentAfter) return { kind: 'permanent' };
  if (failures <= 0 || failures % policy.threshold !== 0) return { kind: 'none' };
  const nth = failures / policy.threshold;
  // 2^(nth-1) overflows to Infinity long after it passes the cap; min() keeps it finite.
  const seconds = Math.min(policy.baseSeconds * 2 ** (nth - 1), policy.maxSeconds);
  return { kind: 'temporary', seconds };
}

/** Whether an account in `state` is locked at `now`. */
export function lockStatus(policy: LockoutPolicy, state: LockoutState, now: Date): LockStatus {
  if (state.failedLoginCount >= policy.permanentAfter) return { locked: true, permanent: true };
  if (state.lockedUntil && state.lockedUntil.getTime() > now.getTime()) {
    return {
      locked: true,
      permanent: false,
      until: state.lockedUntil,
      retryAfterSeconds: Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000)),
    };
  }
  return { locked: false };
}

/** The state after one more failure at `now` (the caller has checked the account was not locked). */
export function afterFailure(
  policy: LockoutPolicy,
  state: LockoutState,
  now: Date,
): LockoutState & { lockedNow: 'temporary' | 'permanent' | null } {
  const failedLoginCount = state.failedLoginCount + 1;
  const earned = lockEarnedAt(policy, failedLoginCount);
  if (earned.kind === 'temporary')
    return { failedLoginCount, lockedUntil: new Date(now.getTime() + earned.seconds * 1000), lockedNow: 'temporary' };
  if (earned.kind === 'permanent') return { failedLoginCount, lockedUntil: null, lockedNow: 'permanent' };
  return { failedLoginCount, lockedUntil: state.lockedUntil, lockedNow: null };
}
