// `npm run migrate`: applies every service's pending migrations to DATABASE_URL (or the embedded database), then,
// when DB_ROLE_IDENTITY, DB_ROLE_ADMIN, DB_ROLE_ANALYTICS and DB_ROLE_GATEWAY name the runtime roles, grants each
// exactly its share (docs/design.md §3 (Data ownership)). DATABASE_URL is then the migration (owner) role.
// Also the compose `migrate` service (a one-shot before the subgraphs start). A PostgreSQL advisory lock makes
// concurrent runs (two replicas, a deploy overlapping a restart) take turns: the second finds nothing to apply.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createOrm, migrate, serviceGrantsSql, serviceRolesFromEnv } from '@cbp/db';
import type { CreateOrmOptions, MigrationEntry } from '@cbp/db';
import { identityMigrations } from '../subgraphs/identity/src/migrations/index.js';
import { IDENTITY_ENTITIES } from '../subgraphs/identity/src/server.js';
import { adminMigrations } from '../subgraphs/admin/src/migrations/index.js';
import { ADMIN_ENTITIES } from '../subgraphs/admin/src/server.js';
import { analyticsMigrations } from '../subgraphs/analytics/src/migrations/index.js';
import { ANALYTICS_ENTITIES } from '../subgraphs/analytics/src/server.js';
import { ROOT, resolveBackends } from './platform.js';

const envFile = path.join(ROOT, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const services: { schema: string; entities: CreateOrmOptions['entities']; migrations: MigrationEntry[] }[] = [
  { schema: 'identity', entities: IDENTITY_ENTITIES, migrations: identityMigrations },
  { schema: 'admin', entities: ADMIN_ENTITIES, migrations: adminMigrations },
  { schema: 'analytics', entities: ANALYTICS_ENTITIES, migrations: analyticsMigrations },
];

/** Any fixed bigint works; this one is the ASCII bytes of `cbp:mig`, recognisable in pg_locks (objid/classid). */
const MIGRATION_LOCK_KEY = '27974256850463079';

// Checked before anything is applied: half a set of roles is a typo, not a choice.
let roles: ReturnType<typeof serviceRolesFromEnv>;
try {
  roles = serviceRolesFromEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const { env, embeddedPostgres, describe } = await resolveBackends(process.env);
console.log(`Migrating ${describe.database}`);
// The embedded database serves one process (npm start), so there is nobody to race with there.
let lock: pg.Client | null = null;
if (!embeddedPostgres) {
  lock = new pg.Client({ connectionString: env.DATABASE_URL });
  await lock.connect();
  const waited = Date.now();
  // Session-level: held by this connection until unlocked or the connection ends (a crashed run frees it).
  await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  if (Date.now() - waited > 500) console.log(`  waited ${Date.now() - waited} ms for another migration run to finish`);
}
let failed = false;
for (const service of services) {
  const orm = await createOrm({ url: env.DATABASE_URL ?? '', ...service, poolMax: 1 });
  try {
    const applied = await migrate(orm);
    console.log(`  ${service.schema}: ${applied.length > 0 ? applied.join(', ') : 'up to date'}`);
  } catch (err) {
    failed = true;
    console.error(`  ${service.schema}: failed: ${(err as Error).message}`);
  } finally {
    await orm.close(true);
  }
}
if (roles && !failed) {
  // One transaction: the revoke-then-grant never shows a live service a moment without its rights.
  const grants = lock ?? new pg.Client({ connectionString: env.DATABASE_URL });
  if (!lock) await grants.connect();
  try {
    await grants.query('begin');
    for (const statement of serviceGrantsSql(roles)) await grants.query(statement);
    await grants.query('commit');
    console.log(
      `  grants: ${Object.entries(roles)
        .map(([service, role]) => `${service} → ${role}`)
        .join(', ')}`,
    );
  } catch (err) {
    failed = true;
    await grants.query('rollback').catch(() => undefined);
    console.error(`  grants: failed: ${(err as Error).message}`);
  } finally {
    if (!lock) await grants.end();
  }
}
if (lock) {
  await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
  await lock.end();
}
await embeddedPostgres?.stop();
process.exit(failed ? 1 : 0);
