// Brute-force lockout (ASVS 6.3.1, NIST SP 800-63B-4): a lock every `threshold` consecutive failures, doubling
// from `baseSeconds` up to `maxSeconds`, and a lock that does not end by itself at `permanentAfter` failures.
import { describe, expect, it } from '@jest/globals';
import { afterFailure, lockEarnedAt, lockoutSourceOf, lockStatus } from './lockout-policy.js';
import type { LockoutPolicy, LockoutState } from './lockout-policy.js';

const policy: LockoutPolicy = { threshold: 10, baseSeconds: 60, maxSeconds: 900, permanentAfter: 100 };
const T0 = new Date('2026-11-25T06:00:00Z');
const plus = (s: number) => new Date(T0.getTime() + s * 1000);

describe('lockEarnedAt', () => {
  it('earns nothing below the threshold or between multiples of it', () => {
    for (const n of [0, 1, 9, 11, 19, 21, 99]) expect(lockEarnedAt(policy, n)).toEqual({ kind: 'none' });
  });

  it('locks at the threshold, doubling each further lock, capped at the maximum', () => {
    const seconds = [10, 20, 30, 40, 50, 60, 70, 80, 90].map((n) => lockEarnedAt(policy, n));
    expect(seconds).toEqual([60, 120, 240, 480, 900, 900, 900, 900, 900].map((s) => ({ kind: 'temporary', seconds: s })));
  });

  it('locks permanently at permanentAfter and beyond', () => {
    expect(lockEarnedAt(policy, 100)).toEqual({ kind: 'permanent' });
    expect(lockEarnedAt(policy, 250)).toEqual({ kind: 'permanent' });
    expect(lockEarnedAt({ ...policy, permanentAfter: 25 }, 25)).toEqual({ kind: 'permanent' });
  });

  it('never overflows, however many locks', () => {
    expect(lockEarnedAt({ ...policy, permanentAfter: 100 }, 10 * 2000)).toEqual({ kind: 'permanent' });
    expect(lockEarnedAt({ threshold: 3, baseSeconds: 60, maxSeconds: 900, permanentAfter: 100_000 }, 3 * 5000)).toEqual({
      kind: 'temporary',
      seconds: 900,
    });
  });
});

describe('lockStatus and afterFailure', () => {
  it('walks an attacker through threshold, lock, expiry, second (doubled) lock', () => {
    let state: LockoutState = { failedLoginCount: 0, lockedUntil: null };
    for (let i = 1; i <= 9; i++) {
      const next = afterFailure(policy, state, T0);
      expect(next.lockedNow).toBeNull();
      state = next;
    }
    expect(lockStatus(policy, state, T0)).toEqual({ locked: false });
    const tenth = afterFailure(policy, state, T0);
    expect(tenth).toMatchObject({ failedLoginCount: 10, lockedNow: 'temporary', lockedUntil: plus(60) });
    state = tenth;
    expect(lockStatus(policy, state, plus(1))).toEqual({ locked: true, permanent: false, until: plus(60), retryAfterSeconds: 59 });
    expect(lockStatus(policy, state, plus(59.5))).toMatchObject({ locked: true, retryAfterSeconds: 1 });
    expect(lockStatus(policy, state, plus(60))).toEqual({ locked: false });
    for (let i = 11; i <= 19; i++) state = afterFailure(policy, state, plus(61));
    const twentieth = afterFailure(policy, state, plus(61));
    expect(twentieth).toMatchObject({ failedLoginCount: 20, lockedNow: 'temporary', lockedUntil: plus(61 + 120) });
  });

  it('is permanently locked at permanentAfter, whatever lockedUntil says', () => {
    const state = afterFailure(policy, { failedLoginCount: 99, lockedUntil: plus(-10) }, T0);
    expect(state).toMatchObject({ failedLoginCount: 100, lockedNow: 'permanent', lockedUntil: null });
    expect(lockStatus(policy, state, plus(10 * 365 * 86400))).toEqual({ locked: true, permanent: true });
  });
});

describe('per-source permanent lock', () => {
  it('locks for good only the source that reached permanentAfter; the account count still earns temporary locks', () => {
    // 99 account failures, 5 of them from this source: the 100th (from here) is a temporary lock, not a permanent one.
    const fromOther = afterFailure(policy, { failedLoginCount: 99, lockedUntil: null }, T0, 5);
    expect(fromOther).toMatchObject({ failedLoginCount: 100, lockedNow: 'temporary', lockedUntil: plus(900) });
    expect(lockStatus(policy, fromOther, plus(901), 6)).toEqual({ locked: false });
    // The source that made all 100 is locked for good.
    expect(lockStatus(policy, fromOther, plus(901), 100)).toEqual({ locked: true, permanent: true });
    expect(afterFailure(policy, { failedLoginCount: 150, lockedUntil: null }, T0, 99)).toMatchObject({ lockedNow: 'permanent' });
  });

  it('names the source by the IPv4 /24 or the IPv6 /64', () => {
    expect(lockoutSourceOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(lockoutSourceOf('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(lockoutSourceOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(lockoutSourceOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(lockoutSourceOf('2001:DB8:0001:0002::')).toBe('2001:db8:1:2::/64');
    expect(lockoutSourceOf(null)).toBe('unknown');
    expect(lockoutSourceOf('not an address')).toBe('unknown');
  });
});
