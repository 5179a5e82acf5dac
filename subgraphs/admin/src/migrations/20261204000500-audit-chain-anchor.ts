import { Migration } from '@cbp/db';

/**
 * Where the keyed audit chain starts (docs/design.md §4 (Events: outbox, stream and consumers)). One row, written once by the admin
 * service at start: entries before `hmac_from_seq` keep their plain sha256 links, entries from it on are HMACs
 * under AUDIT_CHAIN_KEY. `mac` is an HMAC of the row under the same key, so moving the switch-over needs the key.
 * Write-once at the database level, like the log; a superuser who deletes it anyway makes verification fail.
 */
export class Migration20261204000500AdminAuditChainAnchor extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "admin"."audit_chain_anchor" (
      "id" smallint primary key check ("id" = 1),
      "hmac_from_seq" bigint not null check ("hmac_from_seq" > 0),
      "mac" text not null check ("mac" ~ '^[0-9a-f]{64}$'),
      "created_at" timestamptz not null default now()
    )`);
    this.addSql(`create function "admin"."audit_chain_anchor_refuse_change"() returns trigger language plpgsql as $fn$
      begin
        raise exception 'admin.audit_chain_anchor is write-once: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $fn$`);
    this.addSql(`create trigger "audit_chain_anchor_write_once" before update or delete on "admin"."audit_chain_anchor"
      for each row execute function "admin"."audit_chain_anchor_refuse_change"()`);
    this.addSql(`create trigger "audit_chain_anchor_no_truncate" before truncate on "admin"."audit_chain_anchor"
      for each statement execute function "admin"."audit_chain_anchor_refuse_change"()`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "admin"."audit_chain_anchor"');
    this.addSql('drop function if exists "admin"."audit_chain_anchor_refuse_change"()');
  }
}
