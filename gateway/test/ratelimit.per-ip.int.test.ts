// Rule (ASVS 2.2.1 / 11.1.4, docs/design.md §7 (Rate limits, lockout and GraphQL limits)): auth calls are rate
// limited per client IP with a burst allowance, on the REST /auth/* routes and their GraphQL mutations alike, counted
// per resolver call (aliases included) and once per REST request. A refusal is 429 RATE_LIMITED with Retry-After; the
// budget comes back after the window. Per account: login, and the e-mail sending requests, have their own budget
// whatever IP the calls come from.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aliasedLogins, loginAttempts, randomEmail, sleep } from './support/limits.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let ipCounter = 0;
/** Every test gets its own client IP (the platform trusts 127.0.0.1 as a proxy), so budgets do not leak across tests. */
const nextIp = () => `203.0.113.${++ipCounter}`;

beforeAll(async () => {
  platform = await startTestPlatform({
    TRUSTED_PROXIES: '127.0.0.1',
    // 3 per minute sustained + a burst of 2: 5 auth calls per window (long enough not to roll over mid-test).
    RATE_LIMIT_IP_POINTS: '3',
    RATE_LIMIT_IP_DURATION_SECONDS: '60',
    RATE_LIMIT_IP_BURST_POINTS: '2',
    RATE_LIMIT_IP_BURST_DURATION_SECONDS: '60',
    // Capacity (every auth call, successes included) also 5, so calls that succeed (and are refunded from the failure
    // budget) are still counted per resolver call.
    RATE_LIMIT_IP_CAPACITY_POINTS: '5',
    RATE_LIMIT_IP_CAPACITY_DURATION_SECONDS: '60',
    RATE_LIMIT_LOGIN_POINTS: '3',
    RATE_LIMIT_LOGIN_DURATION_SECONDS: '60',
    RATE_LIMIT_EMAIL_POINTS: '2',
    RATE_LIMIT_EMAIL_DURATION_SECONDS: '60',
  });
});

afterAll(async () => {
  await platform?.close();
});

const wrongLogin = (ip: string, email = randomEmail()) =>
  platform.http<{ error?: { code: string; message: string } }>('POST', '/auth/login', {
    body: { email, password: 'not the password' },
    headers: { 'x-forwarded-for': ip },
  });

const graphqlFrom = (ip: string, query: string) =>
  platform.http<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }>('POST', '/graphql', {
    body: { query },
    headers: { 'x-forwarded-for': ip },
  });

describe('per client IP', () => {
  it('lets exactly sustained + burst REST auth calls through (each counted once), then answers 429 with Retry-After', async () => {
    const ip = nextIp();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrongLogin(ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const refused = await wrongLogin(ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('shares one budget between REST and GraphQL, refusing GraphQL with RATE_LIMITED, HTTP 429 and Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i++) expect((await wrongLogin(ip)).status).toBe(401);
    const res = await graphqlFrom(ip, `mutation { requestPasswordReset(email: "${randomEmail()}") }`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(res.body.data ?? null).toBeNull();
  });

  it('recovers once the window is over', async () => {
    // A gateway on the same Redis with 2 s windows (1 sustained + 1 burst), so the test can wait one out.
    const fast = await platform.startExtraGateway({
      RATE_LIMIT_IP_POINTS: '1',
      RATE_LIMIT_IP_DURATION_SECONDS: '2',
      RATE_LIMIT_IP_BURST_POINTS: '1',
      RATE_LIMIT_IP_BURST_DURATION_SECONDS: '2',
    });
    const ip = nextIp();
    const attempt = () =>
      fetch(`${fast.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ email: randomEmail(), password: 'x' }),
      });
    await attempt();
    await attempt();
    const refused = await attempt();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    await sleep(retryAfter * 1000 + 300);
    expect((await attempt()).status).toBe(401);
  });

  it('leaves operations without auth calls alone while the IP is limited', async () => {
    const ip = nextIp();
    for (let i = 0; i < 6; i++) await wrongLogin(ip);
    expect((await wrongLogin(ip)).status).toBe(429);
    const res = await graphqlFrom(ip, '{ __typename }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });

  it('counts resolver calls, not HTTP requests: 6 aliased logins in one request exceed a budget of 5, and none runs', async () => {
    const ip = nextIp();
    const before = await loginAttempts(platform.identityUrl);
    const res = await graphqlFrom(ip, aliasedLogins(6));
    expect(res.status).toBe(429);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await loginAttempts(platform.identityUrl)).toBe(before);
  });

  it('charges named and inline fragments for every root field they hold', async () => {
    const ip = nextIp();
    const email = () => `"${randomEmail()}"`;
    const query = `mutation { ...A ... on Mutation { c: requestPasswordReset(email: ${email()}) d: requestPasswordReset(email: ${email()}) } }
      fragment A on Mutation { a: requestPasswordReset(email: ${email()}) b: requestPasswordReset(email: ${email()}) }`;
    expect((await graphqlFrom(ip, query)).status).toBe(200);
    // 4 of 5 spent: two more calls do not fit.
    const res = await graphqlFrom(ip, `mutation { a: requestPasswordReset(email: ${email()}) b: requestPasswordReset(email: ${email()}) }`);
    expect(res.status).toBe(429);
  });
});

describe('per account', () => {
  it('limits logins to one account (e-mail normalised) whatever the client IP, and leaves other accounts alone', async () => {
    const email = randomEmail();
    const variants = [email, email.toUpperCase(), ` ${email} `];
    for (const variant of variants) expect((await wrongLogin(nextIp(), variant)).status).toBe(401);
    const refused = await wrongLogin(nextIp(), email);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(2);
    expect((await wrongLogin(nextIp())).status).toBe(401);
  });

  it('limits password-reset and verification e-mails to one address', async () => {
    const email = randomEmail();
    const request = (path: string) => platform.http('POST', path, { body: { email }, headers: { 'x-forwarded-for': nextIp() } });
    expect((await request('/auth/password-reset/request')).status).toBe(202);
    expect((await request('/auth/email/verify/request')).status).toBe(202);
    const refused = await request('/auth/password-reset/request');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });
});
