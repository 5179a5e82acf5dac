// Rule: the refresh cookie is `HttpOnly; Secure; SameSite=Strict; Path=/graphql` with the configured lifetime, is
// cleared with the same attributes and Max-Age=0, and is read only when the request opted in to cookie mode.
import { describe, expect, it } from '@jest/globals';
import { clearedRefreshCookie, NO_WEB_SESSION, readRefreshCookie, refreshCookie, webSessionOf } from './refresh-cookie.js';
import type { RefreshCookieSettings } from './refresh-cookie.js';

const settings: RefreshCookieSettings = { name: 'cbp_refresh', secure: true, maxAgeSeconds: 2_592_000 };
const TOKEN = 'Zm9vYmFy.c2VjcmV0LXNlY3JldA';

/** `name=value` and the set of attributes (their order carries no meaning). */
function parts(setCookie: string) {
  const [pair, ...attributes] = setCookie.split('; ');
  return { pair, attributes: attributes.sort() };
}

describe('refreshCookie', () => {
  it('stores the token with exactly HttpOnly, Secure, SameSite=Strict, Path=/graphql and Max-Age', () => {
    expect(parts(refreshCookie(settings, TOKEN))).toEqual({
      pair: `cbp_refresh=${TOKEN}`,
      attributes: ['HttpOnly', 'Max-Age=2592000', 'Path=/graphql', 'SameSite=Strict', 'Secure'],
    });
  });

  it('drops Secure only when configured off, and follows the configured name and lifetime', () => {
    expect(parts(refreshCookie({ name: 'web_rt', secure: false, maxAgeSeconds: 3600 }, TOKEN))).toEqual({
      pair: `web_rt=${TOKEN}`,
      attributes: ['HttpOnly', 'Max-Age=3600', 'Path=/graphql', 'SameSite=Strict'],
    });
  });

  it('is cleared with an empty value, the same attributes and Max-Age=0', () => {
    expect(parts(clearedRefreshCookie(settings))).toEqual({
      pair: 'cbp_refresh=',
      attributes: ['HttpOnly', 'Max-Age=0', 'Path=/graphql', 'SameSite=Strict', 'Secure'],
    });
  });

  it('encodes a value that could otherwise smuggle attributes', () => {
    expect(refreshCookie(settings, 'a; Domain=evil.example')).toMatch(/^cbp_refresh=a%3B%20Domain%3Devil\.example; /);
  });
});

describe('readRefreshCookie', () => {
  it('finds the named cookie among others, round-tripping what refreshCookie wrote', () => {
    const value = parts(refreshCookie(settings, TOKEN)).pair?.split('=')[1];
    expect(readRefreshCookie(`theme=dark; cbp_refresh=${value}; other=1`, 'cbp_refresh')).toBe(TOKEN);
  });

  it('is null when the header, the cookie or its value is missing', () => {
    expect(readRefreshCookie(undefined, 'cbp_refresh')).toBeNull();
    expect(readRefreshCookie('theme=dark', 'cbp_refresh')).toBeNull();
    expect(readRefreshCookie('cbp_refresh=', 'cbp_refresh')).toBeNull();
  });

  it('is null when the name is repeated: one of them was planted (a sibling domain), and we cannot tell which', () => {
    expect(readRefreshCookie('cbp_refresh=a.b; cbp_refresh=c.d', 'cbp_refresh')).toBeNull();
    expect(readRefreshCookie('cbp_refresh=a.b; xcbp_refresh=c.d; cbp_refresh_2=e', 'cbp_refresh')).toBe('a.b');
  });
});

describe('webSessionOf', () => {
  const cookie = `cbp_refresh=${TOKEN}`;

  it('is cookie mode with the cookie value when the request sends x-refresh-token-transport: cookie', () => {
    expect(webSessionOf({ 'x-refresh-token-transport': 'cookie', cookie }, settings)).toEqual({ cookieMode: true, refreshToken: TOKEN });
    expect(webSessionOf({ 'x-refresh-token-transport': ' Cookie ', cookie }, settings).cookieMode).toBe(true);
    expect(webSessionOf({ 'x-refresh-token-transport': 'cookie' }, settings)).toEqual({ cookieMode: true, refreshToken: null });
  });

  it('ignores the cookie without the header, or with any other value', () => {
    expect(webSessionOf({ cookie }, settings)).toEqual(NO_WEB_SESSION);
    expect(webSessionOf({ 'x-refresh-token-transport': 'body', cookie }, settings)).toEqual(NO_WEB_SESSION);
  });
});
