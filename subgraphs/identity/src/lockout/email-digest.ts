import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The lockout key of an email without an account: an HMAC of the normalised email under a key derived from
 * KEY_ENCRYPTION_KEY, so the lockout table never holds the emails someone tried (and a reader of it cannot test
 * guesses without the key). A key rotation starts these counts again, which only ever favours the owner.
 */
export function emailDigester(keyEncryptionKey: Buffer): (normalizedEmail: string) => string {
  const key = Buffer.from(hkdfSync('sha256', keyEncryptionKey, Buffer.alloc(0), 'cbp lockout email digest', 32));
  return (normalizedEmail) => createHmac('sha256', key).update(normalizedEmail, 'utf8').digest('base64url');
}
