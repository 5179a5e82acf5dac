import { Migration } from '@cbp/db';
import { SEEDED_ROLES } from '../rbac/roles.js';

/**
 * RBAC: roles (each a set of permission scopes) and the roles granted to users; the admin lock of an account;
 * and `session_principals` redefined so the gateway reads a session's roles and scopes from the grants, live.
 */
export class Migration20261125000400Rbac extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."roles" (
      "name" text primary key,
      "description" text not null,
      "permissions" text[] not null default array[]::text[]
    )`);
    for (const role of SEEDED_ROLES) {
      this.addSql(
        `insert into "identity"."roles" ("name", "description", "permissions") values (${lit(role.name)}, ${lit(role.description)}, array[${role.permissions.map(lit).join(', ')}]::text[])
         on conflict ("name") do update set "description" = excluded."description", "permissions" = excluded."permissions"`,
      );
    }
    this.addSql(`create table "identity"."user_roles" (
      "user_id" uuid not null references "identity"."users" ("id") on delete cascade deferrable initially deferred,
      "role" text not null references "identity"."roles" ("name") on delete cascade,
      "granted_by" uuid null,
      "granted_at" timestamptz not null default now(),
      primary key ("user_id", "role")
    )`);
    this.addSql(`create index "user_roles_role_idx" on "identity"."user_roles" ("role")`);
    // Accounts that existed before RBAC are plain users.
    this.addSql(
      `insert into "identity"."user_roles" ("user_id", "role") select "id", 'user' from "identity"."users" on conflict do nothing`,
    );
    // An operator's lock (lockUser): login refuses with ACCOUNT_LOCKED until unlockUser. Separate from any
    // automatic (failed-attempt) lockout, which expires on its own.
    this.addSql(`alter table "identity"."users" add column "admin_locked_at" timestamptz null, add column "lock_reason" text null`);
    this.addSql(`create or replace view "identity"."session_principals" as
      select s."id" as "session_id", s."user_id", s."expires_at", (s."revoked_at" is not null) as "revoked", s."amr",
             coalesce((select array_agg(ur."role" order by ur."role") from "identity"."user_roles" ur where ur."user_id" = s."user_id"), array[]::text[]) as "roles",
             coalesce((select array_agg(distinct p order by p)
                       from "identity"."user_roles" ur join "identity"."roles" r on r."name" = ur."role", unnest(r."permissions") as p
                       where ur."user_id" = s."user_id"), array[]::text[]) as "scopes"
      from "identity"."sessions" s`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace view "identity"."session_principals" as
      select s."id" as "session_id", s."user_id", s."expires_at", (s."revoked_at" is not null) as "revoked", s."amr",
             array[]::text[] as "roles", array[]::text[] as "scopes"
      from "identity"."sessions" s`);
    this.addSql('alter table "identity"."users" drop column if exists "admin_locked_at", drop column if exists "lock_reason"');
    this.addSql('drop table if exists "identity"."user_roles"');
    this.addSql('drop table if exists "identity"."roles"');
  }
}

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
