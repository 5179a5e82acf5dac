import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AnyRedisStore } from '@cbp/redis';

/** The outcome of one `consume`. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until enough points are back (≥ 1 when refused, 0 when allowed): the `Retry-After` value. */
  retryAfterSeconds: number;
}

/**
 * A fixed-window budget of points per key, shared by every process that uses the same store.
 */
export interface RateLimiter {
  /**
   * Takes `points` from `key`'s budget atomically (one Redis round trip; parallel callers never overspend it).
   * Side effect: points are taken even when the answer is "refused", so hammering a closed door keeps it closed.
   * @throws Error when the store cannot be reached; the caller decides whether to fail open or closed.
   */
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  /**
   * Gives back `points` taken by an allowed `consume` of `key` (a call assumed to fail that succeeded). Never gives
   * back more than is held: a refund after the window ended, or after refused calls, is lost, never a credit.
   * @throws Error when the store cannot be reached.
   */
  refund(key: string, points?: number): Promise<void>;
}

/** `points` per `durationSeconds`, optionally with a second, slower bucket drawn on once the first is empty. */
export interface RateLimitPolicy {
  /** Part of the key: `<REDIS_KEY_PREFIX>rl:<name>:<key>`. */
  name: string;
  points: number;
  durationSeconds: number;
  burst?: { points: number; durationSeconds: number };
}

type Bucket = Pick<RateLimiterAbstract, 'consume' | 'reward' | 'get' | 'points'>;

/** A {@link RateLimiter} on rate-limiter-flexible (Redis when the store is Redis, its memory store otherwise). */
export class FlexibleRateLimiter implements RateLimiter {
  private readonly limiter: Bucket | BurstyRateLimiter;

  constructor(
    private readonly main: Bucket,
    private readonly burst?: Bucket,
  ) {
    this.limiter = burst ? new BurstyRateLimiter(main as RateLimiterAbstract, burst as RateLimiterAbstract) : main;
  }

  async consume(key: string, points = 1): Promise<RateLimitDecision> {
    try {
      if (this.limiter instanceof BurstyRateLimiter) {
        // BurstyRateLimiter takes a whole charge from one bucket or the other, so 4 points would not fit 3 + 2.
        // Point by point, each step is still one atomic Redis call; a refusal stops the charge.
        for (let i = 0; i < points; i++) await this.limiter.consume(key, 1);
      } else {
        await this.limiter.consume(key, points);
      }
      return { allowed: true, retryAfterSeconds: 0 };
    } catch (rejection) {
      // rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, with an Error when the store failed.
      if (rejection instanceof RateLimiterRes)
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      throw rejection instanceof Error ? rejection : new Error(String(rejection));
    }
  }

  async refund(key: string, points = 1): Promise<void> {
    // A point spilled into the burst bucket only once the sustained one was spent: give the burst back first.
    const left = this.burst ? points - (await refundBucket(this.burst, key, points)) : points;
    if (left > 0) await refundBucket(this.main, key, left);
  }
}

/**
 * Gives up to `points` back to one bucket; returns how many it held. A counter past the bucket's size only counts
 * refused calls (they change nothing but the count), so it is brought back to the size minus what is refunded.
 */
async function refundBucket(bucket: Bucket, key: string, points: number): Promise<number> {
  const consumed = (await bucket.get(key))?.consumedPoints ?? 0;
  const held = Math.min(points, Math.max(0, Math.min(consumed, bucket.points)));
  const reward = consumed - (Math.min(consumed, bucket.points) - held);
  if (reward > 0) await bucket.reward(key, reward);
  return held;
}

/** In-process limiters by store, so two gateways on one `memory://<name>` store share budgets like on Redis. */
const memoryLimiters = new WeakMap<object, Map<string, RateLimiterMemory>>();

function memoryLimiter(store: object, keyPrefix: string, points: number, duration: number): RateLimiterMemory {
  let byKey = memoryLimiters.get(store);
  if (!byKey) memoryLimiters.set(store, (byKey = new Map()));
  const id = `${keyPrefix}|${points}|${duration}`;
  let limiter = byKey.get(id);
  if (!limiter) byKey.set(id, (limiter = new RateLimiterMemory({ keyPrefix, points, duration })));
  return limiter;
}

function bucket(store: AnyRedisStore, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  if (store.kind === 'redis') {
    // rejectIfRedisNotReady: a down Redis answers at once with an Error instead of queueing the request.
    return new RateLimiterRedis({ storeClient: store.ioredisClient(), keyPrefix, points, duration, rejectIfRedisNotReady: true });
  }
  return memoryLimiter(store, keyPrefix, points, duration);
}

/**
 * Builds the limiter of `policy` on `store` under `<keyPrefix>rl:<policy.name>` (keyPrefix is REDIS_KEY_PREFIX;
 * rate-limiter-flexible keys are its own, so they do not go through the store's own prefixing).
 */
export function createRateLimiter(store: AnyRedisStore, keyPrefix: string, policy: RateLimitPolicy): RateLimiter {
  const prefix = `${keyPrefix}rl:${policy.name}`;
  const main = bucket(store, prefix, policy.points, policy.durationSeconds);
  if (!policy.burst) return new FlexibleRateLimiter(main);
  const burst = bucket(store, `${prefix}:burst`, policy.burst.points, policy.burst.durationSeconds);
  return new FlexibleRateLimiter(main, burst);
}
