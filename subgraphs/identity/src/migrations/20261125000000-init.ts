import { Migration } from '@cbp/db';
import { outboxTableSql } from '@cbp/events';

export class Migration20261125000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "identity"."users" (
      "id" uuid primary key,
      "email" text not null,
      "email_normalized" text not null unique,
      "password_hash" text not null,
      "email_verified_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql(`create index "users_created_at_idx" on "identity"."users" ("created_at", "id")`);
    for (const sql of outboxTableSql('identity')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "identity"."outbox"');
    this.addSql('drop table if exists "identity"."users"');
  }
}
