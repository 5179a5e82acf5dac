// Least privilege in PostgreSQL (docs/design.md §3 (Data ownership)): the compose init script's roles and the
// grants `npm run migrate` applies, on a fresh database of the real server. Role names carry a random suffix so
// parallel runs never collide; they are dropped afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createOrm, migrate, serviceGrantsSql } from '@cbp/db';
import type { CreateOrmOptions, MigrationEntry, ServiceRoles } from '@cbp/db';
import { createTestDatabase, gatewayAssertionKeys, readTestBackends, testRedis } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { loadAdminConfig } from '../subgraphs/admin/src/config.js';
import { startAdmin } from '../subgraphs/admin/src/server.js';
import { loadAnalyticsConfig } from '../subgraphs/analytics/src/config.js';
import { startAnalytics } from '../subgraphs/analytics/src/server.js';
import { loadIdentityConfig } from '../subgraphs/identity/src/config.js';
import { startIdentity } from '../subgraphs/identity/src/server.js';
import { adminMigrations } from '../subgraphs/admin/src/migrations/index.js';
import { ADMIN_ENTITIES } from '../subgraphs/admin/src/server.js';
import { analyticsMigrations } from '../subgraphs/analytics/src/migrations/index.js';
import { ANALYTICS_ENTITIES } from '../subgraphs/analytics/src/server.js';
import { identityMigrations } from '../subgraphs/identity/src/migrations/index.js';
import { IDENTITY_ENTITIES } from '../subgraphs/identity/src/server.js';

const ROLES_PSQL = path.join(path.dirname(fileURLToPath(import.meta.url)), '../infra/postgres/initdb/service-roles.psql');
const realServer = readTestBackends().dbMode === 'postgres';
const suffix = randomBytes(4).toString('hex');
const roles: ServiceRoles & { migrator: string } = {
  migrator: `cbp_t${suffix}_migrator`,
  identity: `cbp_t${suffix}_identity`,
  admin: `cbp_t${suffix}_admin`,
  analytics: `cbp_t${suffix}_analytics`,
  gateway: `cbp_t${suffix}_gateway`,
};
const services: { schema: 'identity' | 'admin' | 'analytics'; entities: CreateOrmOptions['entities']; migrations: MigrationEntry[] }[] = [
  { schema: 'identity', entities: IDENTITY_ENTITIES, migrations: identityMigrations },
  { schema: 'admin', entities: ADMIN_ENTITIES, migrations: adminMigrations },
  { schema: 'analytics', entities: ANALYTICS_ENTITIES, migrations: analyticsMigrations },
];

let db: TestDatabase;
const clients = new Map<string, pg.Client>();

function urlAs(role: string): string {
  const url = new URL(db.url);
  url.username = role;
  url.password = `pw-${role}`;
  return url.toString();
}

/** A connection as `role` (one per role, reused). */
async function as(role: string): Promise<pg.Client> {
  let client = clients.get(role);
  if (!client) {
    client = new pg.Client({ connectionString: urlAs(role) });
    await client.connect();
    clients.set(role, client);
  }
  return client;
}

/** The error text `sql` fails with as `role`, or `ok`. */
async function attempt(role: string, sql: string): Promise<string> {
  const client = await as(role);
  try {
    await client.query(sql);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}

/** The tables of `schema` other than the migrations' bookkeeping. */
async function tablesOf(schema: string): Promise<string[]> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by 1`,
      [schema],
    );
    return rows.map((r) => r.name);
  } finally {
    await admin.end();
  }
}

const denied = /permission denied|must be owner/;

(realServer ? describe : describe.skip)('database roles (one per service; the migrator owns)', () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    const args = ['-X', '-q', '-d', db.url, '-f', ROLES_PSQL, '-v', `db=${new URL(db.url).pathname.slice(1)}`];
    for (const [name, role] of Object.entries(roles)) args.push('-v', `${name}_role=${role}`, '-v', `${name}_password=pw-${role}`);
    const init = spawnSync('psql', args, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`service-roles.psql failed: ${init.stderr}`);
    // The migrations run as the migrator, exactly as compose's `migrate` does; then the grants, in one transaction.
    for (const service of services) {
      const orm = await createOrm({ url: urlAs(roles.migrator), ...service, poolMax: 1 });
      try {
        await migrate(orm);
      } finally {
        await orm.close(true);
      }
    }
    const migrator = await as(roles.migrator);
    await migrator.query('begin');
    for (const statement of serviceGrantsSql(roles)) await migrator.query(statement);
    await migrator.query('commit');
  }, 120_000);

  afterAll(async () => {
    for (const client of clients.values()) await client.end().catch(() => undefined);
    if (!db) return;
    await db.drop();
    const admin = new pg.Client({ connectionString: readTestBackends().pgAdminUrl });
    await admin.connect();
    try {
      for (const role of Object.values(roles)) await admin.query(`drop role if exists "${role}"`);
    } finally {
      await admin.end();
    }
  });

  it('the grants can be applied again (each migration run re-applies them)', async () => {
    const migrator = await as(roles.migrator);
    await migrator.query('begin');
    for (const statement of serviceGrantsSql(roles)) await migrator.query(statement);
    await migrator.query('commit');
    expect(await attempt(roles.gateway, 'select count(*) from identity.session_principals')).toBe('ok');
  });

  it('the gateway reads identity.session_principals and nothing else', async () => {
    expect(
      await attempt(
        roles.gateway,
        'select session_id, user_id, expires_at, revoked, amr, roles, scopes from identity.session_principals limit 1',
      ),
    ).toBe('ok');
    expect(await attempt(roles.gateway, 'select * from identity.users limit 1')).toMatch(/permission denied for table users/);
    expect(await attempt(roles.gateway, 'select * from identity.sessions limit 1')).toMatch(denied);
    expect(await attempt(roles.gateway, 'select * from admin.audit_log limit 1')).toMatch(denied);
    expect(await attempt(roles.gateway, 'select * from analytics.auth_events limit 1')).toMatch(denied);
    expect(await attempt(roles.gateway, 'create table public.foothold (x int)')).toMatch(denied);
    expect(await attempt(roles.gateway, 'create temporary table foothold (x int)')).toMatch(denied);
  });

  it("admin's runtime role appends to and reads the audit log but cannot change it, disable its trigger or take it over", async () => {
    expect(await attempt(roles.admin, 'insert into admin.audit_log select * from admin.audit_log where false')).toBe('ok');
    expect(await attempt(roles.admin, 'select count(*) from admin.audit_log')).toBe('ok');
    // `where false`: the privilege check comes first, so these fail on the grant, not on the append-only trigger.
    expect(await attempt(roles.admin, 'update admin.audit_log set type = type where false')).toMatch(
      /permission denied for table audit_log/,
    );
    expect(await attempt(roles.admin, 'delete from admin.audit_log where false')).toMatch(/permission denied for table audit_log/);
    expect(await attempt(roles.admin, 'truncate admin.audit_log')).toMatch(/permission denied for table audit_log/);
    expect(await attempt(roles.admin, 'alter table admin.audit_log disable trigger audit_log_append_only')).toMatch(/must be owner/);
    expect(await attempt(roles.admin, 'alter table admin.audit_log disable trigger all')).toMatch(/must be owner/);
    expect(await attempt(roles.admin, 'drop trigger audit_log_append_only on admin.audit_log')).toMatch(/must be owner/);
    expect(
      await attempt(
        roles.admin,
        'create or replace function admin.audit_log_refuse_change() returns trigger language plpgsql as $$ begin return null; end $$',
      ),
    ).toMatch(denied);
    expect(await attempt(roles.admin, `set session_replication_role = replica`)).toMatch(denied);
  });

  it('each subgraph role works in its own schema only', async () => {
    expect(await attempt(roles.identity, 'select * from admin.audit_log limit 1')).toMatch(/permission denied for schema admin/);
    expect(await attempt(roles.identity, 'insert into admin.audit_log select * from admin.audit_log where false')).toMatch(denied);
    expect(await attempt(roles.identity, 'select * from analytics.auth_events limit 1')).toMatch(denied);
    expect(await attempt(roles.admin, 'select * from identity.users limit 1')).toMatch(denied);
    expect(await attempt(roles.analytics, 'select * from identity.users limit 1')).toMatch(denied);
    expect(await attempt(roles.analytics, 'select * from admin.audit_log limit 1')).toMatch(denied);
    for (const role of [roles.identity, roles.admin, roles.analytics]) {
      expect({ role, result: await attempt(role, 'create table public.foothold (x int)') }).toEqual({
        role,
        result: expect.stringMatching(denied),
      });
    }
    // Nor may they change their own schema's shape or its migration history: that is the migrator's.
    expect(await attempt(roles.identity, 'create table identity.foothold (x int)')).toMatch(denied);
    expect(await attempt(roles.identity, 'drop table identity.users')).toMatch(/must be owner/);
    expect(await attempt(roles.identity, 'delete from identity.mikro_orm_migrations where false')).toMatch(denied);
  });

  it('each subgraph role reads and writes every table of its schema (its normal operations)', async () => {
    for (const service of services) {
      const role = roles[service.schema];
      for (const table of await tablesOf(service.schema)) {
        const appendOnly = service.schema === 'admin' && table === 'audit_log';
        const statements = [
          `select * from ${service.schema}.${table} limit 1`,
          `insert into ${service.schema}.${table} select * from ${service.schema}.${table} where false`,
          ...(appendOnly
            ? []
            : [
                `update ${service.schema}.${table} set ${await firstColumn(service.schema, table)} = ${await firstColumn(service.schema, table)} where false`,
                `delete from ${service.schema}.${table} where false`,
              ]),
        ];
        for (const sql of statements)
          expect({ role: service.schema, sql, result: await attempt(role, sql) }).toEqual({ role: service.schema, sql, result: 'ok' });
      }
    }
    // Advisory locks (the audit chain, the outbox relay) need no grant.
    expect(await attempt(roles.admin, `select pg_advisory_xact_lock(hashtextextended('cbp.admin.audit_log.chain', 0))`)).toBe('ok');
  });

  it('identity, admin and analytics start without migrating (the migrator did) and report ready', async () => {
    const redis = testRedis();
    const common = {
      NODE_ENV: 'test',
      BIND_HOST: '127.0.0.1',
      DB_MIGRATE_ON_START: 'false',
      DB_POOL_MAX: '2',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix,
      GATEWAY_ASSERTION_PUBLIC_KEY: gatewayAssertionKeys().publicKey,
      SHUTDOWN_GRACE_MS: '0',
      LOG_LEVEL: 'silent',
    };
    const started = [
      // identity creates its first signing key at start: an INSERT through the ORM as its role.
      await startIdentity(
        loadIdentityConfig({
          ...common,
          IDENTITY_PORT: '0',
          DATABASE_URL: urlAs(roles.identity),
          KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        }),
      ),
      await startAnalytics(loadAnalyticsConfig({ ...common, ANALYTICS_PORT: '0', DATABASE_URL: urlAs(roles.analytics) })),
      await startAdmin(
        loadAdminConfig({
          ...common,
          ADMIN_PORT: '0',
          DATABASE_URL: urlAs(roles.admin),
          AUDIT_CHAIN_KEY: randomBytes(32).toString('base64url'),
          IDENTITY_URL: 'http://127.0.0.1:9/graphql',
          ANALYTICS_URL: 'http://127.0.0.1:9/graphql',
        }),
      ),
    ];
    try {
      for (const service of started) {
        const response = await fetch(`${service.url}/readyz`);
        expect({ url: service.url, status: response.status }).toEqual({ url: service.url, status: 200 });
      }
    } finally {
      for (const service of started) await service.close();
    }
  }, 60_000);
});

async function firstColumn(schema: string, table: string): Promise<string> {
  const client = await as(roles.migrator);
  const { rows } = await client.query<{ name: string }>(
    'select column_name as name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position limit 1',
    [schema, table],
  );
  return `"${rows[0]?.name ?? ''}"`;
}
