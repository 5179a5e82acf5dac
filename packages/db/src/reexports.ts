// One place where services get the ORM building blocks, so every service pins the same MikroORM.
export { EntitySchema, LockMode, raw, sql } from '@mikro-orm/postgresql';
export { Migration } from '@mikro-orm/migrations';
