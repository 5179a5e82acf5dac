/** SQL for the table a consuming service dedupes on: one row per (consumer group, event id). */
export function consumedEventsTableSql(schema: string): string[] {
  return [
    `create table "${schema}"."consumed_events" ("group_name" text not null, "event_id" uuid not null, "consumed_at" timestamptz not null default now(), primary key ("group_name", "event_id"))`,
  ];
}
