// Rule (ASVS 14.4, OWASP Secure Headers, docs/design.md §7 (Rate limits, lockout and GraphQL limits)): every response
// of the gateway, whatever the route family (GraphQL, REST auth, discovery/JWKS, health, metrics, 404), carries a
// deny-all CSP with frame-ancestors 'none', HSTS, nosniff, no-referrer and a same-site resource policy; CORS answers
// only the configured origins.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
const ALLOWED_ORIGIN = 'https://app.cbp.test';

beforeAll(async () => {
  platform = await startTestPlatform({ CORS_ORIGINS: ALLOWED_ORIGIN });
});

afterAll(async () => {
  await platform?.close();
});

const ROUTES: [string, string, unknown?][] = [
  ['POST', '/graphql', { query: '{ __typename }' }],
  ['POST', '/auth/login', { email: 'nobody@example.test', password: 'wrong' }],
  ['POST', '/auth/refresh', { refreshToken: 'nope' }],
  ['GET', '/.well-known/openid-configuration'],
  ['GET', '/.well-known/jwks.json'],
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/metrics'],
  ['GET', '/no-such-route'],
];

describe.each(ROUTES)('%s %s', (method, path, body) => {
  it('carries the security headers', async () => {
    const res = await platform.http(method, path, body === undefined ? {} : { body });
    expect(res.status).not.toBe(500);
    const h = res.headers;
    expect(h.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(h.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('cross-origin-resource-policy')).toBe('same-site');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('x-powered-by')).toBeNull();
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${platform.gatewayUrl}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });

  it('allows the configured origin with credentials, GET/POST and the API headers only', async () => {
    const res = await preflight(ALLOWED_ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'content-type,authorization,apollo-require-preflight,x-apollo-operation-name,x-refresh-token-transport',
    );
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives any other origin no CORS grant', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await platform.http('POST', '/graphql', {
      body: { query: '{ __typename }' },
      headers: { origin: 'https://evil.example' },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the browser read Retry-After on an allowed origin', async () => {
    const res = await platform.http('POST', '/graphql', { body: { query: '{ __typename }' }, headers: { origin: ALLOWED_ORIGIN } });
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
  });
});
