// LoginService over the in-memory repositories with the real argon2id hasher, TOTP verifier, signer and mail
// templates: a right password starts a session (event recorded in the same transaction), every refusal looks
// the same to someone without the password, and the second factor is asked for only after the password.
import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';
import { totpCode } from '../testing/totp-code.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('LoginService', () => {
  it('signs in with the right password: tokens, a stored session, one login event, the failure count untouched', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser({ email: 'Alice@Example.com' });
    const tokens = await kit.services.login.login({ email: '  ALICE@example.COM ', password: TEST_PASSWORD }, kit.meta);
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.stringContaining('.') });
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ sub: user.id, sid: tokens.sessionId, amr: ['pwd'], roles: ['user'] });
    const session = await kit.uow.transact((tx) => tx.sessions.findSession(tokens.sessionId));
    expect(session).toMatchObject({ userId: user.id, amr: ['pwd'], revokedAt: null, createdAt: kit.clock.now() });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_SUCCEEDED)).toEqual([
      expect.objectContaining({
        actorId: user.id,
        data: expect.objectContaining({ sessionId: tokens.sessionId, amr: ['pwd'], newDevice: false }),
      }),
    ]);
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED)).toEqual([]);
    expect(await kit.cached(tokens.sessionId)).toMatchObject({ userId: user.id, revoked: false, roles: ['user'] });
  });

  it('answers INVALID_CREDENTIALS alike for an unknown email and a wrong password, counting only the real account', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    const unknown = await failureOf(kit.services.login.login({ email: 'nobody@example.com', password: TEST_PASSWORD }, kit.meta));
    const wrong = await failureOf(kit.services.login.login({ email: user.email, password: 'wrong password!!' }, kit.meta));
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    expect(await kit.uow.transact((tx) => tx.lockout.read(user.id))).toEqual({ failedLoginCount: 1, lockedUntil: null });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED).map((e) => [e.subjectId, e.data.reason])).toEqual([
      [null, 'INVALID_CREDENTIALS'],
      [user.id, 'INVALID_CREDENTIALS'],
    ]);
    expect(await kit.uow.transact((tx) => tx.sessions.listActive(user.id, kit.clock.now()))).toEqual([]);
  });

  it('reveals an unverified email only to someone who knows the password', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser({ verified: false });
    expect(await failureOf(kit.services.login.login({ email: user.email, password: 'not the password' }, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'EMAIL_NOT_VERIFIED',
      status: 403,
    });
  });

  it('refuses missing or non-string credentials as VALIDATION_FAILED without touching any account', async () => {
    const kit = createIdentityTestKit();
    for (const input of [{ email: 'a@example.com', password: '' }, { email: 42, password: 'x' }, { password: 'x' }]) {
      expect(await failureOf(kit.services.login.login(input as { email: unknown; password: unknown }, kit.meta))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    expect(kit.uow.outbox).toEqual([]);
  });

  it('asks for the second factor after the right password, then signs in with a current code (amr pwd+otp)', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    await kit.enableTotpFor(user.id, SECRET);
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'OTP_REQUIRED',
    });
    // A wrong password never reaches the second factor: still INVALID_CREDENTIALS.
    expect(await failureOf(kit.services.login.login({ email: user.email, password: 'wrong password!!' }, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    const tokens = await kit.services.login.login(
      { email: user.email, password: TEST_PASSWORD, otp: totpCode(SECRET, kit.clock.now()) },
      kit.meta,
    );
    expect(decodeJwt(tokens.accessToken)).toMatchObject({ amr: ['pwd', 'otp'] });
    // The success cleared the one failure the wrong password counted.
    expect(await kit.uow.transact((tx) => tx.lockout.read(user.id))).toEqual({ failedLoginCount: 0, lockedUntil: null });
  });

  it('a wrong one-time code is INVALID_OTP, counted as a failure, and starts no session', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    await kit.enableTotpFor(user.id, SECRET);
    const good = totpCode(SECRET, kit.clock.now());
    const bad = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD, otp: bad }, kit.meta))).toMatchObject({
      code: 'INVALID_OTP',
    });
    expect(await kit.uow.transact((tx) => tx.lockout.read(user.id))).toEqual({ failedLoginCount: 1, lockedUntil: null });
    expect(await kit.uow.transact((tx) => tx.sessions.listActive(user.id, kit.clock.now()))).toEqual([]);
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_SUCCEEDED)).toEqual([]);
  });

  it('refuses an account an operator locked, after the password, with ACCOUNT_LOCKED', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    await kit.uow.transact((tx) => tx.lockout.setAdminLock(user.id, { at: kit.clock.now(), reason: 'abuse' }));
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      status: 423,
    });
    expect(await kit.uow.transact((tx) => tx.sessions.listActive(user.id, kit.clock.now()))).toEqual([]);
  });

  it('tells the user about a sign-in from a new device, but not about the first one', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'laptop' }, kit.meta);
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'laptop' }, kit.meta);
    expect(await kit.mailTo(user.email, 'new-device')).toEqual([]);
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'phone' }, kit.meta);
    expect(await kit.mailTo(user.email, 'new-device')).toHaveLength(1);
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_NEW_DEVICE)).toHaveLength(1);
    expect(await kit.uow.transact((tx) => tx.sessions.countDevices(user.id))).toBe(2);
  });
});
