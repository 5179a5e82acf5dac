// A signed-in user moves their account to another address: the request needs the current password and mails a
// single-use link to the new address and a notice to the old one; nothing changes until the link is opened, and
// then only if no other account took the address meanwhile. Sessions keep working; events are recorded.
import { describe, expect, it, jest } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD, TEST_PUBLIC_URL, TEST_VERIFICATION_TTL_SECONDS } from '../testing/identity-test-kit.js';

// Several real argon2id hashes per test: slow on a loaded machine.
jest.setTimeout(30_000);

const NEW_EMAIL = 'New.Address@Example.com';
const NEW_NORMALIZED = 'new.address@example.com';

async function signedIn() {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser({ email: 'old.address@example.com' });
  const session = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
  const me = kit.identityOf(user.id, session.sessionId);
  return { kit, user, me, session, emailChange: kit.services.emailChange };
}

describe('EmailChangeService', () => {
  it('mails a link to the new address and a notice to the old one; the change happens only on confirmation', async () => {
    const { kit, user, me, session, emailChange } = await signedIn();
    await emailChange.request(me, TEST_PASSWORD, ` ${NEW_EMAIL} `, kit.meta);

    const [link] = await kit.mailTo(NEW_NORMALIZED, 'email-change');
    expect(link?.text).toContain(`${TEST_PUBLIC_URL}/confirm-email-change?token=`);
    const [notice] = await kit.mailTo(user.email, 'email-change-requested');
    expect(notice?.text).toContain(NEW_EMAIL);
    expect(notice?.text).not.toContain('token=');
    expect(await kit.uow.transact((tx) => tx.users.findById(user.id))).toMatchObject({ emailNormalized: 'old.address@example.com' });
    expect(kit.eventsOf(EVENT_TYPES.EMAIL_CHANGE_REQUESTED)).toEqual([
      expect.objectContaining({ subjectId: user.id, data: { newEmailDomain: 'example.com' } }),
    ]);

    const token = await kit.linkTokenIn(NEW_NORMALIZED, 'email-change');
    expect(await emailChange.confirm(token, kit.meta)).toEqual({ email: NEW_EMAIL });
    expect(await kit.uow.transact((tx) => tx.users.findById(user.id))).toMatchObject({ email: NEW_EMAIL, emailNormalized: NEW_NORMALIZED });
    expect(kit.eventsOf(EVENT_TYPES.EMAIL_CHANGED)).toEqual([expect.objectContaining({ subjectId: user.id })]);
    // Signing in uses the new address; the session that asked keeps working.
    await kit.services.login.login({ email: NEW_EMAIL, password: TEST_PASSWORD }, kit.meta);
    expect(
      await failureOf(kit.services.login.login({ email: 'old.address@example.com', password: TEST_PASSWORD }, kit.meta)),
    ).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await kit.services.sessions.refresh(session.refreshToken, kit.meta);
    // Single use.
    expect(await failureOf(emailChange.confirm(token, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN', status: 400 });
  });

  it('the link expires, and a newer request supersedes an older link', async () => {
    const { kit, me, emailChange } = await signedIn();
    await emailChange.request(me, TEST_PASSWORD, NEW_EMAIL, kit.meta);
    const first = await kit.linkTokenIn(NEW_NORMALIZED, 'email-change');
    await emailChange.request(me, TEST_PASSWORD, 'third@example.com', kit.meta);
    expect(await failureOf(emailChange.confirm(first, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    const second = await kit.linkTokenIn('third@example.com', 'email-change');
    kit.clock.advance(TEST_VERIFICATION_TTL_SECONDS + 1);
    expect(await failureOf(emailChange.confirm(second, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    for (const bad of ['', 'x'.repeat(43), null])
      expect(await failureOf(emailChange.confirm(bad, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('EMAIL_IN_USE when a verified account has the address: at the request, and again at confirmation', async () => {
    const { kit, me, emailChange } = await signedIn();
    await kit.seedUser({ email: 'taken@example.com' });
    expect(await failureOf(emailChange.request(me, TEST_PASSWORD, 'TAKEN@example.com', kit.meta))).toMatchObject({
      code: 'EMAIL_IN_USE',
      status: 409,
    });

    await emailChange.request(me, TEST_PASSWORD, NEW_EMAIL, kit.meta);
    const token = await kit.linkTokenIn(NEW_NORMALIZED, 'email-change');
    await kit.seedUser({ email: NEW_NORMALIZED });
    expect(await failureOf(emailChange.confirm(token, kit.meta))).toMatchObject({ code: 'EMAIL_IN_USE', status: 409 });
    expect(kit.eventsOf(EVENT_TYPES.EMAIL_CHANGED)).toEqual([]);
  });

  it('refuses a wrong password, a malformed address and the current address, sending nothing', async () => {
    const { kit, user, me, emailChange } = await signedIn();
    expect(await failureOf(emailChange.request(me, 'not the password, not even close', NEW_EMAIL, kit.meta))).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    for (const bad of ['not-an-email', 'OLD.address@example.com', 42]) {
      expect(await failureOf(emailChange.request(me, TEST_PASSWORD, bad, kit.meta))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: expect.objectContaining({ field: 'newEmail' }),
      });
    }
    expect(await kit.mailTo(NEW_NORMALIZED)).toEqual([]);
    expect(await kit.mailTo(user.email, 'email-change-requested')).toEqual([]);
    expect(kit.eventsOf(EVENT_TYPES.EMAIL_CHANGE_REQUESTED)).toEqual([]);
  });

  it('confirming stops reset links mailed to the old address', async () => {
    const { kit, user, me, emailChange } = await signedIn();
    await kit.services.passwordReset.request(user.email, kit.meta);
    const reset = await kit.linkTokenIn(user.email, 'password-reset');
    await emailChange.request(me, TEST_PASSWORD, NEW_EMAIL, kit.meta);
    await emailChange.confirm(await kit.linkTokenIn(NEW_NORMALIZED, 'email-change'), kit.meta);
    expect(await failureOf(kit.services.passwordReset.confirm(reset, 'a brand new passphrase 2026', kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it('anonymous callers get UNAUTHENTICATED', async () => {
    const { kit, emailChange } = await signedIn();
    expect(await failureOf(emailChange.request({ kind: 'anonymous' }, TEST_PASSWORD, NEW_EMAIL, kit.meta))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
