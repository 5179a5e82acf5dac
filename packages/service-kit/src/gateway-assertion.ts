import type { KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { RequestIdentity, RequestMeta } from './identity.js';

/**
 * The gateway signs every request it forwards to a subgraph with a short-lived assertion carrying the verified
 * identity. Subgraphs accept nothing without it, so `_entities`, `_service` and every field are closed to callers
 * that did not pass the gateway's checks (a federation bypass; docs/design.md §5 (Authentication model)).
 *
 * EdDSA (Ed25519): only the gateway holds the private key, subgraphs hold the public key, so a subgraph (or
 * whoever takes one over) cannot mint an identity for the others. `aud` is the one subgraph it is for, and it is
 * bound to the request: its `meta.requestId` must equal the `x-request-id` header sent with it, and it lives 30 s.
 */
export const GATEWAY_ASSERTION_HEADER = 'x-gateway-assertion';
/** The header the gateway sends beside the assertion; the assertion is valid only with the same request id. */
export const REQUEST_ID_HEADER = 'x-request-id';
const ALGORITHM = 'EdDSA';
const ISSUER = 'cbp-gateway';
const TYPE = 'cbp-gateway+jwt';
export const GATEWAY_ASSERTION_LIFETIME_SECONDS = 30;
/** Clock skew tolerated between the gateway and a subgraph. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface GatewayAssertion {
  identity: RequestIdentity;
  meta: RequestMeta;
}

/** Signs the assertion of one request for one subgraph (`audience` is the subgraph's name). */
export async function signGatewayAssertion(privateKey: KeyObject, audience: string, assertion: GatewayAssertion): Promise<string> {
  return new SignJWT({ identity: assertion.identity, meta: assertion.meta })
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${GATEWAY_ASSERTION_LIFETIME_SECONDS}s`)
    .sign(privateKey);
}

/**
 * Verifies an assertion for subgraph `audience`, sent with request id `requestId`; throws (a jose error or an
 * Error) when it is missing, forged, signed with another key or algorithm, for another subgraph, expired, for
 * another request, or malformed.
 */
export async function verifyGatewayAssertion(
  publicKey: KeyObject,
  audience: string,
  token: string,
  requestId: string | undefined,
): Promise<GatewayAssertion> {
  const { payload } = await jwtVerify(token, publicKey, {
    algorithms: [ALGORITHM],
    issuer: ISSUER,
    audience,
    typ: TYPE,
    requiredClaims: ['exp', 'iat'],
    maxTokenAge: GATEWAY_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  });
  const identity = payload.identity as RequestIdentity | undefined;
  const meta = payload.meta as RequestMeta | undefined;
  if (!identity || (identity.kind !== 'anonymous' && identity.kind !== 'user') || !meta || typeof meta.requestId !== 'string') {
    throw new Error('malformed gateway assertion');
  }
  // A captured assertion cannot be replayed under another request id (which is what subgraphs log and record).
  if (requestId !== meta.requestId) throw new Error('gateway assertion is for another request');
  return { identity, meta };
}
