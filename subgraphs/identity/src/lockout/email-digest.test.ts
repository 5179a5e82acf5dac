// The unknown-email lockout key: stable for one key and email, different across emails and keys, never the email.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { emailDigester } from './email-digest.js';

describe('emailDigester', () => {
  it('is a keyed digest: stable per key and email, distinct across emails and keys, and not the email', () => {
    const key = randomBytes(32);
    const digest = emailDigester(key);
    expect(digest('a@example.test')).toBe(emailDigester(Buffer.from(key))('a@example.test'));
    expect(digest('a@example.test')).not.toBe(digest('b@example.test'));
    expect(digest('a@example.test')).not.toBe(emailDigester(randomBytes(32))('a@example.test'));
    expect(digest('a@example.test')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
