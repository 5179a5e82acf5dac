// Rule (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): the limits hold across gateway processes. Two
// gateways on one Redis (same REDIS_KEY_PREFIX) share each budget: calls spread over both get no more than the budget
// of one.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomEmail } from './support/limits.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let second: { url: string };

beforeAll(async () => {
  platform = await startTestPlatform({
    RATE_LIMIT_IP_POINTS: '4',
    RATE_LIMIT_IP_DURATION_SECONDS: '60',
    RATE_LIMIT_IP_BURST_POINTS: '2',
    RATE_LIMIT_IP_BURST_DURATION_SECONDS: '60',
  });
  second = await platform.startExtraGateway();
});

afterAll(async () => {
  await platform?.close();
});

const wrongLogin = async (base: string) =>
  (
    await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: randomEmail(), password: 'nope' }),
    })
  ).status;

it('runs two distinct gateway processes', () => {
  expect(second.url).not.toBe(platform.gatewayUrl);
});

it('gives calls alternating between two gateways one combined per-IP budget (4 + burst 2)', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push(await wrongLogin(i % 2 === 0 ? platform.gatewayUrl : second.url));
  expect(statuses.filter((s) => s === 401)).toHaveLength(6);
  expect(statuses.slice(6)).toEqual([429, 429, 429, 429]);
  // Both gateways now refuse this IP.
  expect(await wrongLogin(platform.gatewayUrl)).toBe(429);
  expect(await wrongLogin(second.url)).toBe(429);
});
