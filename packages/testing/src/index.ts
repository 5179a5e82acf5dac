export { DEFAULT_PG_URL, DEFAULT_REDIS_URL, readTestBackends } from './environment.js';
export type { TestBackends } from './environment.js';
export { createTestDatabase, deleteRedisKeys, testRedis } from './test-database.js';
export type { TestDatabase } from './test-database.js';
export { ANONYMOUS, codes, startSubgraphHarness, userIdentity, waitFor } from './subgraph-harness.js';
export type { GraphQLResult, SubgraphHarness, SubgraphHarnessSpec } from './subgraph-harness.js';
export { gatewayAssertionKeys } from './gateway-assertion-keys.js';
export type { GatewayAssertionKeys } from './gateway-assertion-keys.js';
