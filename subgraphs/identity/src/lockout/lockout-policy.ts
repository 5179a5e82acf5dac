import { isIPv6 } from 'node:net';

/**
 * Brute-force lockout after Keycloak's brute-force detector, per account, driven by one number: the consecutive
 * failures since the last successful login (a lock ending does not reset it; only a success, a password reset or
 * an admin unlock does).
 *
 * - Every `threshold` failures (threshold, 2×threshold, …) the account locks temporarily: `baseSeconds` for the
 *   first lock, doubling with each further one, never longer than `maxSeconds`.
 * - At `permanentAfter` consecutive failures from one source (NIST SP 800-63B-4: at most 100 consecutive
 *   failures) the lock no longer ends by itself for that source: a password reset or an administrator lifts it.
 *   Per source (an IP prefix, {@link lockoutSourceOf}) so that one attacker cannot lock the owner out for good;
 *   other sources still meet the temporary locks, which go on every `threshold` failures at `maxSeconds`
 *   (docs/design.md §7 (Rate limits, lockout and GraphQL limits)).
 * - While locked, attempts are refused without being evaluated or counted.
 *
 * `sourceFailures` is this source's count; where it is not given, every failure came from one source.
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

/** Whether an account in `state` is locked at `now` for the source with `sourceFailures`. */
export function lockStatus(policy: LockoutPolicy, state: LockoutState, now: Date, sourceFailures = state.failedLoginCount): LockStatus {
  if (sourceFailures >= policy.permanentAfter) return { locked: true, permanent: true };
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

/**
 * The state after one more failure at `now` (the caller has checked the account was not locked); `sourceFailures`
 * is this source's count before it.
 */
export function afterFailure(
  policy: LockoutPolicy,
  state: LockoutState,
  now: Date,
  sourceFailures = state.failedLoginCount,
): LockoutState & { lockedNow: 'temporary' | 'permanent' | null } {
  const failedLoginCount = state.failedLoginCount + 1;
  if (lockEarnedAt(policy, sourceFailures + 1).kind === 'permanent') return { failedLoginCount, lockedUntil: null, lockedNow: 'permanent' };
  // Past `permanentAfter` (failures from several sources) the account count still earns temporary locks.
  const earned = lockEarnedAt({ ...policy, permanentAfter: Number.POSITIVE_INFINITY }, failedLoginCount);
  if (earned.kind === 'temporary')
    return { failedLoginCount, lockedUntil: new Date(now.getTime() + earned.seconds * 1000), lockedNow: 'temporary' };
  return { failedLoginCount, lockedUntil: state.lockedUntil, lockedNow: null };
}

/**
 * The source a failed login is counted against for the permanent lock: the IPv4 /24 or the IPv6 /64 of the
 * client (one party usually holds a whole prefix), or `unknown` when the address is not known.
 */
export function lockoutSourceOf(ip: string | null): string {
  if (!ip) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!isIPv6(ip)) return 'unknown';
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
