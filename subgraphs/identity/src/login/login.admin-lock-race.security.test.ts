// An operator's lock racing a login or a refresh: the lock is checked under the user's row lock inside the login
// transaction, and a session of a locked account cannot be refreshed, so no session of a locked account outlives
// the lock (docs/design.md §5 (Authentication model)).
import { describe, expect, it } from '@jest/globals';
import { Registry } from '@cbp/metrics';
import { createMailTemplates } from '../mail/templates.js';
import { createAuthMetrics } from '../metrics.js';
import { failureOf } from '../testing/app-error.js';
import {
  createIdentityTestKit,
  TEST_PASSWORD,
  TEST_PUBLIC_URL,
  TEST_RESET_TTL_SECONDS,
  TEST_VERIFICATION_TTL_SECONDS,
} from '../testing/identity-test-kit.js';
import { LoginService } from './login.service.js';

async function lockedMidway() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const admin = await kit.seedUser({ email: 'admin@example.test' });
  const operator = kit.identityOf(admin.id, '00000000-0000-4000-8000-000000000001', ['users:lock']);
  return { kit, user, operator };
}

describe('admin lock vs a racing login', () => {
  it('a lock that lands after the early check and before the login transaction refuses the login', async () => {
    const { kit, user, operator } = await lockedMidway();
    const { mfa } = kit.services;
    // The same services as the kit's, except that the operator's lock commits just after the early admin-lock
    // check passed (the next step the login takes is asking whether the account has a second factor).
    const login = new LoginService({
      transact: kit.uow.transact,
      hasher: kit.hasher,
      sessions: kit.services.sessions,
      mfa: {
        enabledCredential: async (userId) => {
          await kit.services.accountLock.lock(operator, user.id, 'fraud', kit.meta);
          return mfa.enabledCredential(userId);
        },
        verifyForLogin: (...args) => mfa.verifyForLogin(...args),
      },
      lockout: kit.lockoutPolicy,
      mail: kit.mail,
      templates: createMailTemplates({
        publicUrl: TEST_PUBLIC_URL,
        verificationTtlSeconds: TEST_VERIFICATION_TTL_SECONDS,
        resetTtlSeconds: TEST_RESET_TTL_SECONDS,
      }),
      metrics: createAuthMetrics(new Registry(), async () => 0),
      clock: kit.clock.now,
      onEventsRecorded: () => undefined,
      isAdminLocked: (userId) => kit.services.accountLock.isAdminLocked(userId),
    });

    expect(await failureOf(login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      status: 423,
    });
    expect(await kit.uow.transact((tx) => tx.sessions.listActive(user.id, kit.clock.now()))).toEqual([]);
  });

  it('locking ends every session in the same transaction that sets the lock', async () => {
    const { kit, user, operator } = await lockedMidway();
    const signedIn = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    await kit.services.accountLock.lock(operator, user.id, 'fraud', kit.meta);
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(signedIn.sessionId))).toMatchObject({ revokeReason: 'account_locked' });
    expect(await kit.cached(signedIn.sessionId)).toMatchObject({ revoked: true });
  });

  it('a session of an admin-locked account cannot be refreshed (INVALID_TOKEN), even before its revocation lands', async () => {
    const { kit, user } = await lockedMidway();
    const signedIn = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    // The lock row written on its own: the state between an operator's lock and the revocation of the sessions.
    await kit.uow.transact((tx) => tx.lockout.setAdminLock(user.id, { at: kit.clock.now(), reason: 'fraud' }));
    expect(await failureOf(kit.services.sessions.refresh(signedIn.refreshToken, kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
  });
});
