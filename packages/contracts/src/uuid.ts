const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Whether `value` has the shape of a UUID, in either letter case (PostgreSQL accepts both), so it can be handed
 * to a `uuid` column without a database error. Says nothing about whether the id names anything.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Whether `value` is a UUID in the lower-case form PostgreSQL and `randomUUID()` print: the only form ids take in
 * what the platform itself issues (tokens, session ids), so any other spelling there was not issued by it.
 */
export function isCanonicalUuid(value: unknown): value is string {
  return typeof value === 'string' && CANONICAL_UUID.test(value);
}
