/**
 * The {@link RateLimiter} contract, run against rate-limiter-flexible's memory store (unit) and against a real
 * Redis (integration), so the in-process fallback of the embedded default behaves like production.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { AnyRedisStore } from '@cbp/redis';
import { createRateLimiter } from '../rate-limiter.js';
import type { RateLimitPolicy } from '../rate-limiter.js';

/** A store whose key prefix no other test uses. */
export type StoreUnderTest = () => { store: AnyRedisStore; keyPrefix: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeRateLimiterContract(name: string, storeUnderTest: StoreUnderTest): void {
  const limiter = (policy: Omit<RateLimitPolicy, 'name'>) => {
    const { store, keyPrefix } = storeUnderTest();
    return createRateLimiter(store, keyPrefix, { name: `t${randomBytes(3).toString('hex')}`, ...policy });
  };

  describe(`RateLimiter contract (${name})`, () => {
    it('allows exactly `points` per window, then refuses with a Retry-After within the window', async () => {
      const rl = limiter({ points: 3, durationSeconds: 60 });
      const decisions = [];
      for (let i = 0; i < 5; i++) decisions.push(await rl.consume('k'));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
      expect(decisions[3]?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(decisions[3]?.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(decisions[0]?.retryAfterSeconds).toBe(0);
    });

    it('keeps keys apart', async () => {
      const rl = limiter({ points: 1, durationSeconds: 60 });
      expect((await rl.consume('a')).allowed).toBe(true);
      expect((await rl.consume('a')).allowed).toBe(false);
      expect((await rl.consume('b')).allowed).toBe(true);
    });

    it('charges several points at once and refuses a charge larger than what is left', async () => {
      const rl = limiter({ points: 10, durationSeconds: 60 });
      expect((await rl.consume('k', 8)).allowed).toBe(true);
      expect((await rl.consume('k', 3)).allowed).toBe(false);
      expect((await rl.consume('k2', 11)).allowed).toBe(false);
    });

    it('draws on the burst allowance once the sustained budget is spent', async () => {
      const rl = limiter({ points: 2, durationSeconds: 60, burst: { points: 3, durationSeconds: 600 } });
      const allowed = [];
      for (let i = 0; i < 7; i++) allowed.push((await rl.consume('k')).allowed);
      expect(allowed).toEqual([true, true, true, true, true, false, false]);
    });

    it('charges a multi-point call across the sustained and burst buckets', async () => {
      const rl = limiter({ points: 3, durationSeconds: 60, burst: { points: 2, durationSeconds: 60 } });
      expect((await rl.consume('k', 4)).allowed).toBe(true);
      expect((await rl.consume('k', 2)).allowed).toBe(false);
    });

    it('never grants more than the budget to parallel callers (atomic)', async () => {
      const rl = limiter({ points: 7, durationSeconds: 60, burst: { points: 3, durationSeconds: 60 } });
      const decisions = await Promise.all(Array.from({ length: 50 }, () => rl.consume('k')));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    });

    it('refunds points taken, burst first, and never credits more than is held', async () => {
      const rl = limiter({ points: 2, durationSeconds: 60, burst: { points: 1, durationSeconds: 60 } });
      expect((await rl.consume('k', 3)).allowed).toBe(true);
      await rl.refund('k', 2);
      expect((await rl.consume('k', 2)).allowed).toBe(true);
      expect((await rl.consume('k')).allowed).toBe(false);

      const plain = limiter({ points: 2, durationSeconds: 60 });
      expect((await plain.consume('k')).allowed).toBe(true);
      await plain.refund('k', 5);
      expect((await plain.consume('k', 2)).allowed).toBe(true);
      expect((await plain.consume('k')).allowed).toBe(false);
    });

    it('gives the budget back when the window ends', async () => {
      const rl = limiter({ points: 1, durationSeconds: 1 });
      expect((await rl.consume('k')).allowed).toBe(true);
      const refused = await rl.consume('k');
      expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 });
      await sleep(1100);
      expect((await rl.consume('k')).allowed).toBe(true);
    });
  });
}
