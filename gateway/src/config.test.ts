// Rule: the refresh cookie's settings are validated at start-up like every other setting: a cookie-name token,
// Secure on unless explicitly turned off (never in production), and a lifetime in seconds.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadGatewayConfig, refreshCookieSettings } from './config.js';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  GATEWAY_ASSERTION_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
};

describe('refresh cookie settings', () => {
  it('defaults to cbp_refresh, Secure, 30 days', () => {
    expect(refreshCookieSettings(loadGatewayConfig(valid))).toEqual({ name: 'cbp_refresh', secure: true, maxAgeSeconds: 2_592_000 });
  });

  it('takes overrides', () => {
    const config = loadGatewayConfig({
      ...valid,
      REFRESH_COOKIE_NAME: 'web_rt',
      REFRESH_COOKIE_SECURE: 'false',
      REFRESH_COOKIE_MAX_AGE_SECONDS: '3600',
    });
    expect(refreshCookieSettings(config)).toEqual({ name: 'web_rt', secure: false, maxAgeSeconds: 3600 });
  });

  it('refuses names that are not cookie-name tokens, and the __Host- prefix (it needs Path=/)', () => {
    for (const name of ['a b', 'a;b', 'a=b', 'é', '__Host-rt']) {
      expect(() => loadGatewayConfig({ ...valid, REFRESH_COOKIE_NAME: name })).toThrow(/REFRESH_COOKIE_NAME: must/);
    }
  });

  it('refuses REFRESH_COOKIE_SECURE=false in production and for a __Secure- name', () => {
    expect(() => loadGatewayConfig({ ...valid, NODE_ENV: 'production', REFRESH_COOKIE_SECURE: 'false' })).toThrow(
      /REFRESH_COOKIE_SECURE: must be true when NODE_ENV=production/,
    );
    expect(() => loadGatewayConfig({ ...valid, REFRESH_COOKIE_NAME: '__Secure-rt', REFRESH_COOKIE_SECURE: 'false' })).toThrow(
      /REFRESH_COOKIE_SECURE: must be true for a __Secure-/,
    );
    expect(() => loadGatewayConfig({ ...valid, REFRESH_COOKIE_SECURE: 'maybe' })).toThrow(/REFRESH_COOKIE_SECURE: must be true or false/);
  });

  it('refuses a lifetime out of range', () => {
    expect(() => loadGatewayConfig({ ...valid, REFRESH_COOKIE_MAX_AGE_SECONDS: '0' })).toThrow(/REFRESH_COOKIE_MAX_AGE_SECONDS/);
  });
});

describe('subgraph URLs', () => {
  it('takes one URL as a list of one, and a comma-separated list as replicas', () => {
    expect(loadGatewayConfig(valid).IDENTITY_URL).toEqual(['http://127.0.0.1:4001/graphql']);
    const config = loadGatewayConfig({ ...valid, IDENTITY_URL: 'http://127.0.0.1:4001/graphql, http://127.0.0.1:4011/graphql' });
    expect(config.IDENTITY_URL).toEqual(['http://127.0.0.1:4001/graphql', 'http://127.0.0.1:4011/graphql']);
  });

  it('refuses a list with a bad or repeated URL', () => {
    expect(() => loadGatewayConfig({ ...valid, ADMIN_URL: 'http://127.0.0.1:4002/graphql,ftp://x' })).toThrow(/ADMIN_URL/);
    expect(() => loadGatewayConfig({ ...valid, ADMIN_URL: 'http://a/graphql,http://a/graphql' })).toThrow(/ADMIN_URL.*twice/);
  });
});
