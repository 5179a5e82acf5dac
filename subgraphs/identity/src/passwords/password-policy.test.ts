// Password policy (NIST SP 800-63B-4, ASVS 6.2.1/6.2.4/6.2.5/6.2.8/6.2.9): length counted in code points after NFC,
// 15 by default and never below 8, 64+ allowed, at most 256, any Unicode, no composition rules, the whole password
// checked against a common-password list, and the user told why.
import { describe, expect, it } from '@jest/globals';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '@cbp/errors';
import { assertPasswordAcceptable, checkPassword, codePointLength, isCommonPassword } from './password-policy.js';

const refusal = (password: string, options?: Parameters<typeof checkPassword>[1]) => {
  const result = checkPassword(password, options);
  return result.ok ? 'OK' : result.reason;
};

describe('length', () => {
  it('refuses 14 characters and accepts 15 by default', () => {
    expect(refusal('abcdefgh-jklmn')).toBe('TOO_SHORT');
    expect(refusal('abcdefgh-jklmno')).toBe('OK');
  });

  it('uses the configured minimum, but never below 8', () => {
    expect(refusal('abcdefgh-jklmno', { minLength: 20 })).toBe('TOO_SHORT');
    expect(refusal('kx7-dwq9', { minLength: 8 })).toBe('OK');
    expect(refusal('kx7-dwq', { minLength: 4 })).toBe('TOO_SHORT');
  });

  it('allows 64 and 256 characters, refuses 257, and never truncates', () => {
    expect(refusal('a'.repeat(63) + 'b')).toBe('OK');
    const max = checkPassword('ab'.repeat(128));
    expect(max).toEqual({ ok: true, normalized: 'ab'.repeat(128) });
    expect(refusal('ab'.repeat(128) + 'c')).toBe('TOO_LONG');
    expect(refusal('x'.repeat(1_000_000))).toBe('TOO_LONG');
  });

  it('counts an emoji as one character, not two UTF-16 units', () => {
    const fourteen = 'abcdefghijklm\u{1F600}';
    expect(fourteen.length).toBe(15);
    expect(codePointLength(fourteen)).toBe(14);
    expect(refusal(fourteen)).toBe('TOO_SHORT');
    expect(refusal('abcdefghijklmn\u{1F600}')).toBe('OK');
    expect(refusal('\u{1F600}'.repeat(256))).toBe('OK');
    expect(refusal('\u{1F600}'.repeat(257))).toBe('TOO_LONG');
  });

  it('counts after NFC, so a decomposed é is one character', () => {
    const decomposed = 'cafe\u0301-creme-brulee';
    expect(decomposed.length).toBe(18);
    expect(codePointLength(decomposed.normalize('NFC'))).toBe(17);
    expect(refusal('e\u0301'.repeat(14))).toBe('TOO_SHORT');
  });
});

describe('normalisation', () => {
  it('returns the NFC form, the same for composed and decomposed input', () => {
    const composed = checkPassword('caf\u00e9 au lait, sans sucre');
    const decomposed = checkPassword('cafe\u0301 au lait, sans sucre');
    expect(composed).toEqual({ ok: true, normalized: 'caf\u00e9 au lait, sans sucre' });
    expect(decomposed).toEqual(composed);
  });
});

describe('no composition rules', () => {
  it.each([
    ['all lower-case words', 'correct horse battery staple'],
    ['digits only', '804261957302846'],
    ['spaces inside and around', '  mes vacances à la mer  '],
    ['non-Latin script', 'пароль для моего ящика'],
    ['emoji', '\u{1F511}\u{1F3E0}\u{1F40E}\u{1F50B}\u{1F4CE} horse battery'],
  ])('accepts %s', (_label, password) => {
    expect(refusal(password)).toBe('OK');
  });

  it('refuses an empty password and one of nothing but spaces', () => {
    expect(refusal('')).toBe('EMPTY');
    expect(refusal(' '.repeat(20))).toBe('EMPTY');
  });
});

describe('common passwords', () => {
  const listed = ['passwordpassword', 'qwerty123456789', '1qaz2wsx3edc4rfv', 'q1w2e3r4t5y6u7i8o9p0', '12345678900987654321'];

  it('uses entries that really are in the bundled list', () => {
    for (const p of [...listed, 'password', 'iloveyou']) expect(dictionary.passwords).toContain(p);
    expect(dictionary.passwords.length).toBeGreaterThan(40_000);
  });

  it.each(listed)('refuses %s, whatever its case', (password) => {
    expect(refusal(password)).toBe('COMMON');
    expect(refusal(password.toUpperCase())).toBe('COMMON');
  });

  it('refuses a listed password with spaces around it', () => {
    expect(refusal('  PasswordPassword ')).toBe('COMMON');
  });

  it('refuses short listed passwords when the minimum is 8', () => {
    expect(refusal('password', { minLength: 8 })).toBe('COMMON');
    expect(refusal('ILoveYou', { minLength: 8 })).toBe('COMMON');
  });

  it('checks the whole password, not parts of it', () => {
    expect(isCommonPassword('passwordpassword')).toBe(true);
    expect(refusal('passwordpassword but longer')).toBe('OK');
  });

  it('says why it refused', () => {
    const result = checkPassword('PasswordPassword');
    expect(result).toMatchObject({ ok: false, reason: 'COMMON', message: expect.stringMatching(/common or breached/) });
  });
});

describe('email', () => {
  it('refuses a password containing the local part, case-insensitively', () => {
    expect(refusal('my name is Alice.Smith ok', { email: 'alice.smith@example.com' })).toBe('CONTAINS_EMAIL');
    expect(refusal('ALICESMITH forever and ever', { email: 'alice.smith@example.com' })).toBe('CONTAINS_EMAIL');
    expect(refusal('alice.smith@example.com', { email: 'alice.smith@example.com' })).toBe('CONTAINS_EMAIL');
  });

  it('refuses the local part without its +tag', () => {
    expect(refusal('bobbyjones rides again', { email: 'bobbyjones+shop@example.com' })).toBe('CONTAINS_EMAIL');
  });

  it('ignores local parts shorter than 3 characters', () => {
    expect(refusal('al is my long passphrase', { email: 'al@example.com' })).toBe('OK');
    expect(refusal('bob is my long passphrase', { email: 'bob@example.com' })).toBe('CONTAINS_EMAIL');
  });

  it('accepts a password unrelated to the email', () => {
    expect(refusal('correct horse battery staple', { email: 'alice.smith@example.com' })).toBe('OK');
  });
});

describe('assertPasswordAcceptable', () => {
  it('returns the normalised password', () => {
    expect(assertPasswordAcceptable('cafe\u0301 au lait, sans sucre')).toBe('caf\u00e9 au lait, sans sucre');
  });

  it('throws VALIDATION_FAILED (400) naming the field and the reason, with a message for the user', () => {
    let thrown: unknown;
    try {
      assertPasswordAcceptable('too short', { minLength: 15 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      details: { field: 'password', reason: 'TOO_SHORT' },
      message: expect.stringContaining('at least 15 characters'),
    });
  });

  it('names another field when asked (newPassword on reset)', () => {
    expect(() => assertPasswordAcceptable('qwerty123456789', { field: 'newPassword' })).toThrow(
      expect.objectContaining({ details: { field: 'newPassword', reason: 'COMMON' } }),
    );
  });
});
