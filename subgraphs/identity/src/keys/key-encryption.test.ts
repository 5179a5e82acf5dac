// Rule: a signing key's private part is stored only sealed with AES-256-GCM under KEY_ENCRYPTION_KEY, bound to its
// kid. Changing any stored byte, moving the ciphertext to another row, or using another key must fail loudly.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { parseEnv, z } from '@cbp/config';
import { decryptSecret, encryptSecret, KeyDecryptionError, keyEncryptionKeyField, parseKeyEncryptionKey } from './key-encryption.js';

const key = randomBytes(32);
const kid = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';
const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';

/** Flips one bit of the decoded byte at `index` (negative counts from the end) and re-encodes. */
function flip(sealed: string, index: number): string {
  const bytes = Buffer.from(sealed, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('AES-256-GCM sealing of private keys', () => {
  it('round-trips, with layout iv(12) | tag(16) | ciphertext', () => {
    const sealed = encryptSecret(pem, key, kid);
    expect(Buffer.from(sealed, 'base64')).toHaveLength(12 + 16 + Buffer.byteLength(pem));
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(decryptSecret(sealed, key, kid).toString('utf8')).toBe(pem);
  });

  it('uses a fresh IV each time, so equal plaintexts give different ciphertexts', () => {
    const a = encryptSecret(pem, key, kid);
    const b = encryptSecret(pem, key, kid);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').subarray(0, 12).equals(Buffer.from(b, 'base64').subarray(0, 12))).toBe(false);
  });

  it.each([
    ['the IV', 0],
    ['the tag', 12],
    ['the first ciphertext byte', 28],
    ['the last ciphertext byte', -1],
  ])('refuses a ciphertext with one bit flipped in %s', (_where, index) => {
    const sealed = encryptSecret(pem, key, kid);
    expect(() => decryptSecret(flip(sealed, index), key, kid)).toThrow(KeyDecryptionError);
  });

  it('refuses a truncated tag or a sealed value with no ciphertext', () => {
    const bytes = Buffer.from(encryptSecret(pem, key, kid), 'base64');
    expect(() => decryptSecret(bytes.subarray(0, 28).toString('base64'), key, kid)).toThrow(KeyDecryptionError);
    expect(() => decryptSecret('', key, kid)).toThrow(KeyDecryptionError);
    expect(() => decryptSecret('not base64!', key, kid)).toThrow(KeyDecryptionError);
  });

  it('refuses a ciphertext moved to another row (the aad is the kid)', () => {
    const sealed = encryptSecret(pem, key, kid);
    expect(() => decryptSecret(sealed, key, 'another-kid')).toThrow(KeyDecryptionError);
    expect(() => decryptSecret(sealed, key, '')).toThrow(KeyDecryptionError);
  });

  it('refuses the wrong key', () => {
    const sealed = encryptSecret(pem, key, kid);
    expect(() => decryptSecret(sealed, randomBytes(32), kid)).toThrow(KeyDecryptionError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => encryptSecret(pem, randomBytes(16), kid)).toThrow(TypeError);
    expect(() => decryptSecret(encryptSecret(pem, key, kid), randomBytes(31), kid)).toThrow(TypeError);
  });
});

describe('KEY_ENCRYPTION_KEY parsing', () => {
  it('accepts base64 and base64url of 32 bytes, padded or not', () => {
    const raw = randomBytes(32);
    expect(parseKeyEncryptionKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(parseKeyEncryptionKey(raw.toString('base64url')).equals(raw)).toBe(true);
    expect(parseKeyEncryptionKey(raw.toString('base64').replace(/=+$/, '')).equals(raw)).toBe(true);
  });

  it.each([16, 24, 31, 33, 64])('refuses %i bytes, naming the length it got', (bytes) => {
    expect(() => parseKeyEncryptionKey(randomBytes(bytes).toString('base64'))).toThrow(
      `KEY_ENCRYPTION_KEY must decode to exactly 32 bytes (it decodes to ${bytes})`,
    );
  });

  it('refuses non-base64, non-canonical base64 and placeholders', () => {
    expect(() => parseKeyEncryptionKey('correct horse battery staple, not a key!!!!')).toThrow(/must be base64 of exactly 32/);
    // 43 base64 characters carry 258 bits: the last character's low bits must be zero in canonical base64.
    // 'B' is 000001, so ending in it sets a bit past the 256th: it decodes, but not to what it says.
    const nonCanonical = `${randomBytes(32).toString('base64url').slice(0, 42)}B`;
    expect(() => parseKeyEncryptionKey(nonCanonical)).toThrow(/not canonical/);
    expect(() => parseKeyEncryptionKey(Buffer.alloc(32).toString('base64'))).toThrow(/placeholder/);
    expect(() => parseKeyEncryptionKey(Buffer.alloc(32, 7).toString('base64'))).toThrow(/placeholder/);
  });

  it('the zod field decodes to a Buffer and reports problems through parseEnv without echoing the value', () => {
    const schema = z.object({ KEY_ENCRYPTION_KEY: keyEncryptionKeyField() });
    const raw = randomBytes(32);
    const config = parseEnv('identity', schema, { KEY_ENCRYPTION_KEY: raw.toString('base64') });
    expect(Buffer.isBuffer(config.KEY_ENCRYPTION_KEY) && config.KEY_ENCRYPTION_KEY.equals(raw)).toBe(true);

    const short = randomBytes(16).toString('base64');
    expect(() => parseEnv('identity', schema, { KEY_ENCRYPTION_KEY: short })).toThrow(
      'identity: invalid configuration: KEY_ENCRYPTION_KEY: must decode to exactly 32 bytes (it decodes to 16)',
    );
    const message = ((): string => {
      try {
        parseEnv('identity', schema, { KEY_ENCRYPTION_KEY: short });
        return 'accepted';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toMatch(/^identity: invalid configuration/);
    expect(message).not.toContain(short);
    expect(() => parseEnv('identity', schema, {})).toThrow('KEY_ENCRYPTION_KEY is required');
  });
});
