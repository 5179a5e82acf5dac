const UNITS: readonly [seconds: number, singular: string][] = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
];

/** "3 days", "1 hour", "less than a minute": the largest whole unit, which is all an operator needs. */
export function formatAge(seconds: number): string {
  for (const [size, name] of UNITS) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${name}${count === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/** The first characters of a SHA-256 hex, enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** A datetime-local value ("2026-11-01T09:30", the reader's time zone) as ISO-8601 UTC; null when not a time. */
export function localInputToIso(value: string | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The stringified count with its noun: "1 session", "3 sessions". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
