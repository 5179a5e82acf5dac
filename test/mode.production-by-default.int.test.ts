// With NODE_ENV unset, a service started through its own entry point (containers, `npm run start:services`) runs
// in production: no open introspection, no development mailbox logging reset links in clear.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, gatewayAssertionKeys, testRedis } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { cleanEnv, runTs } from './support.js';
import type { Spawned } from './support.js';

const keys = gatewayAssertionKeys();
const running: Spawned[] = [];
let db: TestDatabase | undefined;

afterAll(async () => {
  for (const run of running) {
    run.child.kill('SIGTERM');
    await run.exited;
  }
  await db?.drop();
});

describe('NODE_ENV unset: a service entry point runs in production', () => {
  it('identity refuses to start without SMTP (no development mailbox logging links in clear)', async () => {
    const run = runTs(
      'subgraphs/identity/src/main.ts',
      cleanEnv({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
        REDIS_URL: 'redis://127.0.0.1:6379',
        GATEWAY_ASSERTION_PUBLIC_KEY: keys.publicKey,
        KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SESSION_CACHE_MAC_KEY: randomBytes(32).toString('base64url'),
      }),
    );
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toMatch(/^identity: invalid configuration: .*SMTP_URL is required \(is required when NODE_ENV=production\)/m);
  }, 60_000);

  it('the gateway says so at start and refuses introspection to an anonymous caller', async () => {
    db = await createTestDatabase();
    const redis = testRedis();
    const run = runTs(
      'gateway/src/main.ts',
      cleanEnv({
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: redis.keyPrefix,
        GATEWAY_PORT: '0',
        GATEWAY_ASSERTION_PRIVATE_KEY: keys.privateKey,
        SESSION_CACHE_MAC_KEY: randomBytes(32).toString('base64url'),
        // Nothing listens there: introspection is refused before any subgraph is asked.
        IDENTITY_URL: 'http://127.0.0.1:9/graphql',
        ADMIN_URL: 'http://127.0.0.1:9/graphql',
        ANALYTICS_URL: 'http://127.0.0.1:9/graphql',
        LOG_FORMAT: 'json',
      }),
    );
    running.push(run);
    await run.waitFor(/"msg":"mode: production \(GraphQL introspection for admins only/);
    const [, url] = await run.waitFor(/(http:\/\/127\.0\.0\.1:\d+)/);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length ?? 0).toBeGreaterThan(0);
  }, 90_000);
});
