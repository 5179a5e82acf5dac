import { Migration } from '@cbp/db';

/** Email change: a third one-time token purpose, whose token carries the address the account moves to once opened. */
export class Migration20261204000400EmailChangeTokens extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "identity"."one_time_tokens" add column "new_email" text null');
    this.addSql('alter table "identity"."one_time_tokens" drop constraint if exists "one_time_tokens_purpose_check"');
    this.addSql(`alter table "identity"."one_time_tokens" add constraint "one_time_tokens_purpose_check"
      check ("purpose" in ('email_verification', 'password_reset', 'email_change'))`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "identity"."one_time_tokens" where "purpose" = 'email_change'`);
    this.addSql('alter table "identity"."one_time_tokens" drop constraint if exists "one_time_tokens_purpose_check"');
    this.addSql(`alter table "identity"."one_time_tokens" add constraint "one_time_tokens_purpose_check"
      check ("purpose" in ('email_verification', 'password_reset'))`);
    this.addSql('alter table "identity"."one_time_tokens" drop column if exists "new_email"');
  }
}
