// Rule: when the limiter store fails, the per-IP budget fails open (logged) and the per-account budgets fail
// closed, so an outage never lifts the cap on guessing one account's password or OTP.
import { describe, expect, it, jest } from '@jest/globals';
import { createLogger } from '@cbp/logging';
import { AuthRateLimits } from './auth-rate-limits.js';
import type { RateLimiter } from './rate-limiter.js';

const log = createLogger({ service: 'test', level: 'silent' });
const broken: RateLimiter = { consume: () => Promise.reject(new Error('Redis is down')) };
const counting = (allowedPoints: number) => {
  let used = 0;
  const consume = jest.fn(async (_key: string, points: number = 1) => {
    used += points;
    return used <= allowedPoints ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: 7 };
  });
  return { consume } satisfies RateLimiter;
};
const login = (email: string) => ({ name: 'login', args: { input: { email } } });

describe('AuthRateLimits', () => {
  it('charges nothing for operations without auth calls', async () => {
    const ip = counting(0);
    const limits = new AuthRateLimits(ip, { login: counting(0), otp: counting(0), email: counting(0) }, log);
    expect(await limits.charge([{ name: 'me', args: {} }], '10.0.0.1', null)).toEqual({ allowed: true });
    expect(ip.consume).not.toHaveBeenCalled();
  });

  it('charges one IP point per call and groups account points per account', async () => {
    const ip = counting(100);
    const account = counting(100);
    const limits = new AuthRateLimits(ip, { login: account, otp: counting(100), email: counting(100) }, log);
    await limits.charge([login('a@b.c'), login('A@B.C'), login('x@y.z')], '10.0.0.1', null);
    expect(ip.consume).toHaveBeenCalledWith('10.0.0.1', 3);
    expect(account.consume.mock.calls).toEqual([
      ['a@b.c', 2],
      ['x@y.z', 1],
    ]);
  });

  it('fails open on the per-IP budget', async () => {
    const limits = new AuthRateLimits(broken, { login: counting(5), otp: counting(5), email: counting(5) }, log);
    expect(await limits.charge([login('a@b.c')], '10.0.0.1', null)).toEqual({ allowed: true });
  });

  it('fails closed on a per-account budget', async () => {
    const limits = new AuthRateLimits(counting(5), { login: broken, otp: counting(5), email: counting(5) }, log);
    expect(await limits.charge([login('a@b.c')], '10.0.0.1', null)).toMatchObject({ allowed: false, failedClosed: true });
  });

  it('refuses with the longest Retry-After of the budgets that refused', async () => {
    const limits = new AuthRateLimits(counting(0), { login: counting(0), otp: counting(5), email: counting(5) }, log);
    expect(await limits.charge([login('a@b.c')], '10.0.0.1', null)).toEqual({ allowed: false, retryAfterSeconds: 7, failedClosed: false });
  });
});
