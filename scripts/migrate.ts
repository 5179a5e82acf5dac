// `npm run migrate`: applies every service's pending migrations to DATABASE_URL (or the embedded database).
import fs from 'node:fs';
import path from 'node:path';
import { createOrm, migrate } from '@cbp/db';
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

const { env, embeddedPostgres, describe } = await resolveBackends(process.env);
console.log(`Migrating ${describe.database}`);
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
await embeddedPostgres?.stop();
process.exit(failed ? 1 : 0);
