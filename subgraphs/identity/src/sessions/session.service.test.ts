// SessionService over the in-memory repositories: refresh rotates the token (the old one stops working for
// rotation), every bad token is the same INVALID_TOKEN 401, sessions end at their absolute expiry, and revoking
// ends exactly the chosen sessions of the caller, tombstoning them in the session cache.
import { describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD, TEST_SESSION_TTL_SECONDS } from '../testing/identity-test-kit.js';

async function signedIn(devices = 1) {
  const kit = createIdentityTestKit();
  const user = await kit.seedUser();
  const logins = [];
  for (let i = 0; i < devices; i++) {
    logins.push(await kit.services.login.login({ email: user.email, password: TEST_PASSWORD, deviceFingerprint: `device-${i}` }, kit.meta));
  }
  return { kit, user, logins, sessions: kit.services.sessions };
}

describe('SessionService.refresh', () => {
  it('rotates: a new refresh token for the same session, the old one marked rotated, an event in the same commit', async () => {
    const { kit, user, logins, sessions } = await signedIn();
    const [login] = logins;
    if (!login) throw new Error('no login');
    kit.clock.advance(300);
    const refreshed = await sessions.refresh(login.refreshToken, kit.meta);
    expect(refreshed.sessionId).toBe(login.sessionId);
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    expect(decodeJwt(refreshed.accessToken)).toMatchObject({ sub: user.id, sid: login.sessionId });
    const oldId = login.refreshToken.split('.')[0] ?? '';
    const old = await kit.uow.transact((tx) => tx.sessions.findRefreshTokenForUpdate(oldId));
    expect(old?.token.rotatedAt).toEqual(kit.clock.now());
    expect(old?.session.lastSeenAt).toEqual(kit.clock.now());
    expect(kit.eventsOf(EVENT_TYPES.SESSION_REFRESHED)).toEqual([expect.objectContaining({ data: { sessionId: login.sessionId } })]);
    // The new token rotates in its turn.
    await sessions.refresh(refreshed.refreshToken, kit.meta);
  });

  it('refuses malformed, unknown and wrong-secret tokens alike with INVALID_TOKEN 401, recording nothing', async () => {
    const { kit, logins, sessions } = await signedIn();
    const [id] = (logins[0]?.refreshToken ?? '').split('.');
    const tampered = `${id}.${'A'.repeat(43)}`;
    const unknown = `00000000-0000-4000-8000-000000000000.${'B'.repeat(43)}`;
    for (const token of ['', 'garbage', 42, null, tampered, unknown]) {
      expect(await failureOf(sessions.refresh(token, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
    }
    expect(kit.eventsOf(EVENT_TYPES.SESSION_REFRESHED)).toEqual([]);
    expect(kit.eventsOf(EVENT_TYPES.REFRESH_REUSE_DETECTED)).toEqual([]);
  });

  it('ends at the absolute expiry: refreshing does not extend the session', async () => {
    const { kit, logins, sessions } = await signedIn();
    let token = logins[0]?.refreshToken ?? '';
    kit.clock.advance(TEST_SESSION_TTL_SECONDS - 60);
    token = (await sessions.refresh(token, kit.meta)).refreshToken;
    kit.clock.advance(60);
    expect(await failureOf(sessions.refresh(token, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
  });

  it('refuses the refresh token of a revoked session', async () => {
    const { kit, user, logins, sessions } = await signedIn();
    const [login] = logins;
    if (!login) throw new Error('no login');
    await sessions.revokeOwn(kit.identityOf(user.id, login.sessionId), 'current', kit.meta);
    expect(await failureOf(sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});

describe('SessionService revocation and listing', () => {
  it('logout ends the current session only, records it, and tombstones it in the cache', async () => {
    const { kit, user, logins, sessions } = await signedIn(3);
    const [current, other] = logins;
    if (!current || !other) throw new Error('no login');
    expect(await sessions.revokeOwn(kit.identityOf(user.id, current.sessionId), 'current', kit.meta)).toBe(1);
    expect(await kit.cached(current.sessionId)).toMatchObject({ revoked: true });
    expect(await kit.cached(other.sessionId)).toMatchObject({ revoked: false });
    expect(kit.eventsOf(EVENT_TYPES.SESSION_REVOKED)).toEqual([
      expect.objectContaining({ data: { sessionId: current.sessionId, reason: 'logout' } }),
    ]);
    const active = await sessions.listOwn(kit.identityOf(user.id, other.sessionId), user.id);
    expect(active.map((s) => s.id).sort()).toEqual([other.sessionId, logins[2]?.sessionId].sort());
  });

  it('"others" keeps the caller’s session; "all" ends every one', async () => {
    const { kit, user, logins, sessions } = await signedIn(3);
    const me = kit.identityOf(user.id, logins[0]?.sessionId ?? '');
    expect(await sessions.revokeOwn(me, 'others', kit.meta)).toBe(2);
    expect((await sessions.listOwn(me, user.id)).map((s) => s.id)).toEqual([logins[0]?.sessionId]);
    expect(await sessions.revokeOwn(me, 'others', kit.meta)).toBe(0);
    expect(await sessions.revokeOwn(me, 'all', kit.meta)).toBe(1);
    expect(await sessions.listOwn(me, user.id)).toEqual([]);
    expect(kit.eventsOf(EVENT_TYPES.SESSIONS_REVOKED).map((e) => e.data)).toEqual([
      { count: 2, reason: 'logout_others' },
      { count: 1, reason: 'logout_all' },
    ]);
  });

  it('revoking another user’s session by id is NOT_FOUND and leaves it alone', async () => {
    const { kit, user, logins, sessions } = await signedIn();
    const intruder = await kit.seedUser();
    const mine = logins[0]?.sessionId ?? '';
    expect(await failureOf(sessions.revokeOwn(kit.identityOf(intruder.id, 'x'), { id: mine }, kit.meta))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await kit.uow.transact((tx) => tx.sessions.findSession(mine))).toMatchObject({ revokedAt: null });
    expect(await sessions.revokeOwn(kit.identityOf(user.id, 'elsewhere'), { id: mine }, kit.meta)).toBe(1);
  });

  it('lists a user’s sessions for the user and for sessions:read only', async () => {
    const { kit, user, sessions } = await signedIn();
    const other = await kit.seedUser();
    expect(await failureOf(sessions.listOwn(kit.identityOf(other.id, 's'), user.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(sessions.listOwn({ kind: 'anonymous' }, user.id))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await sessions.listOwn(kit.identityOf(other.id, 's', ['sessions:read']), user.id)).toHaveLength(1);
    expect(await failureOf(sessions.revokeOwn({ kind: 'anonymous' }, 'all', kit.meta))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
