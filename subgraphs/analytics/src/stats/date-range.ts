import { AppError, COMMON_ERRORS } from '@cbp/errors';

/** The longest range an aggregate may cover: bounds the work one query can ask of the event store. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A checked half-open range: from ≤ t < to. */
export interface DateRange {
  from: Date;
  to: Date;
}

/** ISO-8601 date-time with an explicit offset (`Z` or ±hh:mm): a time without one would depend on the server's zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(field: string, message: string): AppError {
  return new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message, details: { field } });
}

function parseDateTime(field: string, value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime()))
    throw invalid(field, `${field} must be an ISO-8601 date-time with a time zone, e.g. 2026-01-31T00:00:00Z.`);
  return date;
}

/**
 * Pure: checks an aggregate's range. `from` must be before `to`, and the range at most {@link MAX_RANGE_DAYS} days.
 * @throws VALIDATION_FAILED naming the offending field.
 */
export function parseDateRange(from: unknown, to: unknown): DateRange {
  const range = { from: parseDateTime('from', from), to: parseDateTime('to', to) };
  if (range.from.getTime() >= range.to.getTime()) throw invalid('from', 'from must be before to.');
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw invalid('to', `The range may cover at most ${MAX_RANGE_DAYS} days.`);
  return range;
}

/** `YYYY-MM-DD` of the UTC day containing `date`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Pure: every UTC day the half-open range touches, in order, as `YYYY-MM-DD`. */
export function utcDaysOf(range: DateRange): string[] {
  const days: string[] = [];
  const start = Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), range.from.getUTCDate());
  // The range excludes `to`, so the last day is the one holding the instant just before it.
  const last = range.to.getTime() - 1;
  for (let t = start; t <= last; t += DAY_MS) days.push(utcDay(new Date(t)));
  return days;
}
