// ASVS 7.5.1: a stolen session alone cannot change the second factor. setupTotp and regenerateRecoveryCodes need
// the current password (a wrong one changes nothing and is recorded as a failed login), and enableTotp enables
// only the secret whose code it verified: a setupTotp that replaced the pending secret meanwhile wins nothing.
import { Registry } from '@cbp/metrics';
import { describe, expect, it, jest } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { createMailTemplates } from '../mail/templates.js';
import { createAuthMetrics } from '../metrics.js';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD, TEST_PUBLIC_URL } from '../testing/identity-test-kit.js';
import { totpCode } from '../testing/totp-code.js';
import { encryptSecret } from '../keys/key-encryption.js';
import { MfaService } from './mfa.service.js';
import { TotpVerifier } from './totp/totp.js';
import { newTotpSecret } from './totp/totp.js';

// Several real argon2id hashes per test: slow on a loaded machine.
jest.setTimeout(30_000);

const WRONG = 'not the password, not even close';

async function signedIn() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const session = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
  return { kit, user, me: kit.identityOf(user.id, session.sessionId), mfa: kit.services.mfa };
}

describe('re-authentication for 2FA changes', () => {
  it('setupTotp with a wrong or missing current password stores no secret and counts a failed login', async () => {
    const { kit, user, me, mfa } = await signedIn();
    // Two: the kit's lockout trips at the third failure.
    for (const password of [WRONG, null]) {
      expect(await failureOf(mfa.setupTotp(me, password, kit.meta))).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    }
    expect(await kit.uow.transact((tx) => tx.mfa.findTotp(user.id))).toMatchObject({ secretEncrypted: null });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED).map((e) => e.data)).toEqual([
      expect.objectContaining({ reason: 'INVALID_CREDENTIALS', failures: 1 }),
      expect.objectContaining({ reason: 'INVALID_CREDENTIALS', failures: 2 }),
    ]);
  });

  it('setupTotp with the current password starts enrolment', async () => {
    const { kit, user, me, mfa } = await signedIn();
    const setup = await mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await kit.uow.transact((tx) => tx.mfa.findTotp(user.id))).toMatchObject({ enabledAt: null });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED)).toEqual([]);
  });

  it('regenerateRecoveryCodes with a wrong password keeps the old codes and counts a failed login', async () => {
    const { kit, user, me, mfa } = await signedIn();
    const setup = await mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
    const { recoveryCodes } = await mfa.enableTotp(me, totpCode(setup.secret, kit.clock.now()), kit.meta);
    expect(await failureOf(mfa.regenerateRecoveryCodes(me, WRONG, kit.meta))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED)).toEqual([expect.objectContaining({ subjectId: user.id })]);
    // The old codes still work: nothing was replaced.
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, recoveryCode: recoveryCodes[0] }, kit.meta);
    const fresh = await mfa.regenerateRecoveryCodes(me, TEST_PASSWORD, kit.meta);
    expect(fresh).toHaveLength(10);
    expect(await kit.uow.transact((tx) => tx.mfa.countUnusedRecoveryCodes(user.id))).toBe(10);
  });

  it('regenerateRecoveryCodes without 2FA is MFA_NOT_ENABLED (after the password)', async () => {
    const { kit, me, mfa } = await signedIn();
    expect(await failureOf(mfa.regenerateRecoveryCodes(me, TEST_PASSWORD, kit.meta))).toMatchObject({ code: 'MFA_NOT_ENABLED' });
  });

  it('anonymous callers get UNAUTHENTICATED before any password check', async () => {
    const { kit, mfa } = await signedIn();
    const anonymous = { kind: 'anonymous' } as const;
    expect(await failureOf(mfa.setupTotp(anonymous, TEST_PASSWORD, kit.meta))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await failureOf(mfa.regenerateRecoveryCodes(anonymous, TEST_PASSWORD, kit.meta))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED)).toEqual([]);
  });
});

describe('enableTotp and a concurrent setupTotp', () => {
  /**
   * The kit's MfaService, but with a TOTP verifier that lets a second setupTotp commit while enableTotp is between
   * reading the pending secret and enabling it: the window a READ COMMITTED transaction leaves open in PostgreSQL.
   */
  async function racing() {
    const { kit, user, me } = await signedIn();
    const replacement = newTotpSecret();
    let raced = false;
    class RacingVerifier extends TotpVerifier {
      override async verify(input: Parameters<TotpVerifier['verify']>[0]) {
        const result = await super.verify(input);
        if (!raced) {
          raced = true;
          // Another setup commits here (outside this transaction, as a second request would).
          await kit.uow.repositories().mfa.savePendingSecret(user.id, encryptSecret(replacement, kit.encryptionKey, `totp:${user.id}`));
        }
        return result;
      }
    }
    const registry = new Registry();
    const mfa = new MfaService({
      transact: kit.uow.transact,
      verifyCurrentPassword: (userId, password, meta) => kit.services.login.verifyCurrentPassword(userId, password, meta),
      sessions: kit.services.sessions,
      totp: new RacingVerifier(kit.clock.now),
      mail: kit.mail,
      templates: createMailTemplates({ publicUrl: TEST_PUBLIC_URL }),
      metrics: createAuthMetrics(registry, async () => 0),
      clock: kit.clock.now,
      encryptionKey: kit.encryptionKey,
      issuer: 'CBP Test',
      onEventsRecorded: () => undefined,
    });
    return { kit, user, me, mfa, replacement };
  }

  it('does not enable a secret that replaced the verified one; the replacement is enabled only by its own code', async () => {
    const { kit, user, me, mfa, replacement } = await racing();
    const first = await mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
    expect(await failureOf(mfa.enableTotp(me, totpCode(first.secret, kit.clock.now()), kit.meta))).toMatchObject({ code: 'INVALID_OTP' });
    expect(await kit.uow.transact((tx) => tx.mfa.findTotp(user.id))).toMatchObject({ enabledAt: null });
    expect(kit.eventsOf(EVENT_TYPES.MFA_ENABLED)).toEqual([]);

    // The in-memory twin's rollback also undid the simulated concurrent commit, which PostgreSQL would keep: put it back.
    await kit.uow.transact((tx) => tx.mfa.savePendingSecret(user.id, encryptSecret(replacement, kit.encryptionKey, `totp:${user.id}`)));
    // The secret enabled is the one whose code is verified: the replacement, with its own code.
    const { recoveryCodes } = await mfa.enableTotp(me, totpCode(replacement, kit.clock.now()), kit.meta);
    expect(recoveryCodes).toHaveLength(10);
    kit.clock.advance(30);
    const login = (otp: string) => kit.services.login.login({ email: user.email, password: TEST_PASSWORD, otp }, kit.meta);
    expect(await failureOf(login(totpCode(first.secret, kit.clock.now())))).toMatchObject({ code: 'INVALID_OTP' });
    await login(totpCode(replacement, kit.clock.now()));
  });
});
