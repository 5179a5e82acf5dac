// Rule: every auth call draws on the IP's capacity and failure budgets, taken before anything runs and refunded
// (failures only) for the calls that succeed; per account, per session (refresh) and per inviter budgets add up.
// When the limiter store fails, the per-IP budgets fail open (logged) and the per-account budgets fail closed, so
// an outage never lifts the cap on guessing one account's password or OTP. A call without a determinable account
// is refused.
import { describe, expect, it, jest } from '@jest/globals';
import { createLogger } from '@cbp/logging';
import { AuthRateLimits } from './auth-rate-limits.js';
import type { AuthRateLimiters } from './auth-rate-limits.js';
import type { RateLimiter } from './rate-limiter.js';

const log = createLogger({ service: 'test', level: 'silent' });
const broken: RateLimiter = { consume: () => Promise.reject(new Error('Redis is down')), refund: () => Promise.reject(new Error('down')) };
const counting = (allowedPoints: number) => {
  let used = 0;
  const consume = jest.fn(async (_key: string, points: number = 1) => {
    used += points;
    return used <= allowedPoints ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: 7 };
  });
  const refund = jest.fn(async (_key: string, points: number = 1) => {
    used -= points;
  });
  return { consume, refund } satisfies RateLimiter;
};
const limitersWith = (
  overrides: Partial<Omit<AuthRateLimiters, 'perAccount'>> & { perAccount?: Partial<AuthRateLimiters['perAccount']> },
) => ({
  ipFailures: overrides.ipFailures ?? counting(100),
  ipCapacity: overrides.ipCapacity ?? counting(100),
  refreshSession: overrides.refreshSession ?? counting(100),
  perAccount: {
    login: overrides.perAccount?.login ?? counting(100),
    otp: overrides.perAccount?.otp ?? counting(100),
    email: overrides.perAccount?.email ?? counting(100),
    invitation: overrides.perAccount?.invitation ?? counting(100),
  },
});
const login = (email: string, responseKey = 'login') => ({ name: 'login', responseKey, args: { input: { email } }, coerced: true });

describe('AuthRateLimits.charge', () => {
  it('charges nothing for operations without auth calls', async () => {
    const ipFailures = counting(0);
    const limits = new AuthRateLimits(limitersWith({ ipFailures }), log);
    expect(await limits.charge([{ name: 'me', responseKey: 'me', args: {}, coerced: true }], '10.0.0.1', null)).toEqual({
      allowed: true,
      charge: null,
    });
    expect(ipFailures.consume).not.toHaveBeenCalled();
  });

  it('charges one capacity and one failure point per call and groups account points per account', async () => {
    const ipFailures = counting(100);
    const ipCapacity = counting(100);
    const account = counting(100);
    const limits = new AuthRateLimits(limitersWith({ ipFailures, ipCapacity, perAccount: { login: account } }), log);
    await limits.charge([login('a@b.c', 'a'), login('A@B.C', 'b'), login('x@y.z', 'c')], '10.0.0.1', null);
    expect(ipFailures.consume).toHaveBeenCalledWith('10.0.0.1', 3);
    expect(ipCapacity.consume).toHaveBeenCalledWith('10.0.0.1', 3);
    expect(account.consume.mock.calls).toEqual([
      ['a@b.c', 2],
      ['x@y.z', 1],
    ]);
  });

  it('keys a refresh on its token id for the session budget', async () => {
    const refreshSession = counting(100);
    const limits = new AuthRateLimits(limitersWith({ refreshSession }), log);
    const token = '0b5f3c1e-8a3e-4c55-9b43-6a3f1c2d4e5f.secretsecretsecretsecretsecretsecretsecretse';
    await limits.charge([{ name: 'refreshSession', responseKey: 'r', args: { refreshToken: token }, coerced: true }], '10.0.0.1', null);
    expect(refreshSession.consume).toHaveBeenCalledWith('0b5f3c1e-8a3e-4c55-9b43-6a3f1c2d4e5f', 1);
  });

  it('traces rotated refresh tokens to the session of the token first presented', async () => {
    const refreshSession = counting(100);
    const links = new Map<string, string>();
    const refreshFamilies = {
      familyOf: async (id: string) => links.get(id) ?? id,
      link: async (id: string, family: string) => void links.set(id, family),
    };
    const limits = new AuthRateLimits({ ...limitersWith({ refreshSession }), refreshFamilies }, log);
    const first = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
    const second = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
    const refresh = (id: string) => [{ name: 'refreshSession', responseKey: 'r', args: { refreshToken: `${id}.secret` }, coerced: true }];
    const outcome = await limits.charge(refresh(first), '10.0.0.1', null);
    if (!outcome.allowed || !outcome.charge) throw new Error('refused');
    await limits.traceRotations(outcome.charge, new Map([['r', second]]));
    await limits.charge(refresh(second), '10.0.0.1', null);
    expect(refreshSession.consume.mock.calls).toEqual([
      [first, 1],
      [first, 1],
    ]);
  });

  it('keys invitations on the signed-in user', async () => {
    const invitation = counting(100);
    const limits = new AuthRateLimits(limitersWith({ perAccount: { invitation } }), log);
    await limits.charge([{ name: 'createInvitation', responseKey: 'i', args: {}, coerced: true }], '10.0.0.1', 'u1');
    expect(invitation.consume).toHaveBeenCalledWith('user:u1', 1);
  });

  it('refuses a call whose account cannot be determined, before charging anything', async () => {
    const ipFailures = counting(100);
    const limits = new AuthRateLimits(limitersWith({ ipFailures }), log);
    const noEmail = { name: 'login', responseKey: 'l', args: { input: { password: 'x' } }, coerced: true };
    expect(await limits.charge([noEmail], '10.0.0.1', null)).toMatchObject({ allowed: false, undetermined: true });
    expect(ipFailures.consume).not.toHaveBeenCalled();
  });

  it('charges the IP only for calls whose arguments do not coerce (execution refuses them, nothing runs)', async () => {
    const ipFailures = counting(100);
    const limits = new AuthRateLimits(limitersWith({ ipFailures }), log);
    const uncoerced = { name: 'login', responseKey: 'l', args: { input: { password: 'x' } }, coerced: false };
    expect(await limits.charge([uncoerced], '10.0.0.1', null)).toMatchObject({ allowed: true });
    expect(ipFailures.consume).toHaveBeenCalledWith('10.0.0.1', 1);
  });

  it('fails open on the per-IP budgets', async () => {
    const limits = new AuthRateLimits(limitersWith({ ipFailures: broken, ipCapacity: broken, perAccount: { login: counting(5) } }), log);
    expect(await limits.charge([login('a@b.c')], '10.0.0.1', null)).toMatchObject({ allowed: true });
  });

  it('fails closed on a per-account budget', async () => {
    const limits = new AuthRateLimits(limitersWith({ perAccount: { login: broken } }), log);
    expect(await limits.charge([login('a@b.c')], '10.0.0.1', null)).toMatchObject({ allowed: false, failedClosed: true });
  });

  it('refuses with the longest Retry-After of the budgets that refused', async () => {
    const limits = new AuthRateLimits(limitersWith({ ipFailures: counting(0), perAccount: { login: counting(0) } }), log);
    expect(await limits.charge([login('a@b.c')], '10.0.0.1', null)).toEqual({ allowed: false, retryAfterSeconds: 7, failedClosed: false });
  });
});

describe('AuthRateLimits.refund', () => {
  it('gives back the failure points of the calls that succeeded, and nothing else', async () => {
    const ipFailures = counting(100);
    const ipCapacity = counting(100);
    const limits = new AuthRateLimits(limitersWith({ ipFailures, ipCapacity }), log);
    const outcome = await limits.charge([login('a@b.c', 'a'), login('d@e.f', 'b'), login('g@h.i', 'c')], '10.0.0.1', null);
    if (!outcome.allowed || !outcome.charge) throw new Error('refused');
    await limits.refund(outcome.charge, (call) => call.responseKey !== 'b');
    expect(ipFailures.refund).toHaveBeenCalledWith('10.0.0.1', 2);
    expect(ipCapacity.refund).not.toHaveBeenCalled();
  });

  it('refunds nothing when the failure budget failed open (no points were held)', async () => {
    const failing = { consume: broken.consume, refund: jest.fn(async () => undefined) } satisfies RateLimiter;
    const limits = new AuthRateLimits(limitersWith({ ipFailures: failing }), log);
    const outcome = await limits.charge([login('a@b.c')], '10.0.0.1', null);
    if (!outcome.allowed || !outcome.charge) throw new Error('refused');
    await limits.refund(outcome.charge, () => true);
    expect(failing.refund).not.toHaveBeenCalled();
  });
});
