import { MikroORM } from '@mikro-orm/postgresql';
import type { EntitySchema, Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import type { Logger } from 'pino';

export { MikroORM };
export type { EntityManager } from '@mikro-orm/postgresql';

/** A committed migration: its stable name (the order key) and its class. */
export interface MigrationEntry {
  name: string;
  class: new (...args: ConstructorParameters<typeof Migration>) => Migration;
}

export interface CreateOrmOptions {
  url: string;
  /** The Postgres schema the service owns (`identity`, `admin`, `analytics`); its migrations table lives there too. */
  schema: string;
  // EntitySchema's generics are invariant; the array holds schemas of unrelated entity types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any, never>[];
  migrations: MigrationEntry[];
  poolMax?: number;
  logger?: Logger;
}

/**
 * MikroORM for one service's schema. Entities are `EntitySchema` definitions (no decorators, so the same code runs
 * under tsx, swc and tsc). Migrations are an explicit list, so no file globbing differs between dev and dist.
 */
export async function createOrm(options: CreateOrmOptions): Promise<MikroORM> {
  const config: Options = {
    clientUrl: options.url,
    schema: options.schema,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Every request must fork its own EntityManager; the global one is a bug magnet.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    logger: (message) => options.logger?.debug({ orm: true }, message),
  };
  return MikroORM.init(config);
}

/** Applies pending migrations inside one transaction; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  await orm.em.getConnection().execute(`CREATE SCHEMA IF NOT EXISTS "${orm.config.get('schema')}"`);
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Readiness probe: one round trip to the database. */
export async function pingDatabase(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
