// The full journey of docs/design.md §5 (Authentication model) and §8 (REST contract) through the gateway over HTTP,
// against real PostgreSQL, Redis and SMTP: register → email → verify → login → me → refresh → reuse of a rotated
// refresh token kills the session → login again → logout → the old access token is refused on the very next request.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import { SmtpSink } from './support/smtp-sink.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  // Reuse detection itself, without the refresh grace (which sessions.refresh-grace.test.ts and replicas cover).
  platform = await startTestPlatform({ REFRESH_REUSE_GRACE_SECONDS: '0' });
});

afterAll(async () => {
  await platform?.close();
});

const ME = '{ me { id email emailVerified createdAt } }';

describe('identity journey', () => {
  const email = 'Journey.User@Example.test';
  const password = 'a long and entirely unguessable passphrase';
  let userId: string;
  let first: { accessToken: string; refreshToken: string; sessionId: string };

  it('registers an unverified account (201) and emails a verification link', async () => {
    const res = await platform.http<{ userId: string }>('POST', '/auth/register', { body: { email, password } });
    expect(res.status).toBe(201);
    expect(res.body.userId).toMatch(/^[0-9a-f-]{36}$/);
    userId = res.body.userId;
    const mail = await platform.mail.waitFor('journey.user@example.test', /verify-email\?token=/);
    expect(mail.text).toContain('http://app.cbp.test/verify-email?token=');
  });

  it('refuses login before verification with EMAIL_NOT_VERIFIED (403), only with the right password', async () => {
    const wrong = await platform.http('POST', '/auth/login', { body: { email, password: 'not the password at all, really' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const right = await platform.http('POST', '/auth/login', { body: { email, password } });
    expect(right.status).toBe(403);
    expect(right.body).toMatchObject({ error: { code: 'EMAIL_NOT_VERIFIED' } });
  });

  it('verifies the email with the link token, once', async () => {
    const mail = await platform.mail.waitFor('journey.user@example.test', /verify-email\?token=/);
    const token = SmtpSink.tokenFrom(mail, '/verify-email');
    const res = await platform.http('POST', '/auth/email/verify/confirm', { body: { token } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ verified: true });
    const again = await platform.http('POST', '/auth/email/verify/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
  });

  it('logs in and returns the token pair of the REST contract', async () => {
    const res = await platform.http<typeof first & { tokenType: string; expiresIn: number }>('POST', '/auth/login', {
      body: { email: '  journey.user@EXAMPLE.test ', password, deviceFingerprint: 'device-a' },
      headers: { 'user-agent': 'JourneyTest/1.0' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(res.body.accessToken.split('.')).toHaveLength(3);
    first = res.body;
  });

  it('answers `me` through the gateway for the bearer of the access token', async () => {
    const res = await platform.graphql<{ me: { id: string; email: string; emailVerified: boolean } }>(ME, {}, first.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.me).toMatchObject({ id: userId, email: 'Journey.User@Example.test', emailVerified: true });
    const anonymous = await platform.graphql<{ me: null }>(ME);
    expect(anonymous.body.data?.me).toBeNull();
  });

  it('lists the session with its device, marked current', async () => {
    const res = await platform.graphql<{
      mySessions: { id: string; current: boolean; userAgent: string; device: { userAgent: string } }[];
    }>('{ mySessions { id current userAgent ip device { userAgent } } }', {}, first.accessToken);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.mySessions).toEqual([
      expect.objectContaining({ id: first.sessionId, current: true, userAgent: 'JourneyTest/1.0' }),
    ]);
  });

  let second: typeof first;
  it('rotates the refresh token on refresh', async () => {
    const res = await platform.http<typeof first>('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(res.status).toBe(200);
    expect(res.body.sessionId).toBe(first.sessionId);
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    second = res.body;
    expect((await platform.graphql(ME, {}, second.accessToken)).body.data).toMatchObject({ me: { id: userId } });
  });

  it('revokes the whole session when a rotated refresh token is presented again', async () => {
    const reuse = await platform.http('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
    // The thief's copy and the owner's copy both die with the session.
    expect((await platform.http('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } })).status).toBe(401);
    const me = await platform.graphql(ME, {}, second.accessToken);
    expect(me.status).toBe(401);
    expect(me.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logs in again, logs out (204), and the old access token is refused at once', async () => {
    const login = await platform.http<typeof first>('POST', '/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    const token = login.body.accessToken;
    expect((await platform.graphql(ME, {}, token)).body.data).toMatchObject({ me: { id: userId } });
    const logout = await platform.http('POST', '/auth/logout', { token });
    expect(logout.status).toBe(204);
    const after = await platform.graphql(ME, {}, token);
    expect(after.status).toBe(401);
    expect((await platform.http('POST', '/auth/logout', { token })).status).toBe(401);
    expect((await platform.http('POST', '/auth/refresh', { body: { refreshToken: login.body.refreshToken } })).status).toBe(401);
  });

  it('logout-all ends every session of the user', async () => {
    const a = await platform.http<typeof first>('POST', '/auth/login', { body: { email, password } });
    const b = await platform.http<typeof first>('POST', '/auth/login', { body: { email, password } });
    expect((await platform.http('POST', '/auth/logout-all', { token: a.body.accessToken })).status).toBe(204);
    for (const token of [a.body.accessToken, b.body.accessToken]) expect((await platform.graphql(ME, {}, token)).status).toBe(401);
  });

  it('tells the user about a login from a new device, by email and as a login.new_device event', async () => {
    const before = platform.mail.messages.filter(
      (m) => m.to.includes('journey.user@example.test') && /device we have not seen before/i.test(m.text),
    ).length;
    const known = await platform.http('POST', '/auth/login', { body: { email, password, deviceFingerprint: 'device-a' } });
    expect(known.status).toBe(200);
    const fresh = await platform.http<typeof first>('POST', '/auth/login', {
      body: { email, password, deviceFingerprint: 'device-b-never-seen' },
      headers: { 'user-agent': 'NewDevice/2.0' },
    });
    expect(fresh.status).toBe(200);
    const mail = await platform.mail.waitFor('journey.user@example.test', /NewDevice\/2\.0/);
    expect(
      platform.mail.messages.filter((m) => m.to.includes('journey.user@example.test') && /device we have not seen before/i.test(m.text))
        .length,
    ).toBe(before + 1);
    expect(mail.text).toMatch(/device we have not seen before/i);
    const deadline = Date.now() + 10_000;
    let types: string[] = [];
    while (Date.now() < deadline && !types.includes('login.new_device')) {
      const res = await platform.graphql<{ me: { auditTrail: { type: string }[] } }>(
        '{ me { auditTrail(first: 50) { type } } }',
        {},
        fresh.body.accessToken,
      );
      types = res.body.data?.me.auditTrail.map((e) => e.type) ?? [];
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(types).toContain('login.new_device');
    const devices = await platform.graphql<{ me: { devices: { userAgent: string }[] } }>(
      '{ me { devices { userAgent firstSeenAt lastSeenAt } } }',
      {},
      fresh.body.accessToken,
    );
    expect(devices.body.data?.me.devices.map((d) => d.userAgent)).toContain('NewDevice/2.0');
  });

  it("revokes one of the caller's own sessions, and never someone else's (no IDOR)", async () => {
    const a = await platform.http<typeof first>('POST', '/auth/login', { body: { email, password } });
    const b = await platform.http<typeof first>('POST', '/auth/login', { body: { email, password } });
    const revoke = 'mutation ($id: ID!) { revokeSession(id: $id) }';
    const other = await seed(platform).user().verified().create();
    const otherSession = await other.login();
    // Someone else's session id looks exactly like one that does not exist.
    const foreign = await platform.graphql(revoke, { id: otherSession.sessionId }, a.body.accessToken);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await platform.graphql(revoke, { id: '00000000-0000-4000-8000-000000000000' }, a.body.accessToken);
    expect(unknown.body.errors?.[0]).toMatchObject({ message: foreign.body.errors?.[0]?.message, extensions: { code: 'NOT_FOUND' } });
    expect((await platform.graphql(ME, {}, otherSession.accessToken)).status).toBe(200);
    const anonymous = await platform.graphql(revoke, { id: b.body.sessionId });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const own = await platform.graphql<{ revokeSession: boolean }>(revoke, { id: b.body.sessionId }, a.body.accessToken);
    expect(own.body).toEqual({ data: { revokeSession: true } });
    expect((await platform.graphql(ME, {}, b.body.accessToken)).status).toBe(401);
    expect((await platform.graphql(ME, {}, a.body.accessToken)).status).toBe(200);
  });
});
