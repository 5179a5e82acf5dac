// A wrong current password in a re-authenticated call (setupTotp, disableTotp, regenerateRecoveryCodes,
// changePassword, requestEmailChange) is a failed login: the same counter, events and lock as a wrong password at
// sign-in. So a stolen session cannot guess the password through them any faster than through login, and once the
// lock trips they answer ACCOUNT_LOCKED, even with the right password, as login does.
import { describe, expect, it, jest } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_LOCKOUT, TEST_PASSWORD } from '../testing/identity-test-kit.js';
import { totpCode } from '../testing/totp-code.js';

// Several real argon2id hashes per test: slow on a loaded machine.
jest.setTimeout(30_000);

const WRONG = 'not the password, not even close';

async function signedIn(withTotp = false) {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const session = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
  const me = kit.identityOf(user.id, session.sessionId);
  let secret = '';
  if (withTotp) {
    secret = (await kit.services.mfa.setupTotp(me, TEST_PASSWORD, kit.meta)).secret;
    await kit.services.mfa.enableTotp(me, totpCode(secret, kit.clock.now()), kit.meta);
    kit.clock.advance(30);
  }
  return { kit, user, me, secret };
}

type Kit = Awaited<ReturnType<typeof signedIn>>;

const REAUTHENTICATED: Record<string, { withTotp: boolean; call: (k: Kit, password: string) => Promise<unknown> }> = {
  setupTotp: { withTotp: false, call: ({ kit, me }, password) => kit.services.mfa.setupTotp(me, password, kit.meta) },
  disableTotp: {
    withTotp: true,
    call: ({ kit, me, secret }, password) => kit.services.mfa.disableTotp(me, password, totpCode(secret, kit.clock.now()), kit.meta),
  },
  regenerateRecoveryCodes: {
    withTotp: true,
    call: ({ kit, me }, password) => kit.services.mfa.regenerateRecoveryCodes(me, password, kit.meta),
  },
  changePassword: {
    withTotp: false,
    call: ({ kit, me }, password) => kit.services.passwordChange.change(me, password, 'a brand new passphrase 2026', kit.meta),
  },
  requestEmailChange: {
    withTotp: false,
    call: ({ kit, me }, password) => kit.services.emailChange.request(me, password, 'somewhere.else@example.com', kit.meta),
  },
};

describe('re-authentication counts toward the login lockout', () => {
  for (const [name, { withTotp, call }] of Object.entries(REAUTHENTICATED)) {
    it(`${name}: each wrong password is a failed login; at the threshold the account locks, for login too`, async () => {
      const k = await signedIn(withTotp);
      const { kit, user } = k;
      for (let i = 1; i < TEST_LOCKOUT.threshold; i++) {
        expect(await failureOf(call(k, WRONG))).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
      }
      // The failure that reaches the threshold is still INVALID_CREDENTIALS (as at login); it sets the lock.
      expect(await failureOf(call(k, WRONG))).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(kit.eventsOf(EVENT_TYPES.LOGIN_FAILED).map((e) => e.data)).toEqual(
        Array.from({ length: TEST_LOCKOUT.threshold }, (_, i) =>
          expect.objectContaining({ reason: 'INVALID_CREDENTIALS', failures: i + 1 }),
        ),
      );
      expect(kit.eventsOf(EVENT_TYPES.ACCOUNT_LOCKED)).toEqual([expect.objectContaining({ subjectId: user.id })]);
      expect(await kit.mailTo(user.email, 'account-locked')).toHaveLength(1);

      // Locked: the right password is refused here and at login alike.
      expect(await failureOf(call(k, TEST_PASSWORD))).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423 });
      expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
        code: 'ACCOUNT_LOCKED',
      });

      // Once the lock ends, the right password works again.
      kit.clock.advance(TEST_LOCKOUT.baseSeconds + 1);
      await call(k, TEST_PASSWORD);
    });
  }

  it('failures at sign-in and in re-authentication share one counter', async () => {
    const { kit, user, me } = await signedIn();
    await failureOf(kit.services.login.login({ email: user.email, password: WRONG }, kit.meta));
    await failureOf(kit.services.mfa.setupTotp(me, WRONG, kit.meta));
    expect(await failureOf(kit.services.passwordChange.change(me, WRONG, 'a brand new passphrase 2026', kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'ACCOUNT_LOCKED',
    });
  });
});
