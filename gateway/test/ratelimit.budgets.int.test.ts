// Rule (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): per client IP, a *failure* budget (20 a minute
// plus a burst of 10 per 10 minutes: every auth call is assumed to fail and refunded when it succeeds) and a
// *capacity* budget (every auth call); per account, login 10 a minute keyed on identity's normal form of the email,
// computed from the coerced arguments (variable defaults included); a refresh that succeeds draws on its session's
// budget, not on the IP's failures; invitations 20 a day per user. The numbers here are the contract's defaults.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomEmail } from './support/limits.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';

let platform: TestPlatform;
let ipCounter = 0;
/** Each test (or each call, where the IP must not be the limit) gets its own client IP behind the trusted proxy. */
const nextIp = () => `192.0.2.${++ipCounter}`;

beforeAll(async () => {
  platform = await startTestPlatform({
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_IP_POINTS: '20',
    RATE_LIMIT_IP_DURATION_SECONDS: '60',
    RATE_LIMIT_IP_BURST_POINTS: '10',
    RATE_LIMIT_IP_BURST_DURATION_SECONDS: '600',
    RATE_LIMIT_IP_CAPACITY_POINTS: '600',
    RATE_LIMIT_LOGIN_POINTS: '10',
    RATE_LIMIT_LOGIN_DURATION_SECONDS: '60',
    RATE_LIMIT_REFRESH_SESSION_POINTS: '60',
    RATE_LIMIT_INVITATION_POINTS: '20',
    RATE_LIMIT_INVITATION_DURATION_SECONDS: '86400',
  });
});

afterAll(async () => {
  await platform?.close();
});

const restLogin = (email: string, password: string, ip: string) =>
  platform.http<{ refreshToken?: string; error?: { code: string } }>('POST', '/auth/login', {
    body: { email, password },
    headers: { 'x-forwarded-for': ip },
  });

const graphqlFrom = (ip: string, query: string, variables: Record<string, unknown> = {}, token?: string) =>
  platform.http<{ data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] }>('POST', '/graphql', {
    body: { query, variables },
    headers: { 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code;

async function users(count: number): Promise<SeededUser[]> {
  const created: SeededUser[] = [];
  for (let i = 0; i < count; i++) created.push(await seed(platform).user().verified().create());
  return created;
}

describe('per client IP: failures and capacity', () => {
  it('lets 40 successful logins of 10 accounts from one IP through within a minute', async () => {
    const accounts = await users(10);
    const ip = nextIp();
    const statuses = [];
    for (let round = 0; round < 4; round++)
      for (const user of accounts) statuses.push((await restLogin(user.email, user.password, ip)).status);
    expect(statuses).toEqual(Array.from({ length: 40 }, () => 200));
  });

  it('refuses wrong passwords over 12 accounts from one IP after 20 + a burst of 10', async () => {
    const accounts = await users(12);
    const ip = nextIp();
    const statuses = [];
    for (let i = 0; i < 35; i++) statuses.push((await restLogin(accounts[i % 12]!.email, 'not the password', ip)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
  });

  it('does not charge successful refreshes to the IP failure budget', async () => {
    const [user] = await users(1);
    const ip = nextIp();
    let { refreshToken } = await user!.login();
    for (let i = 0; i < 35; i++) {
      const res = await platform.http<{ refreshToken: string }>('POST', '/auth/refresh', {
        body: { refreshToken },
        headers: { 'x-forwarded-for': ip },
      });
      expect({ i, status: res.status }).toEqual({ i, status: 200 });
      refreshToken = res.body.refreshToken;
    }
    // The failure budget is still whole: 20 + 10 wrong passwords pass before the refusal.
    for (let i = 0; i < 30; i++) expect((await restLogin(randomEmail(), 'wrong', ip)).status).toBe(401);
    expect((await restLogin(randomEmail(), 'wrong', ip)).status).toBe(429);
  });
});

describe('per session: refreshes', () => {
  it("draws every refresh of one session, through its rotated tokens, on that session's budget", async () => {
    const gateway = await platform.startExtraGateway({ RATE_LIMIT_REFRESH_SESSION_POINTS: '3' });
    const [user] = await users(1);
    const refresh = (refreshToken: string) =>
      fetch(`${gateway.url}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
        body: JSON.stringify({ refreshToken }),
      });
    let { refreshToken } = await user!.login();
    for (let i = 0; i < 3; i++) {
      const res = await refresh(refreshToken);
      expect({ i, status: res.status }).toEqual({ i, status: 200 });
      refreshToken = ((await res.json()) as { refreshToken: string }).refreshToken;
    }
    const refused = await refresh(refreshToken);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another session of the same user has its own budget.
    expect((await refresh((await user!.login()).refreshToken)).status).toBe(200);
  });
});

describe('per account: keys from the coerced arguments', () => {
  const LOGIN_BY_DEFAULT = (email: string) =>
    `mutation($i: LoginInput! = {email: "${email}", password: "not the password"}) { login(input: $i) { accessToken } }`;

  it('keys a login given only as a variable default on its account, and refuses the 11th in a minute', async () => {
    const email = randomEmail();
    const codes = [];
    // Each from its own IP: only the account's budget (10 a minute) can refuse.
    for (let i = 0; i < 11; i++) codes.push(codeOf(await graphqlFrom(nextIp(), LOGIN_BY_DEFAULT(email))));
    expect(codes.slice(0, 10).every((c) => c !== 'RATE_LIMITED')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
  });

  it('keys an input default inside an aliased batch too: 11 aliases at one account never run', async () => {
    const email = randomEmail();
    const aliases = Array.from({ length: 11 }, (_, i) => `l${i}: login(input: $i) { accessToken }`).join(' ');
    const res = await graphqlFrom(nextIp(), `mutation($i: LoginInput! = {email: "${email}", password: "x"}) { ${aliases} }`);
    expect(res.status).toBe(429);
    expect(codeOf(res)).toBe('RATE_LIMITED');
  });

  it('shares one login budget between upper case and full-width letters of one address', async () => {
    const local = `rl-${Math.random().toString(16).slice(2, 10)}`;
    const variants = [`${local}@example.test`, `${local.toUpperCase()}@EXAMPLE.TEST`, `${local}@\uff45xample.test`];
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await restLogin(variants[i % 3]!, 'not the password', nextIp())).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('per user: invitations', () => {
  it('allows 20 invitations a day per user, then answers RATE_LIMITED', async () => {
    const [inviter] = await users(1);
    const { accessToken } = await inviter!.login();
    const create = 'mutation { createInvitation { code } }';
    const codes = [];
    for (let i = 0; i < 21; i++) codes.push(codeOf(await graphqlFrom(nextIp(), create, {}, accessToken)) ?? 'OK');
    expect(codes).toEqual([...Array.from({ length: 20 }, () => 'OK'), 'RATE_LIMITED']);
  });
});
