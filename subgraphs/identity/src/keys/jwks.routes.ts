import { Router } from 'express';
import type { KeyRotationService } from './key-rotation.service.js';

/**
 * `GET /jwks.json`: identity's public JSON Web Key Set (mount it where the gateway proxies
 * `/.well-known/jwks.json`).
 *
 * Content type: `application/json`, not RFC 7517's `application/jwk-set+json`. Every JWKS consumer accepts plain
 * JSON, and Google, Microsoft, Auth0 and Okta all serve it that way, while some clients (older Java and .NET
 * libraries, API gateways' JWT plug-ins) check for `application/json` and refuse the more specific type. The body
 * is the same either way.
 *
 * Caching: five minutes, plus one minute of stale-while-revalidate. Retired keys stay in the set for a token
 * lifetime and more, so a stale copy never drops a key too early. The other direction is the cost: a new key is
 * published only when it becomes current, so a verifier reading through a shared HTTP cache may see a new kid up
 * to six minutes late. The gateway fetches from identity directly (no shared cache) and re-fetches on an unknown
 * kid, so it is not affected.
 */
export function jwksRouter(keys: Pick<KeyRotationService, 'jwks'>): Router {
  const router = Router();
  router.get('/jwks.json', async (_req, res) => {
    // Express 5 passes a rejected promise to the error handler, which answers with the shared error body.
    const body = await keys.jwks();
    res.set('Cache-Control', 'public, max-age=300, stale-while-revalidate=60');
    res.set('X-Content-Type-Options', 'nosniff');
    res.type('application/json').send(JSON.stringify(body));
  });
  return router;
}
