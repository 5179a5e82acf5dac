// Verifies identity's access tokens. Self-contained on purpose: the gateway imports this file, so it depends on
// jose and nothing else (no identity internals, no workspace packages).
import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey, ProtectedHeaderParameters } from 'jose';

/** The `typ` header of an access token (RFC 9068 §2.1), so no other JWT can be replayed as one (RFC 8725 §3.11). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'RS256';
/** Everything identity puts in the header. Anything else (jwk, jku, x5u, x5c, crit, b64 …) is refused outright. */
const ALLOWED_HEADER_MEMBERS: ReadonlySet<string> = new Set(['alg', 'kid', 'typ']);
/** Our kids are base64url SHA-256 thumbprints (43 characters); this admits those and refuses paths, SQL, blobs. */
const KID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/** Far above a real token (about 1 KB with a 4096-bit key); bounds the work done before the signature check. */
const MAX_TOKEN_LENGTH = 8192;
const MAX_CLOCK_SKEW_SECONDS = 300;

/** What a verified access token says. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  roles: string[];
  amr: string[];
  exp: number;
  iat: number;
}

/** Why a token was refused: for logs and metrics only. Every reason means 401 to the client, with one message. */
export type AccessTokenRejection =
  'malformed' | 'header' | 'algorithm' | 'unknown_key' | 'key_unavailable' | 'signature' | 'expired' | 'claims' | 'invalid';

/** Thrown by `verify` for every refused token; `cause` holds jose's error when there is one. */
export class AccessTokenError extends Error {
  override name = 'AccessTokenError';
  readonly reason: AccessTokenRejection;

  constructor(reason: AccessTokenRejection, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

export interface AccessTokenVerifierOptions {
  /**
   * Where verification keys come from: jose `createRemoteJWKSet(url)` in the gateway (it re-fetches on an unknown
   * kid at most once per cooldown, 30 s by default, so a flood of made-up kids cannot turn into a fetch each) or
   * `createLocalJWKSet(jwks)` in tests.
   */
  jwks: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  clock?: () => Date;
  /** How far in the future `iat` and `nbf` may be, for clocks that disagree; 0–300, default 30. */
  maxClockSkewSeconds?: number;
}

/** Verifies one access token. */
export interface AccessTokenVerifier {
  /**
   * Checks the token's form, header, RS256 signature against the JWKS, type, issuer, audience and time claims.
   * @returns the claims, when every check passes.
   * @throws AccessTokenError for any refusal (its `reason` says which check failed). No side effects beyond what
   *   the `jwks` resolver does (a remote set may fetch the JWKS).
   */
  verify(token: string): Promise<AccessTokenClaims>;
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { jwks, issuer, audience } = options;
  const clock = options.clock ?? (() => new Date());
  const skew = options.maxClockSkewSeconds ?? 30;
  if (!Number.isInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new RangeError(`maxClockSkewSeconds must be an integer from 0 to ${MAX_CLOCK_SKEW_SECONDS}`);
  }
  if (!issuer || !audience) throw new RangeError('issuer and audience are required');

  return {
    async verify(token: string): Promise<AccessTokenClaims> {
      // Empty signatures (alg "none") and anything that is not a three-part compact JWS stop here.
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
        throw new AccessTokenError('malformed', 'not a compact JWS');
      }
      assertHeader(token);
      const now = clock();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, {
          // Pinned: the token's own alg is never trusted to choose the algorithm (RFC 8725 §3.1).
          algorithms: [ALGORITHM],
          issuer,
          audience,
          typ: ACCESS_TOKEN_TYPE,
          // jose accepts a token with no exp unless it is required.
          requiredClaims: ['exp', 'iat', 'sub', 'sid', 'iss', 'aud'],
          clockTolerance: skew,
          currentDate: now,
        }));
      } catch (err) {
        throw fromJose(err);
      }
      return claimsOf(payload, Math.floor(now.getTime() / 1000), skew);
    },
  };
}

/**
 * Header checks made before any key lookup, so hostile headers never reach the key resolver: no JWKS fetch,
 * no file path or SQL built from a kid.
 */
function assertHeader(token: string): void {
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw new AccessTokenError('malformed', 'the header is not base64url JSON', { cause });
  }
  for (const name of Object.keys(header)) {
    if (!ALLOWED_HEADER_MEMBERS.has(name)) {
      throw new AccessTokenError('header', `header member ${JSON.stringify(name.slice(0, 32))} is not accepted`);
    }
  }
  // Exact and case-sensitive: "none", "None", "NONE", "HS256", "PS256" all end here.
  if (header.alg !== ALGORITHM) throw new AccessTokenError('algorithm', `alg must be ${ALGORITHM}`);
  if (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid)) throw new AccessTokenError('header', 'kid is missing or malformed');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks jose leaves to the caller; `now` and `skew` are in seconds. */
function claimsOf(payload: JWTPayload, now: number, skew: number): AccessTokenClaims {
  const { sub, exp, iat } = payload;
  const { sid, roles, amr } = payload as Record<string, unknown>;
  if (typeof exp !== 'number' || typeof iat !== 'number') throw new AccessTokenError('claims', 'exp and iat must be numbers');
  // jose lets exp pass for clockTolerance seconds after it; an access token gets no such grace: exp <= now is dead.
  if (exp <= now) throw new AccessTokenError('expired', 'the token has expired');
  // jose only checks iat when maxTokenAge is set; a token "issued" in the future is forged or from a broken clock.
  if (iat > now + skew) throw new AccessTokenError('claims', 'iat is in the future');
  if (exp <= iat) throw new AccessTokenError('claims', 'exp is not after iat');
  if (typeof sub !== 'string' || sub === '') throw new AccessTokenError('claims', 'sub must be a non-empty string');
  if (typeof sid !== 'string' || sid === '') throw new AccessTokenError('claims', 'sid must be a non-empty string');
  if (!isStringArray(roles)) throw new AccessTokenError('claims', 'roles must be an array of strings');
  if (!isStringArray(amr)) throw new AccessTokenError('claims', 'amr must be an array of strings');
  return { sub, sid, roles: [...roles], amr: [...amr], exp, iat };
}

const JOSE_REASONS: Readonly<Record<string, AccessTokenRejection>> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'claims',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature',
  ERR_JWKS_NO_MATCHING_KEY: 'unknown_key',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'unknown_key',
  ERR_JWKS_TIMEOUT: 'key_unavailable',
  ERR_JWKS_INVALID: 'key_unavailable',
  ERR_JOSE_ALG_NOT_ALLOWED: 'algorithm',
  ERR_JOSE_NOT_SUPPORTED: 'algorithm',
  ERR_JWS_INVALID: 'malformed',
  ERR_JWT_INVALID: 'malformed',
};

function fromJose(err: unknown): AccessTokenError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  // Anything jose does not label (e.g. its TypeError for an RSA key under 2048 bits) is still a refusal.
  const reason = JOSE_REASONS[code] ?? 'invalid';
  return new AccessTokenError(reason, err instanceof Error ? err.message : 'verification failed', { cause: err });
}
