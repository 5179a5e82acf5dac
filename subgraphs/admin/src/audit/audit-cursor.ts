import { AppError, COMMON_ERRORS } from '@cbp/errors';

/**
 * Cursors of the audit log: base64url of `audit:<seq>`. Opaque to clients (they must not build them), but not
 * secret: the sequence number is visible on every entry anyway. The prefix lets us refuse a cursor from another
 * list instead of silently paging from a wrong place.
 */
const PREFIX = 'audit:';

export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** @throws VALIDATION_FAILED when `cursor` was not made by {@link encodeAuditCursor}. */
export function decodeAuditCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const digits = text.startsWith(PREFIX) ? text.slice(PREFIX.length) : '';
  const seq = /^[1-9]\d{0,15}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(seq) || encodeAuditCursor(seq) !== cursor) {
    throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'The cursor is not valid.', details: { field: 'after' } });
  }
  return seq;
}
