/**
 * Least privilege in PostgreSQL (docs/design.md §3 (Data ownership)): the migration role owns every schema and
 * table; each service connects as a runtime role of its own that may only read and write its own schema's rows,
 * and the gateway may only read `identity.session_principals`. The audit log's owner is not the role that appends
 * to it: admin's runtime role may INSERT and SELECT `admin.audit_log` but never UPDATE, DELETE or TRUNCATE it,
 * nor ALTER it or disable its triggers (both need ownership).
 *
 * The roles themselves are created by whoever administers the server (infra/postgres/init for compose); these
 * grants are applied by the migration run, as the owner, after every migration (idempotent).
 */

/** The runtime role of each service. */
export interface ServiceRoles {
  identity: string;
  admin: string;
  analytics: string;
  gateway: string;
}

/** The schema each subgraph owns and the role that works in it. */
const SUBGRAPH_SCHEMAS = ['identity', 'admin', 'analytics'] as const;

/** Tables a runtime role may append to and read but never change (the hash chain's storage). */
const APPEND_ONLY_TABLES: Record<(typeof SUBGRAPH_SCHEMAS)[number], readonly string[]> = {
  identity: [],
  admin: ['audit_log'],
  analytics: [],
};

/** The variables `npm run migrate` reads; all four or none (owner mode: every service connects as the owner). */
export const SERVICE_ROLE_VARIABLES = {
  identity: 'DB_ROLE_IDENTITY',
  admin: 'DB_ROLE_ADMIN',
  analytics: 'DB_ROLE_ANALYTICS',
  gateway: 'DB_ROLE_GATEWAY',
} as const satisfies Record<keyof ServiceRoles, string>;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The runtime roles named in `env`, `null` when none is (owner mode); throws when only some are, or one is malformed. */
export function serviceRolesFromEnv(env: Record<string, string | undefined>): ServiceRoles | null {
  const entries = Object.entries(SERVICE_ROLE_VARIABLES).map(([service, variable]) => [service, env[variable] ?? ''] as const);
  const set = entries.filter(([, role]) => role !== '');
  if (set.length === 0) return null;
  const missing = entries.filter(([, role]) => role === '').map(([service]) => SERVICE_ROLE_VARIABLES[service as keyof ServiceRoles]);
  if (missing.length > 0)
    throw new Error(
      `database roles: set all of ${Object.values(SERVICE_ROLE_VARIABLES).join(', ')} or none (missing ${missing.join(', ')})`,
    );
  const bad = set.filter(([, role]) => !ROLE_NAME.test(role)).map(([service]) => SERVICE_ROLE_VARIABLES[service as keyof ServiceRoles]);
  if (bad.length > 0) throw new Error(`database roles: ${bad.join(', ')} must be a lower-case SQL identifier`);
  return Object.fromEntries(set) as unknown as ServiceRoles;
}

const q = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The statements that give each runtime role exactly its share, run by the owner after the migrations. Every
 * statement is idempotent: first everything is revoked from the runtime roles, then granted again, so a grant
 * removed from this list is also removed from the database at the next run.
 */
export function serviceGrantsSql(roles: ServiceRoles): string[] {
  const runtime = [roles.identity, roles.admin, roles.analytics, roles.gateway].map(q).join(', ');
  // Database-wide rights (connect, no temporary tables, nothing in public) are the server administrator's: see
  // infra/postgres/initdb/service-roles.psql. These are the owner's, on the objects it owns.
  const sql: string[] = [];
  for (const schema of SUBGRAPH_SCHEMAS) {
    sql.push(`revoke all on all tables in schema ${q(schema)} from ${runtime}`);
    sql.push(`revoke all on all sequences in schema ${q(schema)} from ${runtime}`);
    sql.push(`revoke all on schema ${q(schema)} from ${runtime}`);
  }
  for (const schema of SUBGRAPH_SCHEMAS) {
    const role = q(roles[schema]);
    sql.push(`grant usage on schema ${q(schema)} to ${role}`);
    sql.push(`grant select, insert, update, delete on all tables in schema ${q(schema)} to ${role}`);
    sql.push(`grant usage, select on all sequences in schema ${q(schema)} to ${role}`);
    // The migrations' bookkeeping is the owner's alone.
    sql.push(`revoke all on ${q(schema)}."mikro_orm_migrations" from ${role}`);
    for (const table of APPEND_ONLY_TABLES[schema]) {
      sql.push(`revoke all on ${q(schema)}.${q(table)} from ${role}`);
      sql.push(`grant select, insert on ${q(schema)}.${q(table)} to ${role}`);
    }
  }
  // The gateway reads one view (a view reads its tables with its owner's rights, so nothing else is needed).
  sql.push(`grant usage on schema "identity" to ${q(roles.gateway)}`);
  sql.push(`grant select on "identity"."session_principals" to ${q(roles.gateway)}`);
  return sql;
}
