// Rule: during a key-encryption-key rotation a sealed secret opens under KEY_ENCRYPTION_KEY or under
// KEY_ENCRYPTION_KEY_PREVIOUS, and under no other key; KEY_ENCRYPTION_KEY_PREVIOUS is validated like the current key.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadIdentityConfig } from '../config.js';
import { decryptSecretWithAny, encryptSecret, KeyDecryptionError } from './key-encryption.js';

const current = randomBytes(32);
const previous = randomBytes(32);
const GATEWAY_PUBLIC_KEY = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
const aad = 'totp:0196a7c0-0000-7000-8000-000000000001';

describe('decryptSecretWithAny', () => {
  it('opens a secret sealed under the previous key, and one sealed under the current key', () => {
    expect(decryptSecretWithAny(encryptSecret('old', previous, aad), [current, previous], aad).toString()).toBe('old');
    expect(decryptSecretWithAny(encryptSecret('new', current, aad), [current, previous], aad).toString()).toBe('new');
  });

  it('refuses a secret sealed under neither key, or for another row, with KeyDecryptionError', () => {
    expect(() => decryptSecretWithAny(encryptSecret('x', randomBytes(32), aad), [current, previous], aad)).toThrow(KeyDecryptionError);
    expect(() => decryptSecretWithAny(encryptSecret('x', previous, aad), [current, previous], 'totp:another-user')).toThrow(
      KeyDecryptionError,
    );
    expect(() => decryptSecretWithAny(encryptSecret('x', previous, aad), [current], aad)).toThrow(KeyDecryptionError);
    expect(() => decryptSecretWithAny(encryptSecret('x', current, aad), [], aad)).toThrow(KeyDecryptionError);
  });

  it('still refuses a malformed sealed value', () => {
    expect(() => decryptSecretWithAny('not base64!', [current, previous], aad)).toThrow(KeyDecryptionError);
  });
});

describe('KEY_ENCRYPTION_KEY_PREVIOUS', () => {
  const base = {
    NODE_ENV: 'test',
    DATABASE_URL: 'postgres://db/x',
    REDIS_URL: 'memory://x',
    GATEWAY_ASSERTION_PUBLIC_KEY: GATEWAY_PUBLIC_KEY,
    KEY_ENCRYPTION_KEY: current.toString('base64'),
  };

  it('is optional: unset or empty means no rotation under way', () => {
    expect(loadIdentityConfig(base).KEY_ENCRYPTION_KEY_PREVIOUS).toBeUndefined();
    expect(loadIdentityConfig({ ...base, KEY_ENCRYPTION_KEY_PREVIOUS: '' }).KEY_ENCRYPTION_KEY_PREVIOUS).toBeUndefined();
  });

  it('decodes like KEY_ENCRYPTION_KEY', () => {
    expect(loadIdentityConfig({ ...base, KEY_ENCRYPTION_KEY_PREVIOUS: previous.toString('base64') }).KEY_ENCRYPTION_KEY_PREVIOUS).toEqual(
      previous,
    );
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['a placeholder', Buffer.alloc(32).toString('base64')],
    ['not base64', 'not a key at all, not base64 at all!!'],
  ])('refuses a value that is %s, naming the variable and never echoing it', (_, value) => {
    expect(() => loadIdentityConfig({ ...base, KEY_ENCRYPTION_KEY_PREVIOUS: value })).toThrow(/KEY_ENCRYPTION_KEY_PREVIOUS/);
    try {
      loadIdentityConfig({ ...base, KEY_ENCRYPTION_KEY_PREVIOUS: value });
    } catch (err) {
      expect((err as Error).message).not.toContain(value);
    }
  });
});
