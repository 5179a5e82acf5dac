// Rule (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): counters are atomic. 50 wrong passwords sent in
// parallel from one IP, or at one account, never get more tries than the budget: identity's own login counter moves
// by exactly the budget.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { loginAttempts, randomEmail } from './support/limits.js';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_IP_POINTS: '7',
    RATE_LIMIT_IP_DURATION_SECONDS: '60',
    RATE_LIMIT_IP_BURST_POINTS: '3',
    RATE_LIMIT_IP_BURST_DURATION_SECONDS: '60',
    RATE_LIMIT_LOGIN_POINTS: '5',
    RATE_LIMIT_LOGIN_DURATION_SECONDS: '60',
  });
});

afterAll(async () => {
  await platform?.close();
});

const login = (email: string, password: string, ip: string) =>
  platform.http('POST', '/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

it('grants 50 parallel logins from one IP no more than the per-IP budget (7 + burst 3)', async () => {
  const before = await loginAttempts(platform.identityUrl);
  const results = await Promise.all(Array.from({ length: 50 }, () => login(randomEmail(), 'wrong password', '203.0.113.50')));
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s === 429)).toHaveLength(40);
  expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  expect((await loginAttempts(platform.identityUrl)) - before).toBe(10);
});

it('grants 50 parallel wrong passwords at one account, from 50 IPs, no more than the per-account budget (5)', async () => {
  const user = await seed(platform).user().create();
  const before = await loginAttempts(platform.identityUrl);
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => login(user.email, `wrong password ${i}`, `198.51.100.${i + 1}`)));
  expect(results.filter((r) => r.status === 429)).toHaveLength(45);
  expect((await loginAttempts(platform.identityUrl)) - before).toBe(5);
});
