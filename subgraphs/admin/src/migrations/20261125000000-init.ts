import { Migration } from '@cbp/db';
import { consumedEventsTableSql } from '@cbp/events';

/**
 * The audit log and its guards.
 *
 * `seq` is a plain bigint, not bigserial: the application assigns head + 1 under the chain's advisory lock, so
 * numbering has no gaps (a sequence skips values on rollback) and a gap can only mean a deleted row.
 *
 * Append-only at the database level: a trigger refuses UPDATE, DELETE and TRUNCATE on the table, for every role,
 * including the service's own. A superuser (or the table owner) can still disable or drop it; that is what the
 * hash chain is for: such an edit or deletion breaks the chain and `verifyAuditChain` reports where.
 */
export class Migration20261125000000AdminInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "admin"."audit_log" (
      "seq" bigint primary key check ("seq" > 0),
      "id" uuid not null unique,
      "event_id" uuid not null unique,
      "type" text not null,
      "occurred_at" timestamptz not null,
      "recorded_at" timestamptz not null,
      "actor_id" uuid null,
      "subject_id" uuid null,
      "ip" text null,
      "user_agent" text null,
      "details" jsonb not null,
      "prev_hash" text not null check ("prev_hash" ~ '^[0-9a-f]{64}$'),
      "hash" text not null check ("hash" ~ '^[0-9a-f]{64}$')
    )`);
    this.addSql(`create index "audit_log_actor_idx" on "admin"."audit_log" ("actor_id", "seq")`);
    this.addSql(`create index "audit_log_subject_idx" on "admin"."audit_log" ("subject_id", "seq")`);
    this.addSql(`create index "audit_log_type_idx" on "admin"."audit_log" ("type", "seq")`);
    this.addSql(`create index "audit_log_occurred_at_idx" on "admin"."audit_log" ("occurred_at")`);
    this.addSql(`create function "admin"."audit_log_refuse_change"() returns trigger language plpgsql as $fn$
      begin
        raise exception 'admin.audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end
    $fn$`);
    this.addSql(`create trigger "audit_log_append_only" before update or delete on "admin"."audit_log"
      for each row execute function "admin"."audit_log_refuse_change"()`);
    this.addSql(`create trigger "audit_log_no_truncate" before truncate on "admin"."audit_log"
      for each statement execute function "admin"."audit_log_refuse_change"()`);
    for (const sql of consumedEventsTableSql('admin')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "admin"."consumed_events"');
    this.addSql('drop table if exists "admin"."audit_log"');
    this.addSql('drop function if exists "admin"."audit_log_refuse_change"()');
  }
}
