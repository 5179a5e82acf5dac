import { Migration } from '@cbp/db';

/** Invitations: a code (stored as its SHA-256 only), optionally bound to an email, accepted once. */
export class Migration20261125000500Invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."invitations" (
      "id" uuid primary key,
      "code_hash" text not null unique,
      "inviter_id" uuid not null references "identity"."users" ("id") on delete cascade deferrable initially deferred,
      "email_normalized" text null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "accepted_by" uuid null references "identity"."users" ("id") on delete set null deferrable initially deferred,
      "accepted_at" timestamptz null
    )`);
    this.addSql(`create index "invitations_inviter_idx" on "identity"."invitations" ("inviter_id", "created_at")`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "identity"."invitations"');
  }
}
