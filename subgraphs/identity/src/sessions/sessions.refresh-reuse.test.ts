// Refresh-token reuse detection: a rotated refresh token presented again means it leaked (or was replayed), so
// the whole session is revoked, its newest token dies with it, the event is recorded in the same transaction and
// the gateway is told through a cache tombstone; the user's other sessions are untouched.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';

describe('refresh token reuse', () => {
  it('revokes the whole session when a rotated token comes back, and only that session', async () => {
    const kit = createIdentityTestKit({ refreshReuseGraceSeconds: 0 });
    const user = await kit.seedUser();
    const login = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    const elsewhere = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: 'b' }, kit.meta);
    const rotated = await kit.services.sessions.refresh(login.refreshToken, kit.meta);

    expect(await failureOf(kit.services.sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(login.sessionId))).toMatchObject({
      revokedAt: kit.clock.now(),
      revokeReason: 'refresh_token_reuse',
    });
    expect(kit.eventsOf(EVENT_TYPES.REFRESH_REUSE_DETECTED)).toEqual([
      expect.objectContaining({ actorId: user.id, subjectId: user.id, data: { sessionId: login.sessionId } }),
    ]);
    expect(await kit.cached(login.sessionId)).toMatchObject({ revoked: true });
    // The legitimate holder's newer token is dead too: the thief and the user are both signed out of it.
    expect(await failureOf(kit.services.sessions.refresh(rotated.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
    // The other device keeps working.
    await kit.services.sessions.refresh(elsewhere.refreshToken, kit.meta);
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(elsewhere.sessionId))).toMatchObject({ revokedAt: null });
  });

  it('two refreshes racing with one token: one rotates, the other is reuse and ends the session', async () => {
    const kit = createIdentityTestKit({ refreshReuseGraceSeconds: 0 });
    const user = await kit.seedUser();
    const login = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    const results = await Promise.allSettled([
      kit.services.sessions.refresh(login.refreshToken, kit.meta),
      kit.services.sessions.refresh(login.refreshToken, kit.meta),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(kit.eventsOf(EVENT_TYPES.SESSION_REFRESHED)).toHaveLength(1);
    expect(kit.eventsOf(EVENT_TYPES.REFRESH_REUSE_DETECTED)).toHaveLength(1);
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(login.sessionId))).toMatchObject({ revokeReason: 'refresh_token_reuse' });
  });
});
