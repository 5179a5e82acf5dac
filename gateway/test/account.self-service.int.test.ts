// Account self-service through the gateway (docs/design.md §5 (Authentication model), §8 (REST contract)): changing
// the password or the email address, and starting 2FA enrolment, need the current password; a wrong one is 401
// INVALID_CREDENTIALS and counts as a failed login (423 ACCOUNT_LOCKED once the lockout trips). A password change
// ends every other session and mails a notice; an email change mails a link to the new address and a notice to
// the old one, and happens only when the link is opened. REST and GraphQL twins run the same operation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import { SmtpSink } from './support/smtp-sink.js';
import { startTestPlatform, TEST_PUBLIC_URL } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { awayFromStepBoundary, RELAXED_RATE_LIMITS, totp } from './support/totp.js';

let platform: TestPlatform;

beforeAll(async () => {
  // The first lock lasts 2 s, so the lockout test waits it out instead of the default minute.
  platform = await startTestPlatform({ ...RELAXED_RATE_LIMITS, LOCKOUT_THRESHOLD: '3', LOCKOUT_BASE_SECONDS: '2' });
});

afterAll(async () => {
  await platform?.close();
});

const WRONG = 'not the password, not even close';
const ME = '{ me { id email emailVerified } }';

describe('POST /auth/password/change and changePassword', () => {
  it('204: the new password works, every other session ends, the caller’s stays, a notice is mailed', async () => {
    const user = await seed(platform).user().verified().create();
    const current = await user.login();
    const other = await user.login();
    const newPassword = `${user.password} but longer and new`;
    const res = await platform.http('POST', '/auth/password/change', {
      token: current.accessToken,
      body: { currentPassword: user.password, newPassword },
    });
    expect(res.status).toBe(204);
    expect((await platform.graphql(ME, {}, other.accessToken)).status).toBe(401);
    expect((await platform.http('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await platform.graphql(ME, {}, current.accessToken)).status).toBe(200);
    expect((await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await platform.http('POST', '/auth/login', { body: { email: user.email, password: newPassword } })).status).toBe(200);
    await platform.mail.waitFor(user.email, /password of your .* account was changed/);
  });

  it('401 INVALID_CREDENTIALS for a wrong current password, 400 VALIDATION_FAILED for a password the policy refuses, 401 anonymous', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const wrong = await platform.http('POST', '/auth/password/change', {
      token: accessToken,
      body: { currentPassword: WRONG, newPassword: 'a perfectly good new passphrase' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const weak = await platform.http('POST', '/auth/password/change', {
      token: accessToken,
      body: { currentPassword: user.password, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const missing = await platform.http('POST', '/auth/password/change', { token: accessToken, body: { currentPassword: user.password } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'newPassword' } } });
    const anonymous = await platform.http('POST', '/auth/password/change', {
      body: { currentPassword: user.password, newPassword: 'a perfectly good new passphrase' },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('the GraphQL twin behaves the same', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const CHANGE = 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    const wrong = await platform.graphql(CHANGE, { c: WRONG, n: 'a perfectly good new passphrase' }, accessToken);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const ok = await platform.graphql(CHANGE, { c: user.password, n: 'a perfectly good new passphrase' }, accessToken);
    expect(ok.body).toEqual({ data: { changePassword: true } });
  });
});

describe('POST /auth/email/change/request and /confirm', () => {
  it('202, a link to the new address and a notice to the old; the address changes only on confirmation', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const newEmail = `moved-${user.email}`;
    const res = await platform.http('POST', '/auth/email/change/request', {
      token: accessToken,
      body: { currentPassword: user.password, newEmail },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({});
    const link = await platform.mail.waitFor(newEmail, /confirm-email-change\?token=/);
    expect(link.text).toContain(`${TEST_PUBLIC_URL}/confirm-email-change?token=`);
    await platform.mail.waitFor(user.email, /asked to change its email address/);
    expect((await platform.graphql<{ me: { email: string } }>(ME, {}, accessToken)).body.data?.me.email).toBe(user.email);

    const token = SmtpSink.tokenFrom(link, '/confirm-email-change');
    const confirmed = await platform.http('POST', '/auth/email/change/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ email: newEmail });
    // The session keeps working and sees the new address; sign-in uses it.
    expect((await platform.graphql<{ me: { email: string } }>(ME, {}, accessToken)).body.data?.me).toMatchObject({
      email: newEmail,
      emailVerified: true,
    });
    expect((await platform.http('POST', '/auth/login', { body: { email: newEmail, password: user.password } })).status).toBe(200);
    expect((await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password } })).status).toBe(401);

    const again = await platform.http('POST', '/auth/email/change/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
  });

  it('409 EMAIL_IN_USE for a verified account’s address, 401 for a wrong password, 400 for a bad token', async () => {
    const user = await seed(platform).user().verified().create();
    const taken = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const inUse = await platform.http('POST', '/auth/email/change/request', {
      token: accessToken,
      body: { currentPassword: user.password, newEmail: taken.email.toUpperCase() },
    });
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ error: { code: 'EMAIL_IN_USE' } });
    const wrong = await platform.http('POST', '/auth/email/change/request', {
      token: accessToken,
      body: { currentPassword: WRONG, newEmail: `other-${user.email}` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const bad = await platform.http('POST', '/auth/email/change/confirm', { body: { token: 'x'.repeat(43) } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
  });

  it('the GraphQL twins behave the same', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const newEmail = `graphql-${user.email}`;
    const REQUEST = 'mutation ($c: String!, $e: String!) { requestEmailChange(currentPassword: $c, newEmail: $e) }';
    expect((await platform.graphql(REQUEST, { c: WRONG, e: newEmail }, accessToken)).body.errors?.[0]?.extensions?.code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await platform.graphql(REQUEST, { c: user.password, e: newEmail }, accessToken)).body).toEqual({
      data: { requestEmailChange: true },
    });
    const token = SmtpSink.tokenFrom(await platform.mail.waitFor(newEmail, /confirm-email-change\?token=/), '/confirm-email-change');
    const CONFIRM = 'mutation ($t: String!) { confirmEmailChange(token: $t) { email } }';
    expect((await platform.graphql(CONFIRM, { t: token })).body).toEqual({ data: { confirmEmailChange: { email: newEmail } } });
  });
});

describe('re-authentication and the lockout', () => {
  it('wrong current passwords count as failed logins: at the threshold 423 ACCOUNT_LOCKED, for login too', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const setup = (currentPassword: string) => platform.http('POST', '/auth/2fa/setup', { token: accessToken, body: { currentPassword } });
    expect((await setup(WRONG)).body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const change = await platform.http('POST', '/auth/password/change', {
      token: accessToken,
      body: { currentPassword: WRONG, newPassword: 'a perfectly good new passphrase' },
    });
    expect(change.status).toBe(401);
    const email = await platform.http('POST', '/auth/email/change/request', {
      token: accessToken,
      body: { currentPassword: WRONG, newEmail: `x-${user.email}` },
    });
    expect(email.status).toBe(401);
    const locked = await setup(user.password);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ error: { code: 'ACCOUNT_LOCKED' } });
    const login = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.status).toBe(423);
    await platform.mail.waitFor(user.email, /locked after too many failed sign-in attempts/);
  });
});

describe('2FA enrolment with two concurrent setups', () => {
  it('enables the secret whose code was verified, and only that one', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    const setups = await Promise.all(
      [0, 1].map(() =>
        platform.http<{ secret: string }>('POST', '/auth/2fa/setup', { token: accessToken, body: { currentPassword: user.password } }),
      ),
    );
    expect(setups.map((s) => s.status)).toEqual([200, 200]);
    const secrets = setups.map((s) => s.body.secret);
    await awayFromStepBoundary();
    const attempts = [];
    for (const secret of secrets)
      attempts.push(await platform.http('POST', '/auth/2fa/verify', { token: accessToken, body: { code: totp(secret) } }));
    // Exactly one secret is the pending one; only its code enables 2FA (the other's is 400 INVALID_OTP before, or
    // 409 MFA_ALREADY_ENABLED after), and login then takes its codes only.
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(1);
    expect(attempts.map((a) => a.status)).toEqual(attempts[0]?.status === 200 ? [200, 409] : [400, 200]);
    const enabled = secrets[attempts.findIndex((a) => a.status === 200)]!;
    const replaced = secrets[attempts.findIndex((a) => a.status !== 200)]!;
    await awayFromStepBoundary();
    const login = (otp: string) => platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, otp } });
    expect((await login(totp(replaced, Date.now(), 1))).status).toBe(401);
    expect((await login(totp(enabled, Date.now(), 1))).status).toBe(200);
  });
});
