import { createHash } from 'node:crypto';

/** The members RFC 7638 §3.2 requires for an RSA key. */
export interface RsaPublicMembers {
  kty: 'RSA';
  n: string;
  e: string;
}

/**
 * The RFC 7638 JWK thumbprint (SHA-256, base64url) of an RSA public key: the hash of the required members only,
 * in lexicographic order, with no whitespace. Any other member (`kid`, `alg`, `use`) does not change it, so the
 * kid names the key material itself and cannot be pointed at a different key.
 */
export function rsaJwkThumbprint(jwk: RsaPublicMembers): string {
  // Built by hand rather than JSON.stringify(jwk) so the member order is the RFC's, whatever the input object's.
  const canonical = `{"e":${JSON.stringify(jwk.e)},"kty":"RSA","n":${JSON.stringify(jwk.n)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}
