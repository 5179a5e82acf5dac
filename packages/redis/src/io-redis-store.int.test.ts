// Runs the RedisStore contract against a real Redis. A Redis that does not answer fails this file loudly
// (with CI=true and without): whether integration tests run at all is decided before jest starts them.
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { waitFor } from './contract/contract-context.js';
import { describeRedisStoreContract } from './contract/redis-store.contract.js';
import { IoRedisStore } from './io-redis-store.js';
import { createRedisStore } from './redis-store.factory.js';

// The server global setup found (or the local one); a memory:// REDIS_URL is no server to test against.
const url =
  process.env.CBP_TEST_REDIS_URL ?? (process.env.REDIS_URL?.startsWith('redis') ? process.env.REDIS_URL : 'redis://127.0.0.1:6379');
// Global setup chose the in-process adapter because no Redis answered (never with CI=true, where that fails the
// run): there is no server to hold this adapter to, and the run's summary says so.
const noServer = process.env.CBP_TEST_REDIS_MODE === 'memory' && process.env.CI !== 'true';

async function connectOrFail(): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  let cause: unknown;
  // The socket error (ECONNREFUSED, ENOTFOUND…) says more than the "Connection is closed" the command gets.
  client.on('error', (error: unknown) => {
    cause = error;
  });
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    const why =
      process.env.CI === 'true' ? 'CI=true requires a real Redis' : 'start one (docker compose up -d redis) or leave integration tests out';
    cause ??= error;
    throw new Error(`Redis at ${new URL(url).host} did not answer PING (${String(cause)}); ${why}.`, { cause });
  }
}

if (noServer) {
  describe('IoRedisStore', () => {
    it.skip('needs a real Redis (none answered; this run uses the in-process adapter)', () => undefined);
  });
} else {
  // Top-level: a dead server fails the whole file before any test, instead of failing fifty tests one by one.
  const admin = await connectOrFail();

  afterAll(async () => {
    await admin.quit();
  });

  async function deleteUnder(prefix: string): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await admin.del(...keys);
    } while (cursor !== '0');
  }

  describeRedisStoreContract('ioredis', async (keyPrefix) => new IoRedisStore({ url, keyPrefix }), deleteUnder);

  describe('IoRedisStore', () => {
    const prefix = `cbp_t_io_${process.pid}_${Date.now().toString(36)}:`;

    afterAll(async () => {
      await deleteUnder(prefix);
    });

    it('writes keys, streams and channels under its prefix on the server', async () => {
      const store = createRedisStore({ url, keyPrefix: prefix });
      try {
        expect(store.kind).toBe('redis');
        await store.set('k', 'v');
        await store.streams.add('s', { a: '1' });
        expect(await admin.get(`${prefix}k`)).toBe('v');
        expect(await admin.xlen(`${prefix}s`)).toBe(1);
        const listener = admin.duplicate();
        const received: string[] = [];
        listener.on('message', (_channel: string, message: string) => received.push(message));
        await listener.subscribe(`${prefix}ch`);
        await store.publish('ch', 'hello');
        await waitFor(() => received.length > 0);
        expect(received).toEqual(['hello']);
        listener.disconnect();
      } finally {
        await store.close();
      }
    });

    it('exposes the raw, unprefixed ioredis client', async () => {
      const store = createRedisStore({ url, keyPrefix: prefix });
      try {
        if (store.kind !== 'redis') throw new Error('expected the ioredis store');
        await store.ioredisClient().set(`${prefix}raw`, 'x');
        expect(await store.get('raw')).toBe('x');
      } finally {
        await store.close();
      }
    });

    it('fails commands fast when the server is unreachable', async () => {
      // disconnectTimeout: ioredis otherwise keeps a 2 s timer for the already-dead socket after close().
      const store = new IoRedisStore({ url: 'redis://127.0.0.1:1', keyPrefix: prefix, redisOptions: { disconnectTimeout: 10 } });
      const started = Date.now();
      try {
        await expect(store.ping()).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        await store.close();
      }
    });
  });
}
