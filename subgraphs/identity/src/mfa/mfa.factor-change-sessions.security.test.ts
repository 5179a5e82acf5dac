// Turning 2FA on or off ends the user's other sessions in the factor change's own transaction (one atomic
// `exceptId` revocation, as logoutOthers does): by the time the change is committed, no other session is left
// that was signed in under the old factors. Recorded as one `session.revoked_all` with the count.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import type { Session } from '../sessions/session.entity.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';
import { totpCode } from '../testing/totp-code.js';

/** The kit, taking a snapshot of the user's active sessions after each commit that recorded events. */
async function watched() {
  const snapshots: Promise<Session[]>[] = [];
  let userId = '';
  const kit = createIdentityTestKit({
    onCommit: () => {
      if (userId) snapshots.push(kit.uow.transact((tx) => tx.sessions.listActive(userId, kit.clock.now())));
    },
  });
  const user = await kit.seedUser();
  const current = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'a' }, kit.meta);
  const others = [
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'b' }, kit.meta),
    await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'c' }, kit.meta),
  ];
  userId = user.id;
  const me = kit.identityOf(user.id, current.sessionId);
  return { kit, user, mfa: kit.services.mfa, me, current, others, snapshots };
}

describe('2FA change and the other sessions', () => {
  it('enabling commits the end of every other session with the factor change', async () => {
    const { kit, user, mfa, me, current, others, snapshots } = await watched();
    const setup = await mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
    snapshots.length = 0;
    await mfa.enableTotp(me, totpCode(setup.secret, kit.clock.now()), kit.meta);

    expect(snapshots.length).toBeGreaterThan(0);
    // The first commit announced after the change already holds the revocation: no window in between.
    expect((await snapshots[0])?.map((s) => s.id)).toEqual([current.sessionId]);
    expect(kit.eventsOf(EVENT_TYPES.SESSIONS_REVOKED)).toEqual([
      expect.objectContaining({ actorId: user.id, subjectId: user.id, data: { count: 2, reason: 'mfa_enabled' } }),
    ]);
    for (const other of others) expect(await kit.cached(other.sessionId)).toMatchObject({ revoked: true });
  });

  it('disabling commits the end of every other session with the factor change', async () => {
    const { kit, user, mfa, me, current, snapshots } = await watched();
    const setup = await mfa.setupTotp(me, TEST_PASSWORD, kit.meta);
    await mfa.enableTotp(me, totpCode(setup.secret, kit.clock.now()), kit.meta);
    kit.clock.advance(30);
    const later = await kit.services.login.login(
      { email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'd', otp: totpCode(setup.secret, kit.clock.now()) },
      kit.meta,
    );
    kit.clock.advance(30);
    snapshots.length = 0;
    await mfa.disableTotp(me, TEST_PASSWORD, totpCode(setup.secret, kit.clock.now()), kit.meta);

    expect((await snapshots[0])?.map((s) => s.id)).toEqual([current.sessionId]);
    expect(kit.eventsOf(EVENT_TYPES.SESSIONS_REVOKED).at(-1)).toMatchObject({ data: { count: 1, reason: 'mfa_disabled' } });
    expect(await kit.cached(later.sessionId)).toMatchObject({ revoked: true });
  });
});
