// MfaService over the in-memory repositories with the real TOTP verifier and codes computed independently
// (RFC 6238 with node:crypto): enrolment stays pending until a correct code, enabling hands out recovery codes
// once and ends the user's other sessions, turning it off needs the password and a code, and a failed step
// leaves nothing behind (no state change, no event).
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';
import { totpCode } from '../testing/totp-code.js';

async function enrolled() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const first = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'a' }, kit.meta);
  const second = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'b' }, kit.meta);
  const me = kit.identityOf(user.id, first.sessionId);
  const setup = await kit.services.mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
  return { kit, user, me, setup, first, second, mfa: kit.services.mfa };
}

describe('MfaService', () => {
  it('setup returns a secret, its otpauth URL and QR code, and stores it sealed and pending', async () => {
    const { kit, user, setup, mfa, me } = await enrolled();
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await kit.uow.transact((tx) => tx.mfa.findTotp(user.id));
    expect(stored).toMatchObject({ enabledAt: null, lastStep: null });
    expect(stored?.secretEncrypted).not.toContain(setup.secret);
    expect(await mfa.isEnabled(me, user.id)).toBe(false);
  });

  it('enables with a correct code: ten recovery codes once, an event, the other sessions ended, an email', async () => {
    const { kit, user, setup, mfa, me, first, second } = await enrolled();
    const result = await mfa.enableTotp(me, totpCode(setup.secret, kit.clock.now()), kit.meta);
    expect(result.recoveryCodes).toHaveLength(10);
    expect(new Set(result.recoveryCodes).size).toBe(10);
    expect(await mfa.isEnabled(me, user.id)).toBe(true);
    expect(await kit.uow.transact((tx) => tx.mfa.countUnusedRecoveryCodes(user.id))).toBe(10);
    expect(kit.eventsOf(EVENT_TYPES.MFA_ENABLED)).toEqual([expect.objectContaining({ actorId: user.id, subjectId: user.id })]);
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(second.sessionId))).toMatchObject({ revokeReason: 'mfa_enabled' });
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(first.sessionId))).toMatchObject({ revokedAt: null });
    expect(await kit.mailTo(user.email, 'mfa-changed')).toHaveLength(1);
    expect(await failureOf(mfa.setupTotp(me, TEST_PASSWORD, kit.meta))).toMatchObject({ code: 'MFA_ALREADY_ENABLED', status: 409 });
  });

  it('a wrong code does not enable it and records nothing', async () => {
    const { kit, user, setup, mfa, me } = await enrolled();
    const good = totpCode(setup.secret, kit.clock.now());
    const bad = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    for (const code of [bad, '12345', 123456, null]) {
      expect(await failureOf(mfa.enableTotp(me, code, kit.meta))).toMatchObject({ code: 'INVALID_OTP' });
    }
    expect(await kit.uow.transact((tx) => tx.mfa.findTotp(user.id))).toMatchObject({ enabledAt: null });
    expect(await kit.uow.transact((tx) => tx.mfa.countUnusedRecoveryCodes(user.id))).toBe(0);
    expect(kit.eventsOf(EVENT_TYPES.MFA_ENABLED)).toEqual([]);
  });

  it('enabling without a pending secret is MFA_SETUP_REQUIRED', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    expect(await failureOf(kit.services.mfa.enableTotp(kit.identityOf(user.id, 's'), '123456', kit.meta))).toMatchObject({
      code: 'MFA_SETUP_REQUIRED',
    });
  });

  it('disabling needs the password and a fresh code; it removes the secret and the recovery codes', async () => {
    const { kit, user, setup, mfa, me } = await enrolled();
    await mfa.enableTotp(me, totpCode(setup.secret, kit.clock.now()), kit.meta);
    kit.clock.advance(30);
    const code = totpCode(setup.secret, kit.clock.now());
    expect(await failureOf(mfa.disableTotp(me, 'wrong password!!', code, kit.meta))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await failureOf(mfa.disableTotp(me, TEST_PASSWORD, '000000', kit.meta))).toMatchObject({ code: 'INVALID_OTP' });
    expect(await mfa.isEnabled(me, user.id)).toBe(true);
    expect(await mfa.disableTotp(me, TEST_PASSWORD, code, kit.meta)).toBe(true);
    expect(await kit.uow.transact((tx) => tx.mfa.findTotp(user.id))).toEqual({ secretEncrypted: null, enabledAt: null, lastStep: null });
    expect(await kit.uow.transact((tx) => tx.mfa.countUnusedRecoveryCodes(user.id))).toBe(0);
    expect(kit.eventsOf(EVENT_TYPES.MFA_DISABLED)).toHaveLength(1);
    expect(await failureOf(mfa.disableTotp(me, TEST_PASSWORD, code, kit.meta))).toMatchObject({ code: 'MFA_NOT_ENABLED' });
  });

  it('regenerating recovery codes replaces them all: the old ones stop working at login', async () => {
    const { kit, user, setup, mfa, me } = await enrolled();
    const { recoveryCodes: old } = await mfa.enableTotp(me, totpCode(setup.secret, kit.clock.now()), kit.meta);
    const fresh = await mfa.regenerateRecoveryCodes(me, TEST_PASSWORD, kit.meta);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => old.includes(c))).toBe(false);
    expect(
      await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD, recoveryCode: old[0] }, kit.meta)),
    ).toMatchObject({ code: 'INVALID_OTP' });
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, recoveryCode: fresh[0] }, kit.meta);
    expect(kit.eventsOf(EVENT_TYPES.RECOVERY_CODE_USED).map((e) => e.data)).toEqual([{ remaining: 9 }]);
  });

  it('anonymous callers get UNAUTHENTICATED; another user’s status needs users:read', async () => {
    const { kit, user, mfa } = await enrolled();
    const other = await kit.seedUser();
    expect(await failureOf(mfa.setupTotp({ kind: 'anonymous' }, TEST_PASSWORD, kit.meta))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await failureOf(mfa.isEnabled(kit.identityOf(other.id, 's'), user.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await mfa.isEnabled(kit.identityOf(other.id, 's', ['users:read']), user.id)).toBe(false);
  });
});
