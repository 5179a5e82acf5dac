import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { REFRESH_TOKEN_TRANSPORT_HEADER } from '../web-session/refresh-cookie.js';

/**
 * Response headers for every gateway route (API, health, metrics, 404). The gateway serves JSON, so the CSP
 * allows nothing at all; the one page it serves (the explorer) sets its own, narrower-than-default policy.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-site' },
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * CORS for the configured origins only, with credentials. Other origins get no CORS headers at all, so the
 * browser withholds the response. The allowed headers include Apollo's CSRF-prevention preflight headers and
 * `x-refresh-token-transport`, by which the SPA opts in to the HttpOnly refresh cookie (web-session/).
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'content-type',
      'authorization',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      REFRESH_TOKEN_TRANSPORT_HEADER,
    ],
    exposedHeaders: ['retry-after', 'x-request-id'],
    maxAge: 600,
  });
}
