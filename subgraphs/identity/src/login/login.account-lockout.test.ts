// Brute-force lockout as the login service applies it (lockout-policy.ts arithmetic, counted on the account in
// the login transaction): a lock every `threshold` consecutive failures, doubling up to the cap, permanent at
// `permanentAfter`; a locked account is refused whatever the password and its attempts are not counted; a
// success resets the count; a password reset lifts even a permanent lock. Policy: 3 / 60 s / 180 s / 15.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';
import type { IdentityTestKit } from '../testing/identity-test-kit.js';

const WRONG = 'definitely not it';

async function setup() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const attempt = (password: string) => failureOf(kit.services.login.login({ email: user.email, password }, kit.meta));
  const state = () => kit.uow.transact((tx) => tx.lockout.read(user.id));
  /** `n` wrong passwords in a row, each expected to be counted (INVALID_CREDENTIALS). */
  const failTimes = async (n: number) => {
    for (let i = 0; i < n; i++) expect(await attempt(WRONG)).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  };
  return { kit, user, attempt, state, failTimes };
}

const lockedFor = (kit: IdentityTestKit, seconds: number) => new Date(kit.clock.now().getTime() + seconds * 1000);

describe('login lockout', () => {
  it('locks at the threshold for the base duration; while locked even the right password is refused and nothing is counted', async () => {
    const { kit, user, attempt, state, failTimes } = await setup();
    await failTimes(2);
    expect(await state()).toEqual({ failedLoginCount: 2, lockedUntil: null });
    await failTimes(1);
    expect(await state()).toEqual({ failedLoginCount: 3, lockedUntil: lockedFor(kit, 60) });
    expect(kit.eventsOf(EVENT_TYPES.ACCOUNT_LOCKED)).toEqual([
      expect.objectContaining({ subjectId: user.id, data: { until: lockedFor(kit, 60).toISOString(), failures: 3 } }),
    ]);
    kit.clock.advance(15);
    expect(await attempt(TEST_PASSWORD)).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423, details: { retryAfterSeconds: 45 } });
    expect(await attempt(WRONG)).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 45 } });
    expect((await state())?.failedLoginCount).toBe(3);
    kit.clock.advance(45);
    const tokens = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    expect(tokens.sessionId).toEqual(expect.any(String));
  });

  it('doubles each further lock up to the cap, counting across expired locks, and mails once per lock', async () => {
    const { kit, user, attempt, state, failTimes } = await setup();
    const seconds: number[] = [];
    for (let lock = 1; lock <= 4; lock++) {
      await failTimes(3);
      const s = await state();
      seconds.push(((s?.lockedUntil?.getTime() ?? 0) - kit.clock.now().getTime()) / 1000);
      expect(await attempt(WRONG)).toMatchObject({ code: 'ACCOUNT_LOCKED' });
      kit.clock.advance(seconds[seconds.length - 1] ?? 0);
    }
    expect(seconds).toEqual([60, 120, 180, 180]);
    expect((await state())?.failedLoginCount).toBe(12);
    expect(kit.eventsOf(EVENT_TYPES.ACCOUNT_LOCKED).map((e) => e.data.failures)).toEqual([3, 6, 9, 12]);
    expect(await kit.mailTo(user.email, 'account-locked')).toHaveLength(4);
  });

  it('locks for good at permanentAfter: time does not lift it, the right password is refused with the reset hint', async () => {
    const { kit, user, attempt, state, failTimes } = await setup();
    for (let lock = 1; lock <= 4; lock++) {
      await failTimes(3);
      kit.clock.advance(180);
    }
    await failTimes(3);
    expect(await state()).toEqual({ failedLoginCount: 15, lockedUntil: null });
    expect(kit.eventsOf(EVENT_TYPES.ACCOUNT_LOCKED).at(-1)?.data).toEqual({ until: null, failures: 15 });
    kit.clock.advance(365 * 86400);
    const refused = await attempt(TEST_PASSWORD);
    expect(refused).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423 });
    expect(refused.message).toMatch(/Reset your password/);
    expect(refused.details).toBeUndefined();
    expect((await state())?.failedLoginCount).toBe(15);
    expect((await kit.mailTo(user.email, 'account-locked')).at(-1)?.text).toMatch(/stays locked until an administrator unlocks it/);
  });

  it('a successful login resets the count: the next lock needs a full threshold again', async () => {
    const { kit, user, state, failTimes } = await setup();
    await failTimes(2);
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    expect(await state()).toEqual({ failedLoginCount: 0, lockedUntil: null });
    await failTimes(2);
    expect(await state()).toEqual({ failedLoginCount: 2, lockedUntil: null });
    expect(kit.eventsOf(EVENT_TYPES.ACCOUNT_LOCKED)).toEqual([]);
  });

  it('a password reset lifts a permanent lock', async () => {
    const { kit, user, state, failTimes } = await setup();
    for (let lock = 1; lock <= 4; lock++) {
      await failTimes(3);
      kit.clock.advance(180);
    }
    await failTimes(3);
    await kit.services.passwordReset.request(user.email, kit.meta);
    const token = await kit.linkTokenIn(user.email, 'password-reset');
    await kit.services.passwordReset.confirm(token, 'a brand new passphrase', kit.meta);
    expect(await state()).toEqual({ failedLoginCount: 0, lockedUntil: null });
    await kit.services.login.login({ email: user.email, password: 'a brand new passphrase' }, kit.meta);
  });

  it('parallel wrong passwords are counted one at a time and never exceed the budget', async () => {
    const { kit, attempt, state } = await setup();
    const results = await Promise.all(Array.from({ length: 6 }, () => attempt(WRONG)));
    expect(results.filter((r) => r.code === 'INVALID_CREDENTIALS')).toHaveLength(3);
    expect(results.filter((r) => r.code === 'ACCOUNT_LOCKED')).toHaveLength(3);
    expect(await state()).toEqual({ failedLoginCount: 3, lockedUntil: lockedFor(kit, 60) });
  });
});
