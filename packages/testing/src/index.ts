export { DEFAULT_PG_URL, DEFAULT_REDIS_URL, readTestBackends } from './environment.js';
export type { TestBackends } from './environment.js';
export { postgresAnswers, redisAnswers } from './probe.js';
export { createTestDatabase, testRedis } from './test-database.js';
export type { TestDatabase } from './test-database.js';
