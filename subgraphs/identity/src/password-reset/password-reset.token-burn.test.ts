// A reset link is a single-use, expiring secret: it works once, not after its TTL, not once a newer link was
// sent; and using it ends every session of the account (cache tombstones included), in the same transaction as
// the new password and its event.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD, TEST_RESET_TTL_SECONDS } from '../testing/identity-test-kit.js';

const NEW_PASSWORD = 'an entirely new passphrase';

async function withResetLink() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  await kit.services.passwordReset.request(user.email, kit.meta);
  const token = await kit.linkTokenIn(user.email, 'password-reset');
  return { kit, user, token, reset: kit.services.passwordReset };
}

describe('password reset token', () => {
  it('works once: the second use is INVALID_TOKEN and changes nothing', async () => {
    const { kit, user, token, reset } = await withResetLink();
    await reset.confirm(token, NEW_PASSWORD, kit.meta);
    expect(await failureOf(reset.confirm(token, 'yet another passphrase', kit.meta))).toMatchObject({ code: 'INVALID_TOKEN', status: 400 });
    await kit.services.login.login({ email: user.email, password: NEW_PASSWORD }, kit.meta);
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_RESET)).toHaveLength(1);
  });

  it('expires after its TTL', async () => {
    const { kit, token, reset } = await withResetLink();
    kit.clock.advance(TEST_RESET_TTL_SECONDS);
    expect(await failureOf(reset.confirm(token, NEW_PASSWORD, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('is superseded by a newer link', async () => {
    const { kit, user, token, reset } = await withResetLink();
    kit.clock.advance(5);
    await reset.request(user.email, kit.meta);
    const newer = await kit.linkTokenIn(user.email, 'password-reset');
    expect(newer).not.toBe(token);
    expect(await failureOf(reset.confirm(token, NEW_PASSWORD, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    await reset.confirm(newer, NEW_PASSWORD, kit.meta);
  });

  it('refuses garbage and a token of another purpose', async () => {
    const { kit, reset } = await withResetLink();
    for (const bad of ['', 'x', 42, null, 'A'.repeat(43)]) {
      expect(await failureOf(reset.confirm(bad, NEW_PASSWORD, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    }
    const unverified = await kit.seedUser({ verified: false });
    await kit.services.emailVerification.request(unverified.email, kit.meta);
    const verification = await kit.linkTokenIn(unverified.email, 'verify-email');
    expect(await failureOf(reset.confirm(verification, NEW_PASSWORD, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('ends every session of the account, tombstoned in the cache, with the count in the event', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    const logins = [];
    for (const device of ['a', 'b', 'c']) {
      logins.push(await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: device }, kit.meta));
    }
    await kit.services.passwordReset.request(user.email, kit.meta);
    await kit.services.passwordReset.confirm(await kit.linkTokenIn(user.email, 'password-reset'), NEW_PASSWORD, kit.meta);
    expect(await kit.uow.transact((tx) => tx.sessions.listActive(user.id, kit.clock.now()))).toEqual([]);
    for (const login of logins) {
      expect(await kit.cached(login.sessionId)).toMatchObject({ revoked: true });
      expect(await failureOf(kit.services.sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    }
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_RESET).map((e) => e.data)).toEqual([{ revokedSessions: 3 }]);
  });
});
