// Rule (ASVS 4.1.3): only listed proxy addresses are trusted; anything that is not an IP or CIDR is refused.
import { expect, it } from '@jest/globals';
import { isIpOrCidr, trustProxySetting } from './trusted-proxies.js';

it('accepts IPv4/IPv6 addresses and CIDR ranges', () => {
  for (const ok of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '::1', 'fd00::/8', '2001:db8::/128']) expect(isIpOrCidr(ok)).toBe(true);
});

it('refuses names, bad prefixes and junk', () => {
  for (const bad of ['loopback', 'proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/', '10.0.0.1/8/2', '10.0.0.256', ''])
    expect(isIpOrCidr(bad)).toBe(false);
});

it('trusts no proxy when none is listed', () => {
  expect(trustProxySetting([])).toBe(false);
  expect(trustProxySetting(['10.0.0.1'])).toEqual(['10.0.0.1']);
});
