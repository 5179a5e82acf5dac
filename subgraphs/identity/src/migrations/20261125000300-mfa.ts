import { Migration } from '@cbp/db';

/**
 * TOTP second factor, recovery codes and brute-force lockout.
 * - users.totp_secret_encrypted: AES-256-GCM under KEY_ENCRYPTION_KEY (aad `totp:<userId>`); set by setup, kept
 *   pending (totp_enabled_at null) until a correct code enables it.
 * - users.totp_last_step: the last accepted RFC 6238 time step; a code is accepted only for a later step
 *   (RFC 6238 §5.2, ASVS 6.5.1), checked and advanced in one conditional UPDATE.
 * - users.failed_login_count / locked_until: consecutive failures and the end of the current temporary lock;
 *   a count at or above LOCKOUT_PERMANENT_AFTER is a lock that only an admin unlock or a password reset ends.
 */
export class Migration20261125000300Mfa extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "identity"."users"
      add column "totp_secret_encrypted" text null,
      add column "totp_enabled_at" timestamptz null,
      add column "totp_last_step" bigint null,
      add column "failed_login_count" integer not null default 0,
      add column "locked_until" timestamptz null`);
    this.addSql(`create table "identity"."recovery_codes" (
      "id" uuid primary key,
      "user_id" uuid not null references "identity"."users" ("id") on delete cascade deferrable initially deferred,
      "code_hash" text not null,
      "created_at" timestamptz not null,
      "used_at" timestamptz null,
      unique ("user_id", "code_hash")
    )`);
    this.addSql(`create index "recovery_codes_user_unused_idx" on "identity"."recovery_codes" ("user_id") where "used_at" is null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "identity"."recovery_codes"');
    this.addSql(`alter table "identity"."users"
      drop column if exists "totp_secret_encrypted",
      drop column if exists "totp_enabled_at",
      drop column if exists "totp_last_step",
      drop column if exists "failed_login_count",
      drop column if exists "locked_until"`);
  }
}
