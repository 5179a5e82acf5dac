// Email addresses are account keys: one normalised form per mailbox (trimmed, lower-cased, ASCII domain), and
// anything that is not a plausible address is refused as VALIDATION_FAILED on the `email` field without echoing it.
import { describe, expect, it } from '@jest/globals';
import { AppError } from '@cbp/errors';
import { emailDomain, normalizeEmail } from './email-address.js';

function refusal(raw: string): unknown {
  try {
    normalizeEmail(raw);
  } catch (err) {
    return err;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('normalizeEmail', () => {
  it.each([
    ['alice@example.com', 'alice@example.com'],
    ['  Alice.Smith@Example.COM \n', 'alice.smith@example.com'],
    ['ALICE+news@sub.example.co.uk', 'alice+news@sub.example.co.uk'],
    ["o'brien_x-y@mail-host.example.org", "o'brien_x-y@mail-host.example.org"],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@XN--BCHER-KVA.de', 'user@xn--bcher-kva.de'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it('gives one key for every capitalisation of the same address', () => {
    expect(new Set(['Bob@Example.com', 'bob@example.com', 'BOB@EXAMPLE.COM'].map(normalizeEmail)).size).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['no @', 'alice.example.com'],
    ['two @', 'alice@bob@example.com'],
    ['nothing before @', '@example.com'],
    ['nothing after @', 'alice@'],
    ['domain without a dot', 'alice@localhost'],
    ['inner space', 'alice smith@example.com'],
    ['tab', 'alice\t@example.com'],
    ['newline (header injection)', 'alice@example.com\r\nBcc: victim@example.org'],
    ['NUL', 'alice\u0000@example.com'],
    ['bidi override', 'alice\u202e@example.com'],
    ['leading dot', '.alice@example.com'],
    ['trailing dot', 'alice.@example.com'],
    ['double dot', 'al..ice@example.com'],
    ['IP literal domain', 'alice@127.0.0.1'],
    ['bracketed IP', 'alice@[127.0.0.1]'],
    ['numeric TLD', 'alice@example.123'],
    ['angle brackets', '<alice@example.com>'],
    ['display name', 'Alice <alice@example.com>'],
    ['non-ASCII local part', 'jörg@example.com'],
    ['65-char local part', `${'a'.repeat(65)}@example.com`],
    ['255 characters', `${'a'.repeat(64)}@${'b'.repeat(61)}.${'c'.repeat(60)}.${'d'.repeat(63)}.com`],
    ['1,000 characters', `${'a'.repeat(990)}@example.com`],
  ])('refuses %s', (_label, raw) => {
    const err = refusal(raw);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, details: { field: 'email' } });
    // The message explains the problem without repeating the input.
    if (raw.trim().length > 3) expect((err as AppError).message).not.toContain(raw.trim());
  });

  it('accepts a 64-character local part and a 254-character address', () => {
    const local = 'a'.repeat(64);
    const address = `${local}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(63)}.com`;
    expect(address).toHaveLength(254);
    expect(normalizeEmail(address)).toBe(address);
  });

  it('says the address is too long when it is', () => {
    expect(refusal(`${'a'.repeat(990)}@example.com`)).toMatchObject({ message: expect.stringContaining('too long') });
  });

  it('refuses a value that is not a string (untyped REST body)', () => {
    expect(() => normalizeEmail(42 as unknown as string)).toThrow(AppError);
  });
});

describe('emailDomain', () => {
  it('returns only the domain', () => {
    expect(emailDomain('alice@Example.com')).toBe('example.com');
    expect(emailDomain('nonsense')).toBe('unknown');
  });
});
