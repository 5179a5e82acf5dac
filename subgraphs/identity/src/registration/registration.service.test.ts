// RegistrationService over the in-memory unit of work: an account is created unverified with the `user` role and
// a verification link, all in one transaction with its event; a taken email (in any case) is EMAIL_IN_USE; an
// invitation is burnt in the same transaction, and a bad one rolls the whole registration back (no user, no
// role, no token, no event).
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit } from '../testing/identity-test-kit.js';

const PASSWORD = 'a long enough passphrase';

async function invitationFrom(kit: ReturnType<typeof createIdentityTestKit>, email?: string) {
  const inviter = await kit.seedUser();
  const { code, invitation } = await kit.services.invitations.create(kit.identityOf(inviter.id, 's'), { email: email ?? null }, kit.meta);
  return { inviter, code, invitation };
}

describe('RegistrationService', () => {
  it('creates an unverified account with no role, a verification link that works and grants `user`, and one event', async () => {
    const kit = createIdentityTestKit();
    const { userId } = await kit.services.registration.register({ email: '  New.User@Example.com ', password: PASSWORD }, kit.meta);
    const user = await kit.uow.transact((tx) => tx.users.findById(userId));
    expect(user).toMatchObject({ email: 'New.User@Example.com', emailNormalized: 'new.user@example.com', emailVerifiedAt: null });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await kit.uow.transact((tx) => tx.rbac.grantsOf(userId))).toEqual({ roles: [], scopes: [] });
    expect(kit.eventsOf(EVENT_TYPES.USER_REGISTERED)).toEqual([expect.objectContaining({ actorId: userId, subjectId: userId })]);
    const token = await kit.linkTokenIn('new.user@example.com', 'verify-email');
    await kit.services.emailVerification.confirm(token, kit.meta);
    expect(await kit.uow.transact((tx) => tx.rbac.grantsOf(userId))).toEqual({ roles: ['user'], scopes: [] });
    await kit.services.login.login({ email: 'new.user@example.com', password: PASSWORD }, kit.meta);
  });

  it('refuses an email already registered, whatever its case, with EMAIL_IN_USE and records nothing more', async () => {
    const kit = createIdentityTestKit();
    await kit.seedUser({ email: 'taken@example.com' });
    const before = kit.uow.outbox.length;
    expect(await failureOf(kit.services.registration.register({ email: 'TAKEN@Example.com', password: PASSWORD }, kit.meta))).toMatchObject(
      {
        code: 'EMAIL_IN_USE',
        status: 409,
      },
    );
    expect(kit.uow.outbox).toHaveLength(before);
    expect(await kit.mailTo('taken@example.com', 'verify-email')).toEqual([]);
    expect(await kit.uow.transact((tx) => tx.users.list({ limit: 10 }))).toHaveLength(1);
  });

  it('refuses a too-short password and a missing email before writing anything', async () => {
    const kit = createIdentityTestKit();
    expect(await failureOf(kit.services.registration.register({ email: 'a@example.com', password: 'short' }, kit.meta))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'password' },
    });
    expect(
      await failureOf(kit.services.registration.register({ password: PASSWORD } as { email: unknown; password: unknown }, kit.meta)),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(kit.uow.outbox).toEqual([]);
  });

  it('burns an invitation in the same transaction: accepted by the new user, event recorded, unusable again', async () => {
    const kit = createIdentityTestKit();
    const { inviter, code, invitation } = await invitationFrom(kit, 'friend@example.com');
    const { userId } = await kit.services.registration.register(
      { email: 'Friend@example.com', password: PASSWORD, inviteCode: code },
      kit.meta,
    );
    const [stored] = await kit.uow.transact((tx) => tx.invitations.list(inviter.id, 10));
    expect(stored).toMatchObject({ id: invitation.id, acceptedBy: userId, acceptedAt: kit.clock.now() });
    expect(kit.eventsOf(EVENT_TYPES.INVITATION_ACCEPTED)).toEqual([
      expect.objectContaining({ actorId: userId, data: { invitationId: invitation.id, inviterId: inviter.id } }),
    ]);
    expect(
      await failureOf(kit.services.registration.register({ email: 'friend2@example.com', password: PASSWORD, inviteCode: code }, kit.meta)),
    ).toMatchObject({ code: 'INVALID_INVITATION' });
  });

  it('rolls the whole registration back when the invitation is bound to another email', async () => {
    const kit = createIdentityTestKit();
    const { code } = await invitationFrom(kit, 'someone.else@example.com');
    const eventsBefore = kit.uow.outbox.length;
    expect(
      await failureOf(kit.services.registration.register({ email: 'me@example.com', password: PASSWORD, inviteCode: code }, kit.meta)),
    ).toMatchObject({ code: 'INVALID_INVITATION' });
    expect(await kit.uow.transact((tx) => tx.users.findByEmail('me@example.com'))).toBeNull();
    expect(kit.uow.outbox).toHaveLength(eventsBefore);
    expect(kit.uow.tables.data.oneTimeTokens.size).toBe(0);
    expect(await kit.mailTo('me@example.com')).toEqual([]);
    // The invitation is still good for the address it names.
    await kit.services.registration.register({ email: 'someone.else@example.com', password: PASSWORD, inviteCode: code }, kit.meta);
  });

  it('refuses an expired invitation', async () => {
    const kit = createIdentityTestKit();
    const { code } = await invitationFrom(kit);
    kit.clock.advance(7 * 24 * 3600);
    expect(
      await failureOf(kit.services.registration.register({ email: 'late@example.com', password: PASSWORD, inviteCode: code }, kit.meta)),
    ).toMatchObject({ code: 'INVALID_INVITATION' });
  });

  it('in invite-only mode, needs an invitation', async () => {
    const kit = createIdentityTestKit({ registrationMode: 'invite-only' });
    expect(await failureOf(kit.services.registration.register({ email: 'x@example.com', password: PASSWORD }, kit.meta))).toMatchObject({
      code: 'INVITE_REQUIRED',
    });
    const { code } = await invitationFrom(kit);
    const { userId } = await kit.services.registration.register({ email: 'x@example.com', password: PASSWORD, inviteCode: code }, kit.meta);
    expect(await kit.uow.transact((tx) => tx.users.findByEmail('x@example.com'))).toMatchObject({ id: userId });
  });
});
