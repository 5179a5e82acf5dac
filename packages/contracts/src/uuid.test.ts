import { describe, expect, it } from '@jest/globals';
import { isCanonicalUuid, isUuid } from './uuid.js';

const lower = '0b6f8b8e-1d7e-4b8a-9a55-7f0e7b3c1a03';

describe('isUuid', () => {
  it('accepts the 8-4-4-4-12 hex shape in either case', () => {
    expect(isUuid(lower)).toBe(true);
    expect(isUuid(lower.toUpperCase())).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of [
      '',
      'not-a-uuid',
      `${lower}0`,
      ` ${lower}`,
      lower.replace(/-/g, ''),
      lower.replace('b', 'g'),
      42,
      null,
      undefined,
    ]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});

describe('isCanonicalUuid', () => {
  it('accepts only the lower-case form', () => {
    expect(isCanonicalUuid(lower)).toBe(true);
    expect(isCanonicalUuid(lower.toUpperCase())).toBe(false);
    expect(isCanonicalUuid('not-a-uuid')).toBe(false);
    expect(isCanonicalUuid(7)).toBe(false);
  });
});
