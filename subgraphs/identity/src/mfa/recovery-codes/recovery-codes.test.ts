// Recovery codes (ASVS 6.4.1, 6.5.1): random, at least 50 bits each, distinct, stored only as a hash, and typed
// input is normalised before the hash lookup.
import { describe, expect, it } from '@jest/globals';
import {
  hashRecoveryCode,
  newRecoveryCode,
  newRecoveryCodes,
  normalizeRecoveryCode,
  RECOVERY_CODE_BITS,
  RECOVERY_CODE_COUNT,
} from './recovery-codes.js';

describe('recovery codes', () => {
  it('are 10 base32 characters in two groups of five, 50 bits', () => {
    expect(RECOVERY_CODE_BITS).toBeGreaterThanOrEqual(50);
    for (let i = 0; i < 200; i++) expect(newRecoveryCode()).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });

  it('come as 10 distinct codes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(new Set(codes).size).toBe(10);
  });

  it('use the whole alphabet roughly evenly (no modulo bias, no constant positions)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of newRecoveryCode().replace('-', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 20,000 symbols over 32: 625 expected each; a biased or broken generator lands far outside this band.
    for (const n of counts.values()) expect(n).toBeGreaterThan(450);
    for (const n of counts.values()) expect(n).toBeLessThan(800);
  });

  it('normalise what the user typed', () => {
    expect(normalizeRecoveryCode(' ABCDE-FGH23 ')).toBe('abcde-fgh23');
    expect(normalizeRecoveryCode('abcdefgh23')).toBe('abcde-fgh23');
    expect(normalizeRecoveryCode('abcde-fgh2')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fgh21')).toBeNull();
    expect(normalizeRecoveryCode('')).toBeNull();
  });

  it('are stored as SHA-256, never in the clear', () => {
    const hash = hashRecoveryCode('abcde-fgh23');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('abcde');
    expect(hashRecoveryCode('abcde-fgh23')).toBe(hash);
  });
});
