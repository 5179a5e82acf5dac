// Rule (RFC 6238, RFC 6238 §5.2, ASVS 6.5.1 / 7.4.3 / 7.5.1, docs/design.md §5 (Authentication model)): TOTP
// enrolment returns a 160-bit Base32 secret, a Key Uri Format URL and a PNG QR code; 2FA turns on only after a
// correct code; login then needs a code (OTP_REQUIRED, INVALID_OTP), a code is accepted once (no replay, not even by
// two parallel logins), a recovery code works once, the token says amr ["pwd","otp"]; enabling ends every other
// session; disabling needs the password and a current code; GraphQL twins behave the same. Codes are computed here
// with node:crypto HMAC-SHA1 (RFC 4226/6238), not with otplib, so the server is checked against an independent
// implementation.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { awayFromStepBoundary, base32Decode, jwtPayload, RELAXED_RATE_LIMITS, totp } from './support/totp.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform(RELAXED_RATE_LIMITS);
});

afterAll(async () => {
  await platform?.close();
});

const ME = '{ me { id totpEnabled } }';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}
interface Setup {
  secret: string;
  otpauthUrl: string;
  qrCodeDataUrl: string;
}

async function setupAndEnable(user: SeededUser, token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await platform.http<Setup>('POST', '/auth/2fa/setup', { token, body: { currentPassword: user.password } });
  expect(setup.status).toBe(200);
  await awayFromStepBoundary();
  const enabled = await platform.http<{ enabled: boolean; recoveryCodes: string[] }>('POST', '/auth/2fa/verify', {
    token,
    body: { code: totp(setup.body.secret) },
  });
  expect(enabled.status).toBe(200);
  return { secret: setup.body.secret, recoveryCodes: enabled.body.recoveryCodes };
}

describe('TOTP over REST', () => {
  let user: SeededUser;
  let main: Tokens;
  let other: Tokens;
  let secret: string;
  let recoveryCodes: string[];
  let enabledAt: number;

  beforeAll(async () => {
    user = await seed(platform).user().verified().create();
    main = await user.login();
    other = await user.login();
  });

  it('refuses anonymous setup with 401 UNAUTHENTICATED', async () => {
    const res = await platform.http('POST', '/auth/2fa/setup', { body: { currentPassword: 'any password at all' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses verify before setup (MFA_SETUP_REQUIRED)', async () => {
    const res = await platform.http('POST', '/auth/2fa/verify', { token: main.accessToken, body: { code: '123456' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'MFA_SETUP_REQUIRED' } });
  });

  it('sets up: a 160-bit Base32 secret, an otpauth URL with issuer and secret, a PNG QR code', async () => {
    const res = await platform.http<Setup>('POST', '/auth/2fa/setup', {
      token: main.accessToken,
      body: { currentPassword: user.password },
    });
    expect(res.status).toBe(200);
    secret = res.body.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(res.body.qrCodeDataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(res.body.qrCodeDataUrl.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const url = new URL(res.body.otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    const issuer = url.searchParams.get('issuer');
    expect(issuer).toBeTruthy();
    expect(decodeURIComponent(url.pathname)).toBe(`/${issuer}:${user.email}`);
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
  });

  it('is not enabled by setup alone: login still needs only the password', async () => {
    const res = await platform.http<Tokens>('POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(res.status).toBe(200);
    expect(jwtPayload(res.body.accessToken).amr).toEqual(['pwd']);
    other = res.body;
  });

  it('refuses a wrong code with 400 INVALID_OTP and stays disabled', async () => {
    await awayFromStepBoundary();
    const wrong = String((Number(totp(secret)) + 1) % 1_000_000).padStart(6, '0');
    const res = await platform.http('POST', '/auth/2fa/verify', { token: main.accessToken, body: { code: wrong } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_OTP' } });
    expect((await platform.graphql<{ me: { totpEnabled: boolean } }>(ME, {}, main.accessToken)).body.data?.me.totpEnabled).toBe(false);
  });

  it('enables with an independently computed code and returns 10 recovery codes once', async () => {
    await awayFromStepBoundary();
    enabledAt = Date.now();
    const res = await platform.http<{ enabled: boolean; recoveryCodes: string[] }>('POST', '/auth/2fa/verify', {
      token: main.accessToken,
      body: { code: totp(secret, enabledAt) },
    });
    expect(res.status).toBe(200);
    expect(res.body.enabled).toBe(true);
    expect(res.body.recoveryCodes).toHaveLength(10);
    expect(new Set(res.body.recoveryCodes).size).toBe(10);
    for (const code of res.body.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    recoveryCodes = res.body.recoveryCodes;
    expect((await platform.graphql<{ me: { totpEnabled: boolean } }>(ME, {}, main.accessToken)).body.data?.me.totpEnabled).toBe(true);
  });

  it('ended every other session of the user (ASVS 7.4.3), not the one that enabled it', async () => {
    expect((await platform.graphql(ME, {}, other.accessToken)).status).toBe(401);
    expect((await platform.http('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await platform.graphql(ME, {}, main.accessToken)).status).toBe(200);
  });

  it('emails the user that 2FA was turned on', async () => {
    await platform.mail.waitFor(user.email, /Two-factor authentication was turned on/);
  });

  it('refuses a second setup with 409 MFA_ALREADY_ENABLED', async () => {
    const res = await platform.http('POST', '/auth/2fa/setup', { token: main.accessToken, body: { currentPassword: user.password } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'MFA_ALREADY_ENABLED' } });
  });

  it('asks for a code after a correct password (401 OTP_REQUIRED), and only then', async () => {
    const wrongPassword = await platform.http('POST', '/auth/login', {
      body: { email: user.email, password: 'not the password, not even close' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const res = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'OTP_REQUIRED' } });
  });

  it('refuses a wrong code with 401 INVALID_OTP', async () => {
    const res = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, otp: '000000' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_OTP' } });
  });

  it('refuses the code that enabled 2FA: its step is spent', async () => {
    // The enabling code's step is still in the window here, but was spent by enableTotp (RFC 6238 §5.2).
    const res = await platform.http('POST', '/auth/login', {
      body: { email: user.email, password: user.password, otp: totp(secret, enabledAt) },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_OTP' } });
  });

  let used: string;
  it('logs in with the next code; the token and the session say amr ["pwd","otp"]', async () => {
    await awayFromStepBoundary();
    used = totp(secret, Date.now(), 1);
    const res = await platform.http<Tokens>('POST', '/auth/login', { body: { email: user.email, password: user.password, otp: used } });
    expect(res.status).toBe(200);
    expect(jwtPayload(res.body.accessToken).amr).toEqual(['pwd', 'otp']);
    const sessions = await platform.graphql<{ mySessions: { id: string; amr: string[] }[] }>(
      '{ mySessions { id amr } }',
      {},
      res.body.accessToken,
    );
    expect(sessions.body.data?.mySessions.find((s) => s.id === res.body.sessionId)?.amr).toEqual(['pwd', 'otp']);
  });

  it('refuses the same code again (replay) with 401 INVALID_OTP', async () => {
    const res = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, otp: used } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'INVALID_OTP' } });
  });

  it('accepts a recovery code once, in any case and spacing, then refuses it', async () => {
    const code = recoveryCodes[3]!;
    const first = await platform.http<Tokens>('POST', '/auth/login', {
      body: { email: user.email, password: user.password, recoveryCode: ` ${code.toUpperCase()} ` },
    });
    expect(first.status).toBe(200);
    expect(jwtPayload(first.body.accessToken).amr).toEqual(['pwd', 'otp']);
    const again = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, recoveryCode: code } });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ error: { code: 'INVALID_OTP' } });
    const made = await platform.http('POST', '/auth/login', {
      body: { email: user.email, password: user.password, recoveryCode: 'aaaaa-aaaaa' },
    });
    expect(made.status).toBe(401);
    // The other codes still work.
    expect(
      (await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, recoveryCode: recoveryCodes[4] } }))
        .status,
    ).toBe(200);
  });

  it('lets only one of three parallel logins with one recovery code through', async () => {
    const code = recoveryCodes[5]!;
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, recoveryCode: code } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });
});

describe('TOTP replay under concurrency', () => {
  it('lets exactly one of several parallel logins with the same fresh code through', async () => {
    const user = await seed(platform).user().verified().create();
    const { secret } = await setupAndEnable(user, (await user.login()).accessToken);
    await awayFromStepBoundary();
    const code = totp(secret, Date.now(), 1);
    const results = await Promise.all(
      [0, 1, 2, 3].map(() => platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, otp: code } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
    for (const r of results.filter((x) => x.status === 401)) expect(r.body).toMatchObject({ error: { code: 'INVALID_OTP' } });
  });
});

describe('disabling TOTP', () => {
  it('needs the password and a current code; then login needs only the password', async () => {
    const user = await seed(platform).user().verified().create();
    const session = await user.login();
    const { secret } = await setupAndEnable(user, session.accessToken);
    const needsCode = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(needsCode.body).toMatchObject({ error: { code: 'OTP_REQUIRED' } });
    const disable = 'mutation ($password: String!, $code: String!) { disableTotp(password: $password, code: $code) }';
    await awayFromStepBoundary();
    const next = totp(secret, Date.now(), 1);
    const wrongPassword = await platform.graphql(disable, { password: 'this is not the password at all', code: next }, session.accessToken);
    expect(wrongPassword.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const wrongCode = await platform.graphql(disable, { password: user.password, code: '000000' }, session.accessToken);
    expect(wrongCode.body.errors?.[0]?.extensions?.code).toBe('INVALID_OTP');
    const anonymous = await platform.graphql(disable, { password: user.password, code: next });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const ok = await platform.graphql<{ disableTotp: boolean }>(disable, { password: user.password, code: next }, session.accessToken);
    expect(ok.body).toEqual({ data: { disableTotp: true } });
    await platform.mail.waitFor(user.email, /Two-factor authentication was turned off/);
    const login = await platform.http<Tokens>('POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.status).toBe(200);
    expect(jwtPayload(login.body.accessToken).amr).toEqual(['pwd']);
  });

  it('ends the other sessions when 2FA is turned off', async () => {
    const user = await seed(platform).user().verified().create();
    const session = await user.login();
    const { secret } = await setupAndEnable(user, session.accessToken);
    await awayFromStepBoundary();
    const second = await platform.http<Tokens>('POST', '/auth/login', {
      body: { email: user.email, password: user.password, otp: totp(secret, Date.now(), 1) },
    });
    expect(second.status).toBe(200);
    // The login spent step +1; the only later step in the window is gone, so wait for the next one.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
    const ok = await platform.graphql<{ disableTotp: boolean }>(
      'mutation ($password: String!, $code: String!) { disableTotp(password: $password, code: $code) }',
      { password: user.password, code: totp(secret, Date.now(), 1) },
      session.accessToken,
    );
    expect(ok.body).toEqual({ data: { disableTotp: true } });
    expect((await platform.graphql(ME, {}, second.body.accessToken)).status).toBe(401);
    expect((await platform.graphql(ME, {}, session.accessToken)).status).toBe(200);
  }, 90_000);
});

describe('GraphQL twins', () => {
  const SETUP = 'mutation ($currentPassword: String!) { setupTotp(currentPassword: $currentPassword) { secret otpauthUrl qrCodeDataUrl } }';
  const ENABLE = 'mutation ($code: String!) { enableTotp(code: $code) { enabled recoveryCodes } }';

  it('refuses an anonymous setupTotp with UNAUTHENTICATED', async () => {
    const res = await platform.graphql(SETUP, { currentPassword: 'any password at all' });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('setupTotp / enableTotp / login / regenerateRecoveryCodes behave like REST', async () => {
    const user = await seed(platform).user().verified().create();
    const session = await user.login();
    const setup = await platform.graphql<{ setupTotp: Setup }>(SETUP, { currentPassword: user.password }, session.accessToken);
    expect(setup.body.errors).toBeUndefined();
    const { secret, qrCodeDataUrl, otpauthUrl } = setup.body.data!.setupTotp;
    expect(qrCodeDataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(new URL(otpauthUrl).searchParams.get('secret')).toBe(secret);
    const wrong = await platform.graphql(ENABLE, { code: '000000' }, session.accessToken);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('INVALID_OTP');
    await awayFromStepBoundary();
    const enabled = await platform.graphql<{ enableTotp: { enabled: boolean; recoveryCodes: string[] } }>(
      ENABLE,
      { code: totp(secret) },
      session.accessToken,
    );
    expect(enabled.body.data?.enableTotp.enabled).toBe(true);
    expect(enabled.body.data?.enableTotp.recoveryCodes).toHaveLength(10);
    const again = await platform.graphql(SETUP, { currentPassword: user.password }, session.accessToken);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('MFA_ALREADY_ENABLED');

    const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
    const noCode = await platform.graphql(LOGIN, { input: { email: user.email, password: user.password } });
    expect(noCode.body.errors?.[0]?.extensions?.code).toBe('OTP_REQUIRED');
    const badCode = await platform.graphql(LOGIN, { input: { email: user.email, password: user.password, otp: '000000' } });
    expect(badCode.body.errors?.[0]?.extensions?.code).toBe('INVALID_OTP');
    const next = totp(secret, Date.now(), 1);
    const good = await platform.graphql<{ login: { accessToken: string } }>(LOGIN, {
      input: { email: user.email, password: user.password, otp: next },
    });
    expect(jwtPayload(good.body.data!.login.accessToken).amr).toEqual(['pwd', 'otp']);
    const replay = await platform.graphql(LOGIN, { input: { email: user.email, password: user.password, otp: next } });
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('INVALID_OTP');

    // Regenerating needs the current password (docs/design.md §5 (Authentication model)): a wrong one is refused.
    const REGEN = 'mutation ($currentPassword: String!) { regenerateRecoveryCodes(currentPassword: $currentPassword) }';
    const wrongPassword = await platform.graphql(REGEN, { currentPassword: 'not the password, not even close' }, session.accessToken);
    expect(wrongPassword.body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const regenerated = await platform.graphql<{ regenerateRecoveryCodes: string[] }>(
      REGEN,
      { currentPassword: user.password },
      session.accessToken,
    );
    expect(regenerated.body.data?.regenerateRecoveryCodes).toHaveLength(10);
  });
});
