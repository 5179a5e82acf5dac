import { EntitySchema } from '@cbp/db';

/** The only algorithm identity signs with. Verifiers pin the same value (`@cbp/service-kit` access-token-verifier.ts). */
export const SIGNING_ALG = 'RS256';

/** `current` signs new tokens (at most one, enforced by a partial unique index); `retired` only verifies. */
export type SigningKeyStatus = 'current' | 'retired';

/**
 * The public half of a signing key exactly as the JWKS publishes it. RSA public members only: the private
 * members (`d`, `p`, `q`, `dp`, `dq`, `qi`) never appear in this shape or in the column that stores it.
 */
export interface PublicSigningJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: 'sig';
}

/** A row of `identity.signing_keys`. */
export interface SigningKey {
  /** The RFC 7638 SHA-256 JWK thumbprint of the public key, so the id is derived from the key, never chosen. */
  kid: string;
  alg: typeof SIGNING_ALG;
  publicJwk: PublicSigningJwk;
  /**
   * The PKCS#8 PEM private key sealed with AES-256-GCM under KEY_ENCRYPTION_KEY:
   * base64(iv(12) | tag(16) | ciphertext), with the kid as additional authenticated data (`key-encryption.ts`).
   */
  privateKeyEnc: string;
  status: SigningKeyStatus;
  createdAt: Date;
  retiredAt: Date | null;
  /** retiredAt + access-token TTL + clock skew (+ the signer cache window): after it no token it signed is valid. */
  expiresFromJwksAt: Date | null;
}

export const SigningKeySchema = new EntitySchema<SigningKey>({
  name: 'SigningKey',
  tableName: 'signing_keys',
  properties: {
    kid: { type: 'text', primary: true },
    alg: { type: 'text' },
    publicJwk: { type: 'json', columnType: 'jsonb' },
    // Hidden so that serialising an entity (logs, debugging output) never carries even the sealed private key.
    privateKeyEnc: { type: 'text', hidden: true },
    status: { type: 'text' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    retiredAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    expiresFromJwksAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});
