// RFC 6238 §5.2: a TOTP code is accepted once. The step of every accepted code is recorded, and only a later step
// is accepted again: the same code is refused the second time within its window (at login, after enabling, and
// when two logins race with it), while the next step's code works. Recovery codes are single use.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';
import { totpCode, totpStep } from '../testing/totp-code.js';

async function withTotp() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const me = kit.identityOf(user.id, 'enrolling-session');
  const { secret } = await kit.services.mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
  const { recoveryCodes } = await kit.services.mfa.enableTotp(me, totpCode(secret, kit.clock.now()), kit.meta);
  const login = (second: { otp?: string; recoveryCode?: string }) =>
    kit.services.login.login({ email: user.email, password: TEST_PASSWORD, ...second }, kit.meta);
  return { kit, user, secret, recoveryCodes, login };
}

describe('one-time code replay', () => {
  it('refuses the code that enabled 2FA when it is presented again at login in the same step', async () => {
    const { kit, secret, login } = await withTotp();
    expect(await failureOf(login({ otp: totpCode(secret, kit.clock.now()) }))).toMatchObject({ code: 'INVALID_OTP' });
  });

  it('accepts a code once at login, refuses it the second time within its window, accepts the next step’s', async () => {
    const { kit, user, secret, login } = await withTotp();
    kit.clock.advance(30);
    const code = totpCode(secret, kit.clock.now());
    await login({ otp: code });
    kit.clock.advance(10);
    expect(await failureOf(login({ otp: code }))).toMatchObject({ code: 'INVALID_OTP', status: 401 });
    expect(await kit.uow.transact((tx) => tx.mfa.findTotp(user.id))).toMatchObject({ lastStep: totpStep(kit.clock.now()) });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED).at(-1)?.data).toMatchObject({ reason: 'INVALID_OTP' });
    kit.clock.advance(20);
    await login({ otp: totpCode(secret, kit.clock.now()) });
  });

  it('refuses an older step still inside the drift window once a later one was accepted', async () => {
    const { kit, secret, login } = await withTotp();
    kit.clock.advance(60);
    const previousStepCode = totpCode(secret, new Date(kit.clock.now().getTime() - 30_000));
    await login({ otp: totpCode(secret, kit.clock.now()) });
    expect(await failureOf(login({ otp: previousStepCode }))).toMatchObject({ code: 'INVALID_OTP' });
  });

  it('lets only one of two logins racing with the same code through', async () => {
    const { kit, secret, login } = await withTotp();
    kit.clock.advance(30);
    const code = totpCode(secret, kit.clock.now());
    const results = await Promise.allSettled([login({ otp: code }), login({ otp: code })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_SUCCEEDED)).toHaveLength(1);
  });

  it('burns a recovery code on use: the second use is refused', async () => {
    const { kit, user, recoveryCodes, login } = await withTotp();
    const [code] = recoveryCodes;
    await login({ recoveryCode: code });
    expect(await failureOf(login({ recoveryCode: code }))).toMatchObject({ code: 'INVALID_OTP' });
    expect(await kit.uow.transact((tx) => tx.mfa.countUnusedRecoveryCodes(user.id))).toBe(9);
  });
});
