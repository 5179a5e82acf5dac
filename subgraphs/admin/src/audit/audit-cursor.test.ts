import { describe, expect, it } from '@jest/globals';
import { AppError } from '@cbp/errors';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.js';

describe('audit cursors', () => {
  it('round-trip a sequence number', () => {
    for (const seq of [1, 42, 2 ** 40, Number.MAX_SAFE_INTEGER]) expect(decodeAuditCursor(encodeAuditCursor(seq))).toBe(seq);
  });

  it('are opaque url-safe base64', () => {
    expect(encodeAuditCursor(7)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['empty', ''],
    ['not base64 of ours', 'hello'],
    ['a bare number', Buffer.from('12').toString('base64url')],
    ['zero', Buffer.from('audit:0').toString('base64url')],
    ['negative', Buffer.from('audit:-5').toString('base64url')],
    ['leading zero', Buffer.from('audit:07').toString('base64url')],
    ['beyond safe integers', Buffer.from('audit:99999999999999999').toString('base64url')],
    ['trailing junk', Buffer.from('audit:5x').toString('base64url')],
    ['padded standard base64', `${Buffer.from('audit:5').toString('base64')}=`],
  ])('refuses a cursor that is %s with VALIDATION_FAILED', (_name, cursor) => {
    expect(() => decodeAuditCursor(cursor)).toThrow(AppError);
    try {
      decodeAuditCursor(cursor);
    } catch (err) {
      expect((err as AppError).code).toBe('VALIDATION_FAILED');
    }
  });
});
