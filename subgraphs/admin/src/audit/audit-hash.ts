import { createHash, createHmac } from 'node:crypto';

/**
 * The hash chain of the audit log.
 *
 * Each entry's hash covers the previous entry's hash and every stored column of the entry itself:
 *
 *     hash = sha256hex(prevHash + "\n" + canonicalJson(hashedFieldsOf(entry)))
 *
 * and the first entry's `prevHash` is {@link GENESIS_HASH}. Editing any column of a row changes its hash; deleting
 * a row breaks the next row's link (and leaves a gap in `seq`, which is assigned without gaps). Only appending at
 * the head is invisible to the chain, which is why verification reports the head for an outside anchor.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** A JSON value as the audit log stores it (after {@link toStorableJson}). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Canonical JSON, the form hashed: RFC 8785 (JCS) for the values we store.
 *  - no whitespace anywhere;
 *  - object members sorted by key, comparing UTF-16 code units (JavaScript's default sort), members whose value
 *    is `undefined` left out;
 *  - strings and numbers as `JSON.stringify` writes them (shortest round-trip numbers, lone surrogates escaped);
 *  - non-finite numbers, functions, symbols and bigints are refused: they have no JSON form to agree on.
 * Two values that are equal as JSON data give the same text, so a row read back from `jsonb` (which reorders
 * keys) hashes exactly as the event did when it was appended.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite numbers have no JSON form');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/** NUL, or a surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storableString(value: string): string {
  // PostgreSQL text and jsonb refuse NUL and unpaired surrogates; an event carrying one must not wedge the
  // consumer, so it is recorded with U+FFFD in their place (visible, and hashed as stored).
  return value.replace(UNSTORABLE, '\uFFFD');
}

/**
 * Normalises arbitrary event data into JSON that survives a round trip through PostgreSQL `jsonb` unchanged:
 * strings made storable, non-finite numbers → null, `undefined` members dropped (array holes → null),
 * dates → ISO strings, anything else without a JSON form → null.
 */
export function toStorableJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return storableString(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object': {
      if (Array.isArray(value)) return value.map((v) => toStorableJson(v));
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      const out: { [key: string]: JsonValue } = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        if (v !== undefined) out[storableString(k)] = toStorableJson(v);
      return out;
    }
    default:
      return null;
  }
}

/** A storable version of an optional text column. */
export function storableText(value: unknown): string | null {
  return typeof value === 'string' ? storableString(value) : null;
}

/** The columns of an audit entry that its hash covers (all of them but `prevHash` and `hash`, which chain it). */
export interface HashedAuditFields {
  seq: number;
  id: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  recordedAt: Date;
  actorId: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: JsonValue;
}

/** The exact text hashed for an entry: `prevHash`, a newline, then the canonical JSON of its fields. */
export function hashInput(prevHash: string, entry: HashedAuditFields): string {
  return `${prevHash}\n${canonicalJson({
    seq: entry.seq,
    id: entry.id,
    eventId: entry.eventId,
    type: entry.type,
    // Millisecond ISO strings: what JavaScript dates hold, and what timestamptz gives back for them.
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    actorId: entry.actorId,
    subjectId: entry.subjectId,
    ip: entry.ip,
    userAgent: entry.userAgent,
    details: entry.details,
  })}`;
}

/** sha256, lower-case hex, of {@link hashInput}. */
export function hashEntry(prevHash: string, entry: HashedAuditFields): string {
  return createHash('sha256').update(hashInput(prevHash, entry), 'utf8').digest('hex');
}

/**
 * The keyed link of entries recorded since the chain was anchored: HMAC-SHA256, lower-case hex, of
 * {@link hashInput} under AUDIT_CHAIN_KEY, a secret the database does not hold. Whoever can write the table but
 * lacks the key can no longer recompute the chain after an edit (docs/design.md §4 (Events: outbox, stream and consumers)).
 */
export function hmacEntry(key: Uint8Array, prevHash: string, entry: HashedAuditFields): string {
  return createHmac('sha256', key).update(hashInput(prevHash, entry), 'utf8').digest('hex');
}
