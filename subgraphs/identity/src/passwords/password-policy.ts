import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError, COMMON_ERRORS } from '@cbp/errors';

/**
 * The password rules of NIST SP 800-63B-4 and ASVS 5 V6.2: length is the only requirement besides a blocklist.
 * No composition rules (ASVS 6.2.5), no truncation (6.2.8), any Unicode including spaces and emoji, and the user is
 * told why a password was refused.
 */

/** NIST 800-63B-4: 15 for a single-factor password. */
export const DEFAULT_PASSWORD_MIN_LENGTH = 15;
/** NIST 800-63B-4 / ASVS 6.2.1: never below 8, even when MFA is mandatory. */
export const PASSWORD_MIN_LENGTH_FLOOR = 8;
/** ASVS 6.2.9 asks for at least 64; 256 code points bound the work argon2's pre-hash does (≤ 1 KiB of UTF-8). */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordRefusalReason = 'EMPTY' | 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_EMAIL';

export type PasswordCheckResult =
  | { ok: true; /** NFC-normalised: the value to hash. */ normalized: string }
  | { ok: false; reason: PasswordRefusalReason; /** Safe to show to the user; says what to change. */ message: string };

export interface PasswordPolicyOptions {
  /** Minimum length in code points; defaults to 15, and values under 8 are raised to 8. */
  minLength?: number;
  /** The account's email; a password containing its local part (3+ characters) is refused. */
  email?: string | null;
}

// NFC can turn several code points into one (Hangul jamo, stacked Greek diacritics), so the exact limit is checked
// after normalising; this coarse bound only spares us normalising megabytes of input first.
const RAW_LENGTH_GUARD = PASSWORD_MAX_LENGTH * 16;

let commonPasswords: Set<string> | undefined;

/**
 * The zxcvbn common-password list (~49k entries, from breach corpora), all lower case. Built on first use: most
 * processes that import this module (tests, tools) never check a password.
 */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(dictionary.passwords);
  return commonPasswords;
}

/** Whether the whole password, ignoring case and surrounding spaces, is on the common-password list. */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFC').toLowerCase();
  const set = commonPasswordSet();
  return set.has(lower) || set.has(lower.trim());
}

/** Length as users count it: Unicode code points, so an emoji is one character, not two UTF-16 units. */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/**
 * The forms of the email's local part a password may not contain: the local part itself, without its `+tag`,
 * and without separators (`john.smith` → `johnsmith`). Forms under 3 characters are ignored: "al" would refuse
 * far too many honest passwords.
 */
function emailFragments(email: string): string[] {
  const at = email.lastIndexOf('@');
  const local = (at === -1 ? email : email.slice(0, at)).normalize('NFC').toLowerCase();
  const base = local.split('+', 1)[0] ?? local;
  const forms = new Set([local, base, local.replace(/[._-]/g, ''), base.replace(/[._-]/g, '')]);
  return [...forms].filter((form) => codePointLength(form) >= 3);
}

const refuse = (reason: PasswordRefusalReason, message: string): PasswordCheckResult => ({ ok: false, reason, message });

/**
 * Checks a proposed password (registration, reset, change) against the policy. Pure; never throws.
 * On success returns the NFC-normalised password, which is what must be hashed.
 */
export function checkPassword(password: string, options: PasswordPolicyOptions = {}): PasswordCheckResult {
  const minLength = Math.min(
    Math.max(Math.trunc(options.minLength ?? DEFAULT_PASSWORD_MIN_LENGTH), PASSWORD_MIN_LENGTH_FLOOR),
    PASSWORD_MAX_LENGTH,
  );
  if (typeof password !== 'string' || password.length === 0) return refuse('EMPTY', 'Enter a password.');
  if (password.length > RAW_LENGTH_GUARD) return refuse('TOO_LONG', `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

  const normalized = password.normalize('NFC');
  // Spaces are allowed anywhere, but a password of nothing but spaces is no secret at all.
  if (normalized.trim().length === 0) return refuse('EMPTY', 'Enter a password that is not only spaces.');
  const length = codePointLength(normalized);
  if (length > PASSWORD_MAX_LENGTH) {
    return refuse('TOO_LONG', `Use at most ${PASSWORD_MAX_LENGTH} characters; this password has ${length}.`);
  }
  if (length < minLength) {
    return refuse(
      'TOO_SHORT',
      `Use at least ${minLength} characters; this password has ${length}. A few unrelated words make a long password easy to remember.`,
    );
  }
  if (isCommonPassword(normalized)) {
    return refuse(
      'COMMON',
      'This password is on a list of common or breached passwords, so attackers try it first. Choose a different one.',
    );
  }
  if (options.email) {
    const lower = normalized.toLowerCase();
    if (emailFragments(options.email).some((fragment) => lower.includes(fragment))) {
      return refuse('CONTAINS_EMAIL', 'The password must not contain your email address or the part before the @.');
    }
  }
  return { ok: true, normalized };
}

/**
 * {@link checkPassword} for services: returns the normalised password to hash, or throws
 * `AppError(VALIDATION_FAILED)` (400, docs/design.md §10 (Errors)) with the policy's message and `details: { field, reason }`, where
 * `field` is the input's name (`password` unless given, e.g. `newPassword` on reset).
 */
export function assertPasswordAcceptable(password: string, options: PasswordPolicyOptions & { field?: string } = {}): string {
  const result = checkPassword(password, options);
  if (result.ok) return result.normalized;
  throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, {
    message: result.message,
    details: { field: options.field ?? 'password', reason: result.reason },
  });
}
