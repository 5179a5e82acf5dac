import { describe, expect, it } from '@jest/globals';
import { GATEWAY_ROUTE_PATTERN, gatewayProxy } from './proxy.js';

describe('the dev server proxy', () => {
  const matches = (url: string) => new RegExp(GATEWAY_ROUTE_PATTERN).test(url);

  it('sends the gateway routes to the gateway', () => {
    for (const url of [
      '/graphql',
      '/graphql?query=%7B__typename%7D',
      '/auth/login',
      '/admin/ping',
      '/explorer',
      '/explorer/index.html',
      '/.well-known/jwks.json',
      '/.well-known/openid-configuration',
      '/healthz',
      '/readyz',
    ]) {
      expect([url, matches(url)]).toEqual([url, true]);
    }
  });

  it('leaves the SPA its own paths, even those that start like a gateway route', () => {
    for (const url of ['/', '/src/main.tsx', '/@vite/client', '/authors', '/administrator', '/graphqlx', '/readyz2', '/wellknown']) {
      expect([url, matches(url)]).toEqual([url, false]);
    }
  });

  it('targets the origin of the gateway URL and keeps the Host header', () => {
    const [options] = Object.values(gatewayProxy('http://127.0.0.1:18080/some/path'));
    expect(options).toMatchObject({ target: 'http://127.0.0.1:18080', changeOrigin: false, xfwd: true });
  });
});
