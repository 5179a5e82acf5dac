import { createOrm, migrate, pingDatabase } from '@cbp/db';
import type { MigrationEntry, MikroORM } from '@cbp/db';
import type { CreateOrmOptions } from '@cbp/db';
import type { ServiceEnv } from '@cbp/config';
import { createLogger } from '@cbp/logging';
import type { Logger } from '@cbp/logging';
import { createMetrics } from '@cbp/metrics';
import type { ServiceMetrics } from '@cbp/metrics';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import type { ReadinessCheck } from './http-app.js';

/** What a subgraph service stands on: its logger, metrics, database (migrated) and Redis. */
export interface ServiceInfrastructure {
  logger: Logger;
  metrics: ServiceMetrics;
  orm: MikroORM;
  redis: RedisStore;
  readiness: ReadinessCheck[];
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  service: string;
  /** The service's own Postgres schema. */
  schema: string;
  config: ServiceEnv;
  entities: CreateOrmOptions['entities'];
  migrations: MigrationEntry[];
  logger?: Logger;
}

/**
 * Connects a service to PostgreSQL (applying its migrations first, unless DB_MIGRATE_ON_START=false) and Redis. Fails fast: a service that cannot
 * reach its database at start exits and is restarted by its supervisor rather than serving errors.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<ServiceInfrastructure> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ service: options.service, level: config.LOG_LEVEL });
  const metrics = createMetrics(options.service);
  const orm = await createOrm({
    url: config.DATABASE_URL,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    poolMax: config.DB_POOL_MAX,
    logger,
  });
  try {
    if (config.DB_MIGRATE_ON_START) {
      const applied = await migrate(orm);
      if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    } else {
      // Applied beforehand by the migration role; this role could not anyway. A failure to connect still fails fast.
      await pingDatabase(orm);
    }
  } catch (err) {
    await orm.close(true);
    throw err;
  }
  const redis = createRedisStore({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, logger });
  return {
    logger,
    metrics,
    orm,
    redis,
    readiness: [
      { name: 'postgres', check: () => pingDatabase(orm) },
      { name: 'redis', check: () => redis.ping() },
    ],
    async close() {
      await redis.close();
      await orm.close(true);
    },
  };
}
