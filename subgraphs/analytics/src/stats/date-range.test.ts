import { describe, expect, it } from '@jest/globals';
import { parseDateRange, utcDaysOf } from './date-range.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('parseDateRange', () => {
  it('accepts ISO date-times with a zone and returns dates', () => {
    expect(parseDateRange('2026-01-01T00:00:00Z', '2026-01-02T12:00:00.5+02:00')).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-01-02T10:00:00.500Z'),
    });
  });

  it('accepts exactly 366 days and refuses one millisecond more', () => {
    expect(() => parseDateRange('2026-01-01T00:00:00Z', '2027-01-02T00:00:00Z')).not.toThrow();
    expect(codeOf(() => parseDateRange('2026-01-01T00:00:00Z', '2027-01-02T00:00:00.001Z'))).toBe('VALIDATION_FAILED');
  });

  it('refuses from ≥ to', () => {
    expect(codeOf(() => parseDateRange('2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseDateRange('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'))).toBe('VALIDATION_FAILED');
  });

  it.each([['yesterday'], ['2026-01-01'], ['2026-01-01T00:00:00'], ['2026-13-01T00:00:00Z'], [''], [42], [null]])('refuses %p', (bad) => {
    expect(codeOf(() => parseDateRange(bad, '2026-06-01T00:00:00Z'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => parseDateRange('2026-01-01T00:00:00Z', bad))).toBe('VALIDATION_FAILED');
  });
});

describe('utcDaysOf', () => {
  it('lists every UTC day the half-open range touches', () => {
    expect(utcDaysOf(parseDateRange('2026-02-27T00:00:00Z', '2026-03-02T00:00:00Z'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(utcDaysOf(parseDateRange('2026-02-27T23:00:00Z', '2026-02-28T00:00:01Z'))).toEqual(['2026-02-27', '2026-02-28']);
    expect(utcDaysOf(parseDateRange('2026-02-27T10:00:00Z', '2026-02-27T11:00:00Z'))).toEqual(['2026-02-27']);
  });

  it('uses UTC days whatever the offset of the input', () => {
    expect(utcDaysOf(parseDateRange('2026-01-01T01:00:00+02:00', '2026-01-01T03:00:00+02:00'))).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('lists 366 days for a full leap year', () => {
    const days = utcDaysOf(parseDateRange('2028-01-01T00:00:00Z', '2029-01-01T00:00:00Z'));
    expect(days).toHaveLength(366);
    expect(days.at(-1)).toBe('2028-12-31');
  });
});
