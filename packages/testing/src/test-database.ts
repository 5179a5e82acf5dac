import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startEmbeddedPostgres } from '@cbp/db';
import { readTestBackends } from './environment.js';

export interface TestDatabase {
  url: string;
  /** Drops the database (or stops the embedded one). Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a fresh database on the real server (named after the run, so the
 * global teardown removes leftovers), or an in-memory PGlite when no server answered (local runs only).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const backends = readTestBackends();
  if (backends.dbMode === 'pglite') {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `${backends.runId}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: backends.pgAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(backends.pgAdminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: backends.pgAdminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A Redis URL and key prefix of its own for one test file. */
export function testRedis(): { url: string; keyPrefix: string } {
  const backends = readTestBackends();
  const keyPrefix = `${backends.runId}_${randomBytes(4).toString('hex')}:`;
  return backends.redisMode === 'redis' ? { url: backends.redisUrl, keyPrefix } : { url: `memory://${keyPrefix}`, keyPrefix };
}

/**
 * Deletes every key under `keyPrefix` on a real Redis (a no-op for the in-process adapter, which dies with the
 * process). Global teardown also sweeps the run's prefix; this lets a benchmark or a long file clean up itself.
 */
export async function deleteRedisKeys(url: string, keyPrefix: string): Promise<void> {
  if (!url.startsWith('redis')) return;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
