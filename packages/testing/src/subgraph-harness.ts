import { randomBytes } from 'node:crypto';
import { AUTH_EVENT_STREAM } from '@cbp/contracts';
import { createOrm } from '@cbp/db';
import type { CreateOrmOptions, MikroORM } from '@cbp/db';
import { makeEvent } from '@cbp/events';
import type { DomainEvent, NewDomainEvent } from '@cbp/events';
import { createLogger } from '@cbp/logging';
import type { Logger } from '@cbp/logging';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import { GATEWAY_ASSERTION_HEADER, REQUEST_ID_HEADER, signGatewayAssertion } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';
import { gatewayAssertionKeys } from './gateway-assertion-keys.js';
import type { GatewayAssertionKeys } from './gateway-assertion-keys.js';
import { createTestDatabase, testRedis } from './test-database.js';
import type { TestDatabase } from './test-database.js';

export const ANONYMOUS: RequestIdentity = { kind: 'anonymous' };

/** A signed-in caller holding `scopes` (a made-up session: subgraphs trust the gateway's assertion). */
export function userIdentity(userId: string, scopes: string[] = [], role = 'admin'): RequestIdentity {
  return {
    kind: 'user',
    userId,
    sessionId: randomBytes(8).toString('hex'),
    roles: scopes.length > 0 ? [role] : ['user'],
    scopes,
    amr: ['pwd'],
  };
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

interface RunningService {
  url: string;
  close(): Promise<void>;
}

/** How to start one subgraph for a test: its config loader, start function, Postgres schema and port variable. */
export interface SubgraphHarnessSpec<C extends { GATEWAY_ASSERTION_PUBLIC_KEY: string }, R extends RunningService> {
  service: string;
  schema: string;
  portVariable: string;
  entities: CreateOrmOptions['entities'];
  loadConfig(env: Record<string, string>): C;
  start(config: C, options: { logger: Logger }): Promise<R>;
  /** SQL returning one row `{ n }`: how many events the service has stored (for `count()`). */
  countSql: string;
}

/** One subgraph on a database and Redis prefix of the test file's own, called as the gateway would call it. */
export interface SubgraphHarness<C, R> {
  config: C;
  /** The key pair the harness plays the gateway with (the service has the public key). */
  assertionKeys: GatewayAssertionKeys;
  logger: Logger;
  /** The running service (throws while stopped). */
  readonly service: R;
  /** Publishes on the stream exactly as the outbox relay does. */
  redis: RedisStore;
  /** Raw SQL access to the same database, for checks and for tampering as a superuser would. */
  orm: MikroORM;
  db: TestDatabase;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    identity?: RequestIdentity,
  ): Promise<GraphQLResult<T>>;
  /** Publishes events (made with makeEvent) and returns them. */
  publish(...inputs: (NewDomainEvent | DomainEvent)[]): Promise<DomainEvent[]>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  count(): Promise<number>;
  /** Stops the service (not the database); `restart` starts a new one on the same database and stream. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startSubgraphHarness<C extends { GATEWAY_ASSERTION_PUBLIC_KEY: string }, R extends RunningService>(
  spec: SubgraphHarnessSpec<C, R>,
): Promise<SubgraphHarness<C, R>> {
  const db = await createTestDatabase();
  const { url, keyPrefix } = testRedis();
  const logger = createLogger({ service: spec.service, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const assertionKeys = gatewayAssertionKeys();
  const config = spec.loadConfig({
    NODE_ENV: 'test',
    BIND_HOST: '127.0.0.1',
    [spec.portVariable]: '0',
    DATABASE_URL: db.url,
    DB_POOL_MAX: '4',
    REDIS_URL: url,
    REDIS_KEY_PREFIX: keyPrefix,
    GATEWAY_ASSERTION_PUBLIC_KEY: assertionKeys.publicKey,
    // Admin's audit chain key; other services ignore it.
    AUDIT_CHAIN_KEY: randomBytes(32).toString('base64url'),
    SHUTDOWN_GRACE_MS: '1000',
  });
  let running: R | null = await spec.start(config, { logger });
  const redis = createRedisStore({ url, keyPrefix });
  const orm = await createOrm({ url: db.url, schema: spec.schema, entities: spec.entities, migrations: [], poolMax: 4 });

  const harness: SubgraphHarness<C, R> = {
    config,
    assertionKeys,
    logger,
    db,
    redis,
    orm,
    get service(): R {
      if (!running) throw new Error(`${spec.service} is stopped`);
      return running;
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}, identity: RequestIdentity = ANONYMOUS) {
      const requestId = randomBytes(8).toString('hex');
      const assertion = await signGatewayAssertion(assertionKeys.signingKey, spec.service, {
        identity,
        meta: { requestId, ip: '127.0.0.1', userAgent: 'jest' },
      });
      const response = await fetch(`${harness.service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion, [REQUEST_ID_HEADER]: requestId },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResult<T>, 'status'>) };
    },
    async publish(...inputs) {
      const events = inputs.map((input) => ('id' in input && 'occurredAt' in input ? (input as DomainEvent) : makeEvent(input)));
      for (const event of events)
        await redis.streams.add(AUTH_EVENT_STREAM, { id: event.id, type: event.type, event: JSON.stringify(event) });
      return events;
    },
    sql<T>(query: string, params: unknown[] = []) {
      return orm.em.getConnection().execute<T[]>(query, params);
    },
    async count() {
      const rows = await harness.sql<{ n: number }>(spec.countSql);
      return Number(rows[0]?.n ?? 0);
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async restart() {
      await harness.stop();
      running = await spec.start(config, { logger });
    },
    async close() {
      await harness.stop();
      await redis.close();
      await orm.close(true);
      await db.drop();
    },
  };
  return harness;
}

/** Polls `probe` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The `extensions.code` of each error of a GraphQL result. */
export function codes(result: GraphQLResult): (string | undefined)[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
