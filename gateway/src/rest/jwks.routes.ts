import { Router } from 'express';
import type { Request, Response } from 'express';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import type { Logger } from '@cbp/logging';

const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=60';

/**
 * Serves identity's public JWKS at `/auth/keys/jwks.json` and `/.well-known/jwks.json`, and the discovery
 * document. The JWKS is fetched from identity and kept for 30 s (served stale if identity is briefly away), so a
 * rotation shows up within that window plus the client's own Cache-Control window.
 */
export function jwksRoutes(options: {
  identityJwksUrl: URL;
  issuer: string;
  publicBaseUrl: string;
  logger: Logger;
}): Router & { invalidate(): void } {
  const router = Router();
  let cached: { body: string; at: number } | null = null;
  let inflight: Promise<string> | null = null;

  async function load(): Promise<string> {
    if (cached && Date.now() - cached.at < 30_000) return cached.body;
    inflight ??= fetch(options.identityJwksUrl, { signal: AbortSignal.timeout(3000) })
      .then(async (response) => {
        if (!response.ok) throw new Error(`identity answered ${response.status}`);
        const body = JSON.stringify(await response.json());
        cached = { body, at: Date.now() };
        return body;
      })
      .finally(() => {
        inflight = null;
      });
    try {
      return await inflight;
    } catch (err) {
      if (cached) {
        options.logger.warn({ err }, 'JWKS refresh failed; serving the last copy');
        return cached.body;
      }
      // Identity is away and nothing is cached yet: a temporary condition (503), not a bug of ours (500).
      options.logger.warn({ err }, 'JWKS unavailable: identity did not answer');
      throw new AppError(COMMON_ERRORS.SERVICE_UNAVAILABLE, { cause: err });
    }
  }

  const serveJwks = async (_req: Request, res: Response) => {
    const body = await load();
    res.setHeader('cache-control', CACHE_CONTROL);
    res.type('application/json').send(body);
  };
  router.get('/auth/keys/jwks.json', serveJwks);
  router.get('/.well-known/jwks.json', serveJwks);
  router.get('/.well-known/openid-configuration', (_req, res) => {
    res.setHeader('cache-control', CACHE_CONTROL);
    // Discovery for resource servers that verify our access tokens: where the keys are and how tokens are
    // signed. We are not an OpenID provider (no authorization endpoint), so no more is claimed.
    res.json({
      issuer: options.issuer,
      jwks_uri: `${options.publicBaseUrl}/.well-known/jwks.json`,
      access_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['iss', 'aud', 'sub', 'sid', 'iat', 'exp', 'jti', 'roles', 'amr'],
    });
  });
  // After a rotation (identity's `keys:rotated` announcement) the next request fetches the new set.
  return Object.assign(router, {
    invalidate() {
      cached = null;
    },
  });
}
