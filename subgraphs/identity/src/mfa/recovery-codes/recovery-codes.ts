import { randomInt } from 'node:crypto';
import { sha256Hex } from '../../tokens/secret-token.js';

/** How many codes a user gets at enable time and on each regeneration. */
export const RECOVERY_CODE_COUNT = 10;
/** RFC 4648 Base32, lower case: 32 symbols, 5 bits each (no 0, 1, 8 or 9 to confuse with O, I/L, B or g). */
const SYMBOLS = 'abcdefghijklmnopqrstuvwxyz234567';
const LENGTH = 10;
/** Bits of entropy in one code: 10 symbols of a 32-symbol alphabet = 50 bits (each also rate-limited and locked out). */
export const RECOVERY_CODE_BITS = LENGTH * Math.log2(SYMBOLS.length);
const FORMAT = new RegExp(`^[${SYMBOLS}]{5}-[${SYMBOLS}]{5}$`);

/** One code, `xxxxx-xxxxx`, from a CSPRNG (`randomInt` is unbiased). */
export function newRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += SYMBOLS[randomInt(SYMBOLS.length)];
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** A fresh set of {@link RECOVERY_CODE_COUNT} distinct codes. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newRecoveryCode());
  return [...codes];
}

/** What the user typed, in canonical form (lower case, hyphen restored); null when it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]+/g, '');
  if (compact.length !== LENGTH) return null;
  const code = `${compact.slice(0, 5)}-${compact.slice(5)}`;
  return FORMAT.test(code) ? code : null;
}

/**
 * Stored form: SHA-256 hex. A slow hash is not needed: the codes are 50 random bits, not human-chosen, and a hash
 * lookup lets the login burn a code with one conditional UPDATE.
 */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(code);
}
