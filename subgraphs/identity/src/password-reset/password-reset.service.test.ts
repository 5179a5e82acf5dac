// PasswordResetService over the in-memory unit of work: the same answer for every email (a link and an event
// only for a real account), and a confirmed reset changes the password, revokes every session, clears the
// lockout and tells the user, all in one transaction.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';

const NEW_PASSWORD = 'an entirely new passphrase';

describe('PasswordResetService', () => {
  it('answers alike for unknown and known emails; only a known one gets a link and an event', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser({ email: 'known@example.com' });
    await expect(kit.services.passwordReset.request('unknown@example.com', kit.meta)).resolves.toBeUndefined();
    await expect(kit.services.passwordReset.request('  KNOWN@example.com', kit.meta)).resolves.toBeUndefined();
    expect(await kit.mailTo('unknown@example.com')).toEqual([]);
    expect(await kit.mailTo('known@example.com', 'password-reset')).toHaveLength(1);
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_RESET_REQUESTED)).toEqual([expect.objectContaining({ actorId: null, subjectId: user.id })]);
  });

  it('sets the new password: the old one stops working, the new one signs in, the user is told', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    await kit.services.passwordReset.request(user.email, kit.meta);
    await kit.services.passwordReset.confirm(await kit.linkTokenIn(user.email, 'password-reset'), NEW_PASSWORD, kit.meta);
    expect(await failureOf(kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await kit.services.login.login({ email: user.email, password: NEW_PASSWORD }, kit.meta);
    expect(await kit.mailTo(user.email, 'password-changed')).toHaveLength(1);
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_RESET)).toEqual([expect.objectContaining({ actorId: user.id, data: { revokedSessions: 0 } })]);
  });

  it('refuses a too-short new password and rolls back: the link still works, nothing revoked, no event', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    const login = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    await kit.services.passwordReset.request(user.email, kit.meta);
    const token = await kit.linkTokenIn(user.email, 'password-reset');
    expect(await failureOf(kit.services.passwordReset.confirm(token, 'short', kit.meta))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'newPassword' },
    });
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(login.sessionId))).toMatchObject({ revokedAt: null });
    expect(kit.eventsOf(EVENT_TYPES.PASSWORD_RESET)).toEqual([]);
    await kit.services.passwordReset.confirm(token, NEW_PASSWORD, kit.meta);
  });
});
