// Removes every database and Redis key the run created, even when a test file forgot to.
import { Redis } from 'ioredis';
import pg from 'pg';

export default async function globalTeardown() {
  const runId = process.env.CBP_TEST_RUN_ID;
  if (!runId) return;
  if (process.env.CBP_TEST_DB_MODE === 'postgres') {
    const client = new pg.Client({ connectionString: process.env.CBP_TEST_PG_ADMIN_URL });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runId}%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  if (process.env.CBP_TEST_REDIS_MODE === 'redis') {
    const redis = new Redis(process.env.CBP_TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${runId}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
