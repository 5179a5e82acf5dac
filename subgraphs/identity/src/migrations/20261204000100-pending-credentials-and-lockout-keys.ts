import { Migration } from '@cbp/db';

/**
 * The password a registration chose travels with its verification token (verifying activates it), and the
 * failed-login lockout gets two keys of its own: emails without an account (by a keyed digest, never the email)
 * and, per account, each source (an IP prefix) that may lock it for good (docs/design.md §7 (Rate limits, lockout
 * and GraphQL limits)); and link requests (reset, verification) are queued durably and handled after the
 * response, so that known and unknown emails cost the request the same.
 */
export class Migration20261204000100PendingCredentialsAndLockoutKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "identity"."one_time_tokens" add column "pending_password_hash" text null');
    this.addSql(`create table "identity"."unknown_email_lockouts" (
      "email_digest" text primary key,
      "failed_login_count" integer not null default 0,
      "locked_until" timestamptz null,
      "updated_at" timestamptz not null
    )`);
    this.addSql(`create table "identity"."lockout_sources" (
      "subject" text not null,
      "source" text not null,
      "failures" integer not null,
      "updated_at" timestamptz not null,
      primary key ("subject", "source")
    )`);
    // Password-reset and verification link requests, answered at once and handled after the response.
    this.addSql(`create table "identity"."link_requests" (
      "id" uuid primary key,
      "purpose" text not null,
      "email_normalized" text not null,
      "request_id" text not null,
      "ip" text null,
      "user_agent" text null,
      "created_at" timestamptz not null,
      "claimed_until" timestamptz null
    )`);
    this.addSql('create index "link_requests_created_idx" on "identity"."link_requests" ("created_at")');
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "identity"."link_requests"');
    this.addSql('drop table if exists "identity"."lockout_sources"');
    this.addSql('drop table if exists "identity"."unknown_email_lockouts"');
    this.addSql('alter table "identity"."one_time_tokens" drop column if exists "pending_password_hash"');
  }
}
