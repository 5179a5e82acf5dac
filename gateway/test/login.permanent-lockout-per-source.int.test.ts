// Rule (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): the permanent lock after
// LOCKOUT_PERMANENT_AFTER consecutive failures holds per account and source (the client's IPv4 /24 or IPv6 /64),
// so an attacker who fails from one source cannot lock the owner out for good: another source meets only the
// temporary lock, and the attacker's source stays locked until a password reset.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { RELAXED_RATE_LIMITS } from './support/totp.js';

interface ErrorBody {
  error: { code: string; details?: { retryAfterSeconds?: number } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ATTACKER_IP = '203.0.113.7';
const OWNER_IP = '198.51.100.20';

describe('permanent lockout per account and source', () => {
  let platform: TestPlatform;
  let proxied: string;
  beforeAll(async () => {
    platform = await startTestPlatform({
      ...RELAXED_RATE_LIMITS,
      LOCKOUT_THRESHOLD: '3',
      LOCKOUT_BASE_SECONDS: '1',
      LOCKOUT_MAX_SECONDS: '1',
      LOCKOUT_PERMANENT_AFTER: '6',
    });
    // This gateway believes X-Forwarded-For from the test client, so each request can name its source.
    proxied = (await platform.startExtraGateway({ ...RELAXED_RATE_LIMITS, TRUSTED_PROXIES: '127.0.0.1/32' })).url;
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  const loginFrom = async (ip: string, email: string, password: string) => {
    const res = await fetch(`${proxied}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email, password }),
    });
    return { status: res.status, body: (await res.json()) as ErrorBody };
  };

  it("one source's failures lock that source for good, not the owner's login from another source", async () => {
    const user = await seed(platform).user().verified().create();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3; i++) expect((await loginFrom(ATTACKER_IP, user.email, `wrong ${round}-${i}, no`)).status).toBe(401);
      await sleep(1_200);
    }
    const attacker = await loginFrom(ATTACKER_IP, user.email, user.password);
    expect(attacker.status).toBe(423);
    expect(attacker.body.error.details?.retryAfterSeconds).toBeUndefined();

    // The temporary lock has passed: the owner, elsewhere, signs in.
    expect((await loginFrom(OWNER_IP, user.email, user.password)).status).toBe(200);
    // The attacker's source stays locked for good (a reset or an administrator lifts it).
    await sleep(1_200);
    expect((await loginFrom('203.0.113.99', user.email, user.password)).status).toBe(423);
  }, 60_000);
});
