import { randomBytes } from 'node:crypto';
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
