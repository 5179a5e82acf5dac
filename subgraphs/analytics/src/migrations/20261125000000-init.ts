import { Migration } from '@cbp/db';
import { consumedEventsTableSql } from '@cbp/events';

/** The event store and login risk scores. */
export class Migration20261125000000AnalyticsInit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "analytics"."auth_events" (
      "event_id" uuid primary key,
      "type" text not null,
      "occurred_at" timestamptz not null,
      "user_id" uuid null,
      "actor_id" uuid null,
      "ip" text null,
      "user_agent" text null,
      "data" jsonb not null
    )`);
    // Per-user questions (login stats, risk history) and per-type aggregates over a time range.
    this.addSql(`create index "auth_events_user_time_idx" on "analytics"."auth_events" ("user_id", "occurred_at")`);
    this.addSql(`create index "auth_events_type_time_idx" on "analytics"."auth_events" ("type", "occurred_at")`);
    this.addSql(`create table "analytics"."login_risk" (
      "event_id" uuid primary key references "analytics"."auth_events" ("event_id"),
      "user_id" uuid not null,
      "occurred_at" timestamptz not null,
      "score" smallint not null check ("score" between 0 and 100),
      "reasons" text[] not null,
      "scored_at" timestamptz not null
    )`);
    this.addSql(`create index "login_risk_user_time_idx" on "analytics"."login_risk" ("user_id", "occurred_at" desc)`);
    for (const sql of consumedEventsTableSql('analytics')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "analytics"."consumed_events"');
    this.addSql('drop table if exists "analytics"."login_risk"');
    this.addSql('drop table if exists "analytics"."auth_events"');
  }
}
