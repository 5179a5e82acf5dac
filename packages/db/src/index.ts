export { createOrm, migrate, MikroORM, pingDatabase } from './orm.js';
export type { CreateOrmOptions, EntityManager, MigrationEntry } from './orm.js';
export { startEmbeddedPostgres } from './embedded-postgres.js';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded-postgres.js';
export { EntitySchema, LockMode, Migration, raw, sql } from './reexports.js';
export { SERVICE_ROLE_VARIABLES, serviceGrantsSql, serviceRolesFromEnv } from './service-roles.js';
export type { ServiceRoles } from './service-roles.js';
