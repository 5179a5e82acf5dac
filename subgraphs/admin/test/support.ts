import { randomBytes } from 'node:crypto';
import { createOrm } from '@cbp/db';
import type { MikroORM } from '@cbp/db';
import { AUTH_EVENT_STREAM, makeEvent } from '@cbp/events';
import type { DomainEvent, NewDomainEvent } from '@cbp/events';
import { createLogger } from '@cbp/logging';
import type { Logger } from '@cbp/logging';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';
import { createTestDatabase, testRedis } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { loadAdminConfig } from '../src/config.js';
import type { AdminConfig } from '../src/config.js';
import { ADMIN_ENTITIES, startAdmin } from '../src/server.js';
import type { RunningAdmin } from '../src/server.js';

export const ANONYMOUS: RequestIdentity = { kind: 'anonymous' };

export function userIdentity(userId: string, scopes: string[] = []): RequestIdentity {
  return { kind: 'user', userId, sessionId: randomBytes(8).toString('hex'), roles: scopes.length > 0 ? ['admin'] : ['user'], scopes, amr: ['pwd'] };
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; details?: Record<string, unknown> } }[];
}

/** One admin service on a database and Redis prefix of this test file's own, plus the tools to poke at it. */
export interface AdminHarness {
  config: AdminConfig;
  logger: Logger;
  admin: RunningAdmin;
  /** Publishes on the stream exactly as the outbox relay does. */
  redis: RedisStore;
  /** Raw SQL access to the same database, for checks and for tampering as a superuser would. */
  orm: MikroORM;
  db: TestDatabase;
  /** Calls admin's GraphQL endpoint as the gateway would, on behalf of `identity`. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, identity?: RequestIdentity): Promise<GraphQLResult<T>>;
  /** Publishes events (made with makeEvent) and returns them. */
  publish(...inputs: (NewDomainEvent | DomainEvent)[]): Promise<DomainEvent[]>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Number of rows in the audit log. */
  count(): Promise<number>;
  /** Stops admin (not the database); `restart` starts a new admin on the same database and stream. */
  restart(): Promise<void>;
  stopAdmin(): Promise<void>;
  close(): Promise<void>;
}

export async function startAdminHarness(): Promise<AdminHarness> {
  const db = await createTestDatabase();
  const { url, keyPrefix } = testRedis();
  const logger = createLogger({ service: 'admin', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const config = loadAdminConfig({
    NODE_ENV: 'test',
    BIND_HOST: '127.0.0.1',
    ADMIN_PORT: '0',
    DATABASE_URL: db.url,
    DB_POOL_MAX: '4',
    REDIS_URL: url,
    REDIS_KEY_PREFIX: keyPrefix,
    GATEWAY_SHARED_SECRET: randomBytes(32).toString('base64url'),
    SHUTDOWN_GRACE_MS: '1000',
  });
  let admin: RunningAdmin | null = await startAdmin(config, { logger });
  const redis = createRedisStore({ url, keyPrefix });
  const orm = await createOrm({ url: db.url, schema: 'admin', entities: ADMIN_ENTITIES, migrations: [], poolMax: 4 });

  const harness: AdminHarness = {
    config,
    logger,
    db,
    redis,
    orm,
    get admin(): RunningAdmin {
      if (!admin) throw new Error('admin is stopped');
      return admin;
    },
    async graphql<T>(query: string, variables: Record<string, unknown> = {}, identity: RequestIdentity = ANONYMOUS) {
      const assertion = await signGatewayAssertion(config.GATEWAY_SHARED_SECRET, { identity, meta: { requestId: randomBytes(8).toString('hex'), ip: '127.0.0.1', userAgent: 'jest' } });
      const response = await fetch(`${harness.admin.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLResult<T>, 'status'>) };
    },
    async publish(...inputs) {
      const events = inputs.map((input) => ('id' in input && 'occurredAt' in input ? (input as DomainEvent) : makeEvent(input)));
      for (const event of events) await redis.streams.add(AUTH_EVENT_STREAM, { id: event.id, type: event.type, event: JSON.stringify(event) });
      return events;
    },
    sql<T>(query: string, params: unknown[] = []) {
      return orm.em.getConnection().execute<T[]>(query, params);
    },
    async count() {
      const rows = await harness.sql<{ n: number }>('select count(*)::int as n from "admin"."audit_log"');
      return rows[0]?.n ?? 0;
    },
    async stopAdmin() {
      await admin?.close();
      admin = null;
    },
    async restart() {
      await harness.stopAdmin();
      admin = await startAdmin(config, { logger });
    },
    async close() {
      await harness.stopAdmin();
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

export function codes(result: GraphQLResult): (string | undefined)[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
