import { Migration } from '@cbp/db';

/**
 * Sessions, refresh tokens, devices and one-time tokens (email verification, password reset).
 * Foreign keys are DEFERRABLE INITIALLY DEFERRED: entities reference each other by id (no ORM relations), so the
 * unit of work does not order inserts by dependency; the constraints are checked at commit instead.
 */
export class Migration20261125000200Sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."devices" (
      "id" uuid primary key,
      "user_id" uuid not null references "identity"."users" ("id") on delete cascade deferrable initially deferred,
      "fingerprint_hash" text not null,
      "user_agent" text null,
      "first_seen_at" timestamptz not null,
      "last_seen_at" timestamptz not null,
      "last_ip" text null,
      unique ("user_id", "fingerprint_hash")
    )`);
    this.addSql(`create table "identity"."sessions" (
      "id" uuid primary key,
      "user_id" uuid not null references "identity"."users" ("id") on delete cascade deferrable initially deferred,
      "device_id" uuid null references "identity"."devices" ("id") on delete set null deferrable initially deferred,
      "amr" text[] not null,
      "ip" text null,
      "user_agent" text null,
      "created_at" timestamptz not null,
      "last_seen_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "revoke_reason" text null
    )`);
    this.addSql(`create index "sessions_user_active_idx" on "identity"."sessions" ("user_id") where "revoked_at" is null`);
    this.addSql(`create table "identity"."refresh_tokens" (
      "id" uuid primary key,
      "session_id" uuid not null references "identity"."sessions" ("id") on delete cascade deferrable initially deferred,
      "secret_hash" text not null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "rotated_at" timestamptz null
    )`);
    this.addSql(`create index "refresh_tokens_session_idx" on "identity"."refresh_tokens" ("session_id")`);
    this.addSql(`create table "identity"."one_time_tokens" (
      "id" uuid primary key,
      "user_id" uuid not null references "identity"."users" ("id") on delete cascade deferrable initially deferred,
      "purpose" text not null check ("purpose" in ('email_verification', 'password_reset')),
      "token_hash" text not null unique,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null
    )`);
    this.addSql(
      `create index "one_time_tokens_user_purpose_idx" on "identity"."one_time_tokens" ("user_id", "purpose") where "used_at" is null`,
    );
    // The gateway's contract with identity: one indexed read per cache miss. Identity owns its definition, so
    // the tables behind it can change without touching the gateway.
    this.addSql(`create view "identity"."session_principals" as
      select s."id" as "session_id", s."user_id", s."expires_at", (s."revoked_at" is not null) as "revoked", s."amr",
             array[]::text[] as "roles", array[]::text[] as "scopes"
      from "identity"."sessions" s`);
  }

  override async down(): Promise<void> {
    this.addSql('drop view if exists "identity"."session_principals"');
    for (const t of ['one_time_tokens', 'refresh_tokens', 'sessions', 'devices']) this.addSql(`drop table if exists "identity"."${t}"`);
  }
}
