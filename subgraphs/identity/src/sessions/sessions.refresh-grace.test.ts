// The refresh grace of docs/design.md §5 (Authentication model): a client that lost a refresh response (F5 during
// the call, a dropped connection) presents the token it just rotated again. Within REFRESH_REUSE_GRACE_SECONDS
// (10 s by default) that immediate predecessor is accepted once more and yields a fresh pair, and the token issued
// by the rotation the client never saw dies; any other reuse still revokes the whole session.
import { describe, expect, it } from '@jest/globals';
import { EVENT_TYPES } from '@cbp/events';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit, TEST_PASSWORD } from '../testing/identity-test-kit.js';

async function signedIn() {
  const kit = createIdentityTestKit({ refreshReuseGraceSeconds: 10 });
  const user = await kit.seedUser();
  const login = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
  const sessionOf = () => kit.uow.transact((tx) => tx.sessions.findSession(login.sessionId));
  return { kit, user, login, sessionOf };
}

describe('refresh grace', () => {
  it('F5 during a refresh: the predecessor within 10 s gives a fresh pair, and the lost pair is dead', async () => {
    const { kit, login, sessionOf } = await signedIn();
    const lost = await kit.services.sessions.refresh(login.refreshToken, kit.meta);
    kit.clock.advance(9);
    const retried = await kit.services.sessions.refresh(login.refreshToken, kit.meta);

    expect(retried).toMatchObject({ sessionId: login.sessionId, tokenType: 'Bearer' });
    expect(retried.refreshToken).not.toBe(lost.refreshToken);
    expect(await sessionOf()).toMatchObject({ revokedAt: null });
    expect(kit.eventsOf(EVENT_TYPES.REFRESH_REUSE_DETECTED)).toEqual([]);
    // The fresh pair keeps the session going.
    const next = await kit.services.sessions.refresh(retried.refreshToken, kit.meta);
    expect(next.sessionId).toBe(login.sessionId);
    expect(await sessionOf()).toMatchObject({ revokedAt: null });
  });

  it('the refresh token of the lost response is dead: presenting it revokes the session', async () => {
    const { kit, login, sessionOf } = await signedIn();
    const lost = await kit.services.sessions.refresh(login.refreshToken, kit.meta);
    const retried = await kit.services.sessions.refresh(login.refreshToken, kit.meta);

    expect(await failureOf(kit.services.sessions.refresh(lost.refreshToken, kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
    expect(await sessionOf()).toMatchObject({ revokeReason: 'refresh_token_reuse' });
    expect(await failureOf(kit.services.sessions.refresh(retried.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('a second reuse of the predecessor revokes the session', async () => {
    const { kit, login, sessionOf } = await signedIn();
    await kit.services.sessions.refresh(login.refreshToken, kit.meta);
    const retried = await kit.services.sessions.refresh(login.refreshToken, kit.meta);

    expect(await failureOf(kit.services.sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
    expect(await sessionOf()).toMatchObject({ revokeReason: 'refresh_token_reuse' });
    expect(kit.eventsOf(EVENT_TYPES.REFRESH_REUSE_DETECTED)).toHaveLength(1);
    expect(await kit.cached(login.sessionId)).toMatchObject({ revoked: true });
    expect(await failureOf(kit.services.sessions.refresh(retried.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('reuse after the window revokes the session', async () => {
    const { kit, login, sessionOf } = await signedIn();
    const rotated = await kit.services.sessions.refresh(login.refreshToken, kit.meta);
    kit.clock.advance(11);

    expect(await failureOf(kit.services.sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
    expect(await sessionOf()).toMatchObject({ revokeReason: 'refresh_token_reuse' });
    expect(await failureOf(kit.services.sessions.refresh(rotated.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('reuse of a token two generations old revokes the session, even within the window', async () => {
    const { kit, login, sessionOf } = await signedIn();
    const second = await kit.services.sessions.refresh(login.refreshToken, kit.meta);
    const third = await kit.services.sessions.refresh(second.refreshToken, kit.meta);

    expect(await failureOf(kit.services.sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({
      code: 'INVALID_TOKEN',
      status: 401,
    });
    expect(await sessionOf()).toMatchObject({ revokeReason: 'refresh_token_reuse' });
    expect(await failureOf(kit.services.sessions.refresh(third.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('with a window of 0 any reuse revokes the session', async () => {
    const kit = createIdentityTestKit({ refreshReuseGraceSeconds: 0 });
    const user = await kit.seedUser();
    const login = await kit.services.login.login({ email: user.email, password: TEST_PASSWORD }, kit.meta);
    await kit.services.sessions.refresh(login.refreshToken, kit.meta);
    expect(await failureOf(kit.services.sessions.refresh(login.refreshToken, kit.meta))).toMatchObject({ code: 'INVALID_TOKEN' });
  });
});
