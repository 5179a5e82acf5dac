import { createRemoteJWKSet } from 'jose';
import { isCanonicalUuid } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import type { Logger } from '@cbp/logging';
import { AccessTokenError, createAccessTokenVerifier } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';
import type { BearerVerifier } from './authenticator.js';
import type { SessionLookup } from './session-lookup.js';

export interface TokenVerifierOptions {
  jwksUrl: URL;
  issuer: string;
  audience: string;
  sessions: SessionLookup;
  logger: Logger;
  clock?: () => number;
}

/**
 * Verifies a bearer access token: signature against identity's JWKS (cached; an unknown `kid` triggers at most
 * one refetch per 30 s cooldown, so a flood of made-up kids cannot turn into a flood of fetches), RS256 only,
 * `typ: at+jwt`, iss, aud, exp/iat/nbf; then the session must exist, belong to `sub`, be unrevoked and unexpired.
 * Roles and scopes come from the session record, not the token, so a revoked role stops working at once.
 */
export function createTokenVerifier(options: TokenVerifierOptions): BearerVerifier & { reloadKeys(): Promise<void> } {
  const jwks = createRemoteJWKSet(options.jwksUrl, { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 });
  const verifier = createAccessTokenVerifier({ jwks, issuer: options.issuer, audience: options.audience });
  const clock = options.clock ?? Date.now;
  const refuse = (reason: string): never => {
    options.logger.info({ reason }, 'bearer token refused');
    throw new AppError(COMMON_ERRORS.UNAUTHENTICATED, { message: 'The access token is invalid or has expired.' });
  };
  // A reload announced by identity (key rotated): requests arriving meanwhile wait for it, so a token of the new
  // key is not refused by the cooldown in the window between the announcement and the refetch.
  let reloading: Promise<void> | null = null;
  return {
    reloadKeys(): Promise<void> {
      const current = jwks.reload().finally(() => {
        if (reloading === current) reloading = null;
      });
      reloading = current;
      return current;
    },
    async verify(token: string): Promise<RequestIdentity> {
      if (reloading) await reloading.catch(() => undefined);
      let claims: Awaited<ReturnType<typeof verifier.verify>>;
      try {
        claims = await verifier.verify(token);
      } catch (err) {
        return refuse(`token: ${err instanceof AccessTokenError ? err.reason : (err as Error).name}`);
      }
      if (!isCanonicalUuid(claims.sid)) return refuse('sid is not a session id');
      const session = await options.sessions.find(claims.sid);
      if (!session) return refuse('unknown session');
      if (session.revoked) return refuse('session revoked');
      if (session.expiresAt <= clock()) return refuse('session expired');
      if (session.userId !== claims.sub) return refuse('session belongs to another user');
      return {
        kind: 'user',
        userId: session.userId,
        sessionId: session.sessionId,
        roles: session.roles,
        scopes: session.scopes,
        amr: session.amr,
      };
    },
  };
}
