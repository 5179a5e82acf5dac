// The RateLimiter contract on the in-process store (the embedded default): rate-limiter-flexible's memory limiter.
import { randomBytes } from 'node:crypto';
import { afterAll } from '@jest/globals';
import { InProcessRedisStore } from '@cbp/redis';
import { describeRateLimiterContract } from './contract/rate-limiter.contract.js';

const store = new InProcessRedisStore({ keyPrefix: 'test:' });
afterAll(async () => {
  await store.close();
});

describeRateLimiterContract('memory', () => ({ store, keyPrefix: `t${randomBytes(4).toString('hex')}:` }));
