/**
 * What the integration tests run against, decided once per run by global-setup and handed to the workers
 * through environment variables (workers are spawned after global setup and inherit them).
 */
export interface TestBackends {
  runId: string;
  /** `postgres`: a real server, one database per test file. `pglite`: an in-memory PGlite per test file. */
  dbMode: 'postgres' | 'pglite';
  /** A maintenance connection to the real server (only in `postgres` mode). */
  pgAdminUrl: string;
  /** `redis`: the real server with a per-test key prefix. `memory`: the in-process adapter. */
  redisMode: 'redis' | 'memory';
  redisUrl: string;
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function readTestBackends(): TestBackends {
  const runId = process.env.CBP_TEST_RUN_ID;
  if (!runId) throw new Error('CBP_TEST_RUN_ID is not set: run integration tests through jest (global-setup sets it).');
  return {
    runId,
    dbMode: process.env.CBP_TEST_DB_MODE === 'pglite' ? 'pglite' : 'postgres',
    pgAdminUrl: process.env.CBP_TEST_PG_ADMIN_URL ?? DEFAULT_PG_URL,
    redisMode: process.env.CBP_TEST_REDIS_MODE === 'memory' ? 'memory' : 'redis',
    redisUrl: process.env.CBP_TEST_REDIS_URL ?? DEFAULT_REDIS_URL,
  };
}
