// Rule: a signing key's kid is the RFC 7638 SHA-256 thumbprint of its public key, computed exactly as the RFC
// (and jose) compute it, so the kid names the key material and nothing else.
import { describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint } from 'jose';
import { rsaJwkThumbprint } from './jwk-thumbprint.js';

/** RFC 7517 Appendix A.1 / RFC 7638 §3.1: the example RSA public key. */
const RFC7638_KEY = {
  kty: 'RSA' as const,
  n:
    '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3' +
    'oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdA' +
    'ZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-' +
    'kEgU8awapJzKnqDKgw',
  e: 'AQAB',
};
const RFC7638_THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

describe('RFC 7638 JWK thumbprint', () => {
  it('reproduces the §3.1 vector', () => {
    expect(rsaJwkThumbprint(RFC7638_KEY)).toBe(RFC7638_THUMBPRINT);
  });

  it('agrees with jose calculateJwkThumbprint on the same vector', async () => {
    await expect(calculateJwkThumbprint(RFC7638_KEY, 'sha256')).resolves.toBe(RFC7638_THUMBPRINT);
  });

  it('ignores members outside kty, n, e and the order they come in', () => {
    const reordered = { e: RFC7638_KEY.e, n: RFC7638_KEY.n, kty: 'RSA' as const, kid: '2011-04-29', alg: 'RS256', use: 'sig' };
    expect(rsaJwkThumbprint(reordered)).toBe(RFC7638_THUMBPRINT);
  });

  it('changes with the key', () => {
    expect(rsaJwkThumbprint({ ...RFC7638_KEY, e: 'AQAC' })).not.toBe(RFC7638_THUMBPRINT);
  });
});
