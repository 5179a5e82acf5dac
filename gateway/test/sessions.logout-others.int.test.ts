// Rule ("sign out everywhere else"): logoutOthers ends every session of the caller except the one it
// is called from, at once: the other sessions' access tokens are refused on the very next request (401) and their
// refresh tokens are dead (INVALID_TOKEN), while the caller's session and every other user's sessions go on. The
// sessions are chosen and revoked in one transaction, so concurrent calls never revoke (or count) a session twice.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let db: pg.Client;

beforeAll(async () => {
  platform = await startTestPlatform();
  db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
}, 60_000);
afterAll(async () => {
  await db?.end();
  await platform?.close();
});

const ME = '{ me { id } }';
const LOGOUT_OTHERS = 'mutation { logoutOthers }';
const MY_SESSIONS = '{ mySessions { id current } }';
const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code ?? 'OK';

async function signedIn(sessions: number): Promise<{ user: SeededUser; logins: Awaited<ReturnType<SeededUser['login']>>[] }> {
  const user = await seed(platform).user().verified().create();
  const logins = [];
  for (let i = 0; i < sessions; i++) logins.push(await user.login());
  return { user, logins };
}

describe('logoutOthers', () => {
  it('ends the other two of three sessions at once, keeps the current one, and leaves other users alone', async () => {
    const { user, logins } = await signedIn(3);
    const [a, current, c] = logins as [(typeof logins)[0], (typeof logins)[0], (typeof logins)[0]];
    const bystander = await signedIn(2);

    // Warm the gateway's session cache for every token, so the refusal below must come from the tombstone.
    for (const { accessToken } of [...logins, ...bystander.logins]) expect((await platform.graphql(ME, {}, accessToken)).status).toBe(200);

    const res = await platform.graphql<{ logoutOthers: number }>(LOGOUT_OTHERS, {}, current.accessToken);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.logoutOthers).toBe(2);

    for (const other of [a, c]) {
      const refused = await platform.graphql(ME, {}, other.accessToken);
      expect(refused.status).toBe(401);
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
      expect(await platform.http('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).toMatchObject({
        status: 401,
        body: { error: { code: 'INVALID_TOKEN' } },
      });
    }

    const me = await platform.graphql<{ me: { id: string } }>(ME, {}, current.accessToken);
    expect(me).toMatchObject({ status: 200, body: { data: { me: { id: user.userId } } } });
    const mine = await platform.graphql<{ mySessions: { id: string; current: boolean }[] }>(MY_SESSIONS, {}, current.accessToken);
    expect(mine.body.data?.mySessions).toEqual([{ id: current.sessionId, current: true }]);
    // The surviving session's refresh token still rotates.
    expect(await platform.http('POST', '/auth/refresh', { body: { refreshToken: current.refreshToken } })).toMatchObject({
      status: 200,
      body: { sessionId: current.sessionId },
    });

    for (const { accessToken } of bystander.logins) {
      expect(await platform.graphql(ME, {}, accessToken)).toMatchObject({
        status: 200,
        body: { data: { me: { id: bystander.user.userId } } },
      });
    }

    const { rows } = await db.query<{ id: string; revoke_reason: string | null }>(
      'select id, revoke_reason from identity.sessions where user_id = $1 order by created_at',
      [user.userId],
    );
    expect(rows).toEqual([
      { id: a.sessionId, revoke_reason: 'logout_others' },
      { id: current.sessionId, revoke_reason: null },
      { id: c.sessionId, revoke_reason: 'logout_others' },
    ]);
  });

  it('records one session.revoked_all event with the count and the reason, by and about the caller', async () => {
    const { user, logins } = await signedIn(3);
    expect((await platform.graphql<{ logoutOthers: number }>(LOGOUT_OTHERS, {}, logins[0]?.accessToken)).body.data?.logoutOthers).toBe(2);
    const { rows } = await db.query<{ type: string; actor: string; data: unknown }>(
      "select type, payload->>'actorId' as actor, payload->'data' as data from identity.outbox where payload->>'subjectId' = $1 and type like 'session.revoked%'",
      [user.userId],
    );
    expect(rows).toEqual([{ type: 'session.revoked_all', actor: user.userId, data: { count: 2, reason: 'logout_others' } }]);
  });

  it('returns 0 when the caller has no other session, and records nothing', async () => {
    const { user, logins } = await signedIn(1);
    const res = await platform.graphql<{ logoutOthers: number }>(LOGOUT_OTHERS, {}, logins[0]?.accessToken);
    expect(res.body).toEqual({ data: { logoutOthers: 0 } });
    expect((await platform.graphql(ME, {}, logins[0]?.accessToken)).status).toBe(200);
    const { rows } = await db.query("select 1 from identity.outbox where payload->>'subjectId' = $1 and type like 'session.revoked%'", [
      user.userId,
    ]);
    expect(rows).toEqual([]);
  });

  it('concurrent calls from two sessions never revoke a session twice: the counts add up to the sessions revoked', async () => {
    const { user, logins } = await signedIn(4);
    const results = await Promise.all(
      logins.slice(0, 2).map((l) => platform.graphql<{ logoutOthers: number }>(LOGOUT_OTHERS, {}, l.accessToken)),
    );
    // The later call may already be refused (its session was ended by the earlier one) or may run after it.
    const counts = results.filter((r) => r.status === 200 && codeOf(r) === 'OK').map((r) => r.body.data?.logoutOthers ?? -1);
    expect(counts.length).toBeGreaterThan(0);
    const { rows } = await db.query<{ n: string }>(
      "select count(*) as n from identity.sessions where user_id = $1 and revoke_reason = 'logout_others'",
      [user.userId],
    );
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(Number(rows[0]?.n));
  });

  it('anonymous → UNAUTHENTICATED', async () => {
    const res = await platform.graphql(LOGOUT_OTHERS);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
  });
});
