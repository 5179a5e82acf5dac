// A signed-in user changes their password: the current password first, then the password policy; the new hash and
// the end of every other session commit together (one `exceptId` revocation, cache tombstones), the caller's own
// session keeps working, a notice is mailed and `password.changed` is recorded. A failure changes nothing.
import { describe, expect, it, jest } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';

// Several real argon2id hashes per test: slow on a loaded machine.
jest.setTimeout(30_000);

const NEW_PASSWORD = 'a brand new passphrase 2026';

async function withSessions() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const login = (fingerprint: string) =>
    kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: fingerprint }, kit.meta);
  const current = await login('a');
  const others = [await login('b'), await login('c')];
  const me = kit.identityOf(user.id, current.sessionId);
  return { kit, user, me, current, others, change: kit.services.passwordChange };
}

describe('PasswordChangeService', () => {
  it('stores the new password, ends every other session (with tombstones), keeps the current one, mails and records', async () => {
    const { kit, user, me, current, others, change } = await withSessions();
    await change.change(me, TEST_PASSWORD, NEW_PASSWORD, kit.meta);

    await kit.services.login.login({ email: user.email, password: NEW_PASSWORD }, kit.meta);
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    const active = await kit.uow.transact((tx) => tx.sessions.listActive(user.id, kit.clock.now()));
    expect(active.map((s) => s.id)).toContain(current.sessionId);
    for (const other of others) {
      expect(await kit.uow.transact((tx) => tx.sessions.findSession(other.sessionId))).toMatchObject({ revokeReason: 'password_changed' });
      expect(await kit.cached(other.sessionId)).toMatchObject({ revoked: true });
      expect(await failureOf(kit.services.sessions.refresh(other.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    }
    await kit.services.sessions.refresh(current.refreshToken, kit.meta);

    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_CHANGED)).toEqual([
      expect.objectContaining({ actorId: user.id, subjectId: user.id, data: { revokedSessions: 2 } }),
    ]);
    expect(kit.eventsOf(EVENT_TYPES.SESSIONS_REVOKED)).toEqual([
      expect.objectContaining({ data: { count: 2, reason: 'password_changed' } }),
    ]);
    const [notice] = await kit.mailTo(user.email, 'password-changed');
    expect(notice?.text).toContain('every other session was signed out');
  });

  it('applies the password policy: VALIDATION_FAILED on newPassword, nothing changes', async () => {
    const { kit, user, me, others, change } = await withSessions();
    for (const bad of ['short', 'PasswordPassword', `${user.email}-and-more`, '', 42]) {
      expect(await failureOf(change.change(me, TEST_PASSWORD, bad, kit.meta))).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
        details: expect.objectContaining({ field: 'newPassword' }),
      });
    }
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    for (const other of others)
      expect(await kit.uow.transact((tx) => tx.sessions.findSession(other.sessionId))).toMatchObject({ revokedAt: null });
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_CHANGED)).toEqual([]);
    expect(await kit.mailTo(user.email, 'password-changed')).toEqual([]);
  });

  it('a wrong current password is INVALID_CREDENTIALS and changes nothing', async () => {
    const { kit, user, me, change } = await withSessions();
    expect(await failureOf(change.change(me, 'not the password, not even close', NEW_PASSWORD, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      status: 401,
    });
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_CHANGED)).toEqual([]);
  });

  it('anonymous callers get UNAUTHENTICATED', async () => {
    const { kit, change } = await withSessions();
    expect(await failureOf(change.change({ kind: 'anonymous' }, TEST_PASSWORD, NEW_PASSWORD, kit.meta))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
