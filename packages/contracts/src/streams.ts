/*
 * The Redis streams events travel on and the consumer groups that read them (docs/design.md §4 (Events: outbox,
 * stream and consumers)). Names are relative: the store adds its key prefix. A group's name is also its key in
 * the consumed-events table, so renaming one replays the stream to it.
 */

/** The stream every auth and admin event travels on. */
export const AUTH_EVENT_STREAM = 'events:auth';

/** Where a consumer parks an entry that keeps failing, beside the stream it came from. */
export function deadLetterStream(stream: string): string {
  return `${stream}:dead`;
}

/** One consumer group per consuming service. */
export const CONSUMER_GROUPS = {
  /** Admin's audit log. */
  ADMIN_AUDIT: 'admin-audit',
  /** Analytics' event store. */
  ANALYTICS: 'analytics',
} as const;

export type ConsumerGroup = (typeof CONSUMER_GROUPS)[keyof typeof CONSUMER_GROUPS];
