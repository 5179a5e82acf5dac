import { jwtVerify, SignJWT } from 'jose';
import type { RequestIdentity, RequestMeta } from './identity.js';

/**
 * The gateway signs every request it forwards to a subgraph with a short-lived HS256 assertion carrying the
 * verified identity. Subgraphs accept nothing without it, so `_entities`, `_service` and every field are closed to
 * callers that did not pass the gateway's checks (a federation bypass; docs/design.md §5 (Authentication model)).
 */
export const GATEWAY_ASSERTION_HEADER = 'x-gateway-assertion';
const ISSUER = 'cbp-gateway';
const AUDIENCE = 'cbp-subgraph';
const TYPE = 'cbp-gateway+jwt';
const LIFETIME_SECONDS = 60;

export interface GatewayAssertion {
  identity: RequestIdentity;
  meta: RequestMeta;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signGatewayAssertion(secret: string, assertion: GatewayAssertion): Promise<string> {
  return new SignJWT({ identity: assertion.identity, meta: assertion.meta })
    .setProtectedHeader({ alg: 'HS256', typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(keyOf(secret));
}

/** Verifies an assertion; throws (any jose error) when it is missing, forged, expired or malformed. */
export async function verifyGatewayAssertion(secret: string, token: string): Promise<GatewayAssertion> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    algorithms: ['HS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
    typ: TYPE,
    requiredClaims: ['exp', 'iat'],
    maxTokenAge: LIFETIME_SECONDS + 5,
  });
  const identity = payload.identity as RequestIdentity | undefined;
  const meta = payload.meta as RequestMeta | undefined;
  if (!identity || (identity.kind !== 'anonymous' && identity.kind !== 'user') || !meta || typeof meta.requestId !== 'string') {
    throw new Error('malformed gateway assertion');
  }
  return { identity, meta };
}
