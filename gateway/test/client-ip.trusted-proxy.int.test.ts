// Rule (ASVS 4.1.3): X-Forwarded-For is believed only when the immediate peer is a configured trusted proxy.
// From an untrusted peer a spoofed header does not change the rate-limit key (the socket address); behind a
// trusted proxy the header's client address is the key.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadGatewayConfig } from '../src/config.js';
import { randomEmail } from './support/limits.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let behindProxy: { url: string };

const LIMITS = {
  RATE_LIMIT_IP_POINTS: '2',
  RATE_LIMIT_IP_DURATION_SECONDS: '60',
  RATE_LIMIT_IP_BURST_POINTS: '1',
  RATE_LIMIT_IP_BURST_DURATION_SECONDS: '60',
};

beforeAll(async () => {
  // The main gateway trusts no proxy (the default); the extra one trusts the test client's loopback peer.
  platform = await startTestPlatform(LIMITS);
  behindProxy = await platform.startExtraGateway({ TRUSTED_PROXIES: '127.0.0.1/32,10.0.0.0/8' });
});

afterAll(async () => {
  await platform?.close();
});

const wrongLogin = async (base: string, forwardedFor?: string) =>
  (
    await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      body: JSON.stringify({ email: randomEmail(), password: 'nope' }),
    })
  ).status;

describe('untrusted peer', () => {
  it('keys the limit on the socket address, whatever X-Forwarded-For says', async () => {
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push(await wrongLogin(platform.gatewayUrl, `192.0.2.${i}`));
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('trusted proxy', () => {
  it('keys the limit on the forwarded client address', async () => {
    // 127.0.0.1 has spent its budget above; clients behind the proxy each have their own.
    expect(await wrongLogin(behindProxy.url, '192.0.2.77')).toBe(401);
    expect(await wrongLogin(behindProxy.url, '192.0.2.78')).toBe(401);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await wrongLogin(behindProxy.url, '192.0.2.79'));
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('takes the first address the trusted chain did not add, not one the client prepended', async () => {
    // The client sent "192.0.2.200" itself; a trusted proxy (10.1.2.3) appended the real peer 192.0.2.90.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await wrongLogin(behindProxy.url, `192.0.2.${200 + i}, 192.0.2.90, 10.1.2.3`));
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('without a forwarded header, falls back to the peer address', async () => {
    expect(await wrongLogin(behindProxy.url)).toBe(429);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('refuses anything but IPs and CIDR ranges', () => {
    expect(() => loadGatewayConfig({ ...platform.env, TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadGatewayConfig({ ...platform.env, TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
    expect(loadGatewayConfig({ ...platform.env, TRUSTED_PROXIES: '10.0.0.1, fd00::/8' }).TRUSTED_PROXIES).toEqual(['10.0.0.1', 'fd00::/8']);
  });
});
