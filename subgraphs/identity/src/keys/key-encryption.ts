import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from '@cbp/config';

/** AES-256 takes a 32-byte key. */
export const KEY_ENCRYPTION_KEY_BYTES = 32;
// 96-bit IV: the size GCM is specified for (NIST SP 800-38D); any other length is hashed into one.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

/** Raised when a sealed secret cannot be opened: wrong key, tampered bytes, or sealed for another row (aad). */
export class KeyDecryptionError extends Error {
  override name = 'KeyDecryptionError';
}

const GENERATE_HINT = 'generate one with `openssl rand -base64 32`';

/**
 * Decodes KEY_ENCRYPTION_KEY. Accepts base64 or base64url, padded or not, and nothing else: a value that only
 * decodes leniently (stray characters silently dropped) would be a different key from the one the operator meant.
 * Returns a message instead of throwing so the zod field can report it alongside every other config problem.
 * Messages never echo the value.
 */
function decodeKeyEncryptionKey(value: string): { key: Buffer } | { problem: string } {
  const unpadded = value.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/_-]+$/.test(unpadded) || value.length - unpadded.length > 2) {
    return { problem: `must be base64 of exactly ${KEY_ENCRYPTION_KEY_BYTES} random bytes; ${GENERATE_HINT}` };
  }
  const normalized = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
  const key = Buffer.from(normalized, 'base64url');
  if (key.toString('base64url') !== normalized) {
    return { problem: `is not canonical base64; ${GENERATE_HINT}` };
  }
  if (key.length !== KEY_ENCRYPTION_KEY_BYTES) {
    return { problem: `must decode to exactly ${KEY_ENCRYPTION_KEY_BYTES} bytes (it decodes to ${key.length}); ${GENERATE_HINT}` };
  }
  // One byte repeated (all zeros, 'AAAA…') is a placeholder, not a key.
  if (key.every((b) => b === key[0])) return { problem: `is a placeholder (one byte repeated), not a random key; ${GENERATE_HINT}` };
  return { key };
}

/**
 * Parses KEY_ENCRYPTION_KEY (base64 of exactly 32 bytes) into the raw key.
 * @throws Error naming the problem (wrong length, not base64, placeholder); the message never contains the value.
 */
export function parseKeyEncryptionKey(value: string): Buffer {
  const result = decodeKeyEncryptionKey(value);
  if ('problem' in result) throw new Error(`KEY_ENCRYPTION_KEY ${result.problem}`);
  return result.key;
}

/**
 * The zod field for the identity config: `KEY_ENCRYPTION_KEY: keyEncryptionKeyField()`. It outputs the decoded
 * 32-byte Buffer, and has no default: a secret must be supplied (and is on the log redaction list).
 */
export function keyEncryptionKeyField() {
  return z.string().transform((value, ctx): Buffer => {
    const result = decodeKeyEncryptionKey(value);
    if ('problem' in result) {
      ctx.addIssue({ code: 'custom', message: result.problem });
      return z.NEVER;
    }
    return result.key;
  });
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_ENCRYPTION_KEY_BYTES) throw new TypeError(`the key encryption key must be ${KEY_ENCRYPTION_KEY_BYTES} bytes`);
}

/**
 * Seals `plaintext` with AES-256-GCM: base64(iv(12) | tag(16) | ciphertext). `aad` is authenticated, not stored:
 * pass the row's primary key so a ciphertext copied into another row fails to open there.
 * A fresh random IV per call; with a random 96-bit IV one key may seal up to 2^32 messages (SP 800-38D §8.3),
 * far beyond the handful of signing keys it will ever protect.
 */
export function encryptSecret(plaintext: Buffer | string, key: Buffer, aad: string): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([
    cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/**
 * Opens a secret sealed under any of `keys`: the current KEY_ENCRYPTION_KEY first, then KEY_ENCRYPTION_KEY_PREVIOUS
 * while a rotation is under way (docs/operations.md, "Key-encryption-key rotation"). The sealed format carries no
 * key id, so each key is tried; GCM's tag makes a wrong key fail cleanly instead of returning garbage.
 * @throws KeyDecryptionError when no key opens it.
 */
export function decryptSecretWithAny(sealed: string, keys: readonly Buffer[], aad: string): Buffer {
  let failure: unknown = new KeyDecryptionError('no key encryption key to open the sealed secret with');
  for (const key of keys) {
    try {
      return decryptSecret(sealed, key, aad);
    } catch (err) {
      if (!(err instanceof KeyDecryptionError)) throw err;
      failure = err;
    }
  }
  throw failure;
}

/**
 * Opens what `encryptSecret` sealed, with the same key and aad.
 * @throws KeyDecryptionError when the key is wrong, the aad differs, or any byte (iv, tag, ciphertext) was changed.
 */
export function decryptSecret(sealed: string, key: Buffer, aad: string): Buffer {
  assertKey(key);
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.toString('base64') !== sealed || bytes.length <= IV_BYTES + TAG_BYTES) {
    throw new KeyDecryptionError('sealed secret is malformed');
  }
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const ciphertext = bytes.subarray(IV_BYTES + TAG_BYTES);
  // authTagLength pins the tag to 16 bytes, so a truncated tag (easier to forge) is refused, not checked short.
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    // update() output is unauthenticated until final() checks the tag; it is returned only when final() succeeds.
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (cause) {
    throw new KeyDecryptionError('sealed secret failed authentication (wrong KEY_ENCRYPTION_KEY, tampered, or sealed for another row)', {
      cause,
    });
  }
}
