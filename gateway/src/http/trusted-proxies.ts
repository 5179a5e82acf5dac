import { isIP } from 'node:net';

/** True for an IPv4/IPv6 address, or one with a /prefix length valid for its family. */
export function isIpOrCidr(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Express's `trust proxy` setting for TRUSTED_PROXIES (ASVS 4.1.3): with none, `req.ip` is the socket peer and
 * X-Forwarded-For is ignored; otherwise X-Forwarded-For is read right to left only while the hop is one of
 * these proxies, so a client cannot choose its own address by sending the header.
 */
export function trustProxySetting(trustedProxies: readonly string[]): false | string[] {
  return trustedProxies.length === 0 ? false : [...trustedProxies];
}
