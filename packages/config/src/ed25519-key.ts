import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';

/**
 * Reads an Ed25519 key from configuration: a PEM (PKCS#8 private, SPKI public; `\n` escapes accepted, for env
 * files that hold one line) or a JWK as JSON. A public key must be public only: handing the private key to a
 * service that should only verify would give it the power to sign. @throws Error saying what is wrong.
 */
export function readEd25519Key(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('{')) {
    const jwk = JSON.parse(trimmed) as JsonWebKey;
    if (kind === 'public' && jwk.d !== undefined) throw new Error('must be a public key (the JWK holds a private part)');
    key = kind === 'private' ? createPrivateKey({ key: jwk, format: 'jwk' }) : createPublicKey({ key: jwk, format: 'jwk' });
  } else {
    const pem = trimmed.replace(/\\n/g, '\n');
    if (kind === 'public' && pem.includes('PRIVATE KEY')) throw new Error('must be a public key (got a private key)');
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 key (got ${key.asymmetricKeyType ?? 'another kind'})`);
  return key;
}

/** Whether `text` is an Ed25519 key of `kind` (for config validation). */
export function isEd25519Key(text: string, kind: 'private' | 'public'): boolean {
  try {
    readEd25519Key(text, kind);
    return true;
  } catch {
    return false;
  }
}
