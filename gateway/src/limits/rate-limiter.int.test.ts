// The RateLimiter contract on a real Redis (RateLimiterRedis over the gateway store's ioredis client).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createRedisStore } from '@cbp/redis';
import type { AnyRedisStore } from '@cbp/redis';
import { testRedis } from '@cbp/testing';
import { createRateLimiter } from './rate-limiter.js';
import { describeRateLimiterContract } from './contract/rate-limiter.contract.js';

const redis = testRedis();
const store = createRedisStore({ url: redis.url, keyPrefix: redis.keyPrefix });

beforeAll(async () => {
  await store.ping();
});
afterAll(async () => {
  if (store.kind === 'redis') {
    const keys = await store.ioredisClient().keys(`${redis.keyPrefix}*`);
    if (keys.length > 0) await store.ioredisClient().del(...keys);
  }
  await store.close();
});

it('runs on the real Redis, not the memory fallback', () => {
  expect(store.kind).toBe(process.env.CBP_TEST_REDIS_MODE === 'memory' ? 'in-process' : 'redis');
});

it('keeps its counters under <REDIS_KEY_PREFIX>rl:<name>', async () => {
  if (store.kind !== 'redis') return;
  await createRateLimiter(store as AnyRedisStore, redis.keyPrefix, { name: 'probe', points: 1, durationSeconds: 60 }).consume('key');
  expect(await store.ioredisClient().keys(`${redis.keyPrefix}rl:probe*`)).toHaveLength(1);
});

describeRateLimiterContract('redis', () => ({ store, keyPrefix: `${redis.keyPrefix}t${randomBytes(4).toString('hex')}:` }));
