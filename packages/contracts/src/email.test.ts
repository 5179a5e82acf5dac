// Email addresses are account keys: one normalised form per mailbox (trimmed, lower-cased, ASCII domain), and
// anything that is not a plausible address is refused with a reason, without echoing it.
import { describe, expect, it } from '@jest/globals';
import { normalizeEmailAddress } from './email.js';
import type { EmailRefusalReason } from './email.js';

function accepted(raw: unknown): string {
  const result = normalizeEmailAddress(raw);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(raw)}: ${result.reason}`);
  return result.email;
}

describe('normalizeEmailAddress', () => {
  it.each([
    ['alice@example.com', 'alice@example.com'],
    ['  Alice.Smith@Example.COM \n', 'alice.smith@example.com'],
    ['ALICE+news@sub.example.co.uk', 'alice+news@sub.example.co.uk'],
    ["o'brien_x-y@mail-host.example.org", "o'brien_x-y@mail-host.example.org"],
    ['user@bücher.de', 'user@xn--bcher-kva.de'],
    ['user@XN--BCHER-KVA.de', 'user@xn--bcher-kva.de'],
    ['victim@\uff45xample.com', 'victim@example.com'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(accepted(raw)).toBe(expected);
  });

  it('gives one key for every capitalisation and width of the same address', () => {
    expect(new Set(['Bob@Example.com', 'bob@example.com', 'BOB@EXAMPLE.COM', 'bob@\uff45xample.com'].map(accepted)).size).toBe(1);
  });

  it.each<[string, unknown, EmailRefusalReason]>([
    ['not a string', 42, 'missing'],
    ['empty', '', 'missing'],
    ['blank', '   ', 'missing'],
    ['no @', 'alice.example.com', 'at-sign'],
    ['two @', 'alice@bob@example.com', 'at-sign'],
    ['nothing before @', '@example.com', 'no-local-part'],
    ['nothing after @', 'alice@', 'no-domain'],
    ['domain without a dot', 'alice@localhost', 'no-domain'],
    ['inner space', 'alice smith@example.com', 'forbidden-characters'],
    ['tab', 'alice\t@example.com', 'forbidden-characters'],
    ['newline (header injection)', 'alice@example.com\r\nBcc: victim@example.org', 'forbidden-characters'],
    ['NUL', 'alice\u0000@example.com', 'forbidden-characters'],
    ['bidi override', 'alice\u202e@example.com', 'forbidden-characters'],
    ['leading dot', '.alice@example.com', 'malformed'],
    ['trailing dot', 'alice.@example.com', 'malformed'],
    ['double dot', 'al..ice@example.com', 'malformed'],
    ['IP literal domain', 'alice@127.0.0.1', 'no-domain'],
    ['bracketed IP', 'alice@[127.0.0.1]', 'no-domain'],
    ['numeric TLD', 'alice@example.123', 'no-domain'],
    ['angle brackets', '<alice@example.com>', 'no-domain'],
    ['display name', 'Alice <alice@example.com>', 'forbidden-characters'],
    ['non-ASCII local part', 'jörg@example.com', 'malformed'],
    ['65-char local part', `${'a'.repeat(65)}@example.com`, 'local-part-too-long'],
    ['255 characters', `${'a'.repeat(64)}@${'b'.repeat(61)}.${'c'.repeat(60)}.${'d'.repeat(63)}.com`, 'too-long'],
    ['1,000 characters', `${'a'.repeat(990)}@example.com`, 'too-long'],
  ])('refuses %s', (_label, raw, reason) => {
    const result = normalizeEmailAddress(raw);
    expect(result).toMatchObject({ ok: false, reason });
    // The message explains the problem without repeating the input.
    if (!result.ok && typeof raw === 'string' && raw.trim().length > 3) expect(result.message).not.toContain(raw.trim());
  });

  it('accepts a 64-character local part and a 254-character address', () => {
    const local = 'a'.repeat(64);
    const address = `${local}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(63)}.com`;
    expect(address).toHaveLength(254);
    expect(accepted(address)).toBe(address);
  });

  it('says the address is too long when it is', () => {
    expect(normalizeEmailAddress(`${'a'.repeat(990)}@example.com`)).toMatchObject({ message: expect.stringContaining('too long') });
  });
});
