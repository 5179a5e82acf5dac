import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

/** The request header by which a web client opts in to the refresh cookie, and its one accepted value. */
export const REFRESH_TOKEN_TRANSPORT_HEADER = 'x-refresh-token-transport';
export const COOKIE_TRANSPORT = 'cookie';

/** The cookie is sent back only to the GraphQL endpoint, never to REST, JWKS or the explorer. */
export const REFRESH_COOKIE_PATH = '/graphql';

export interface RefreshCookieSettings {
  name: string;
  /** False only for plain-http development on a host other than localhost (browsers refuse Secure there). */
  secure: boolean;
  maxAgeSeconds: number;
}

/** What one request says about the web session: whether it opted in, and the refresh token its cookie carries. */
export interface WebSession {
  cookieMode: boolean;
  /** The refresh cookie's value; null when not in cookie mode, or the cookie is absent or empty. */
  refreshToken: string | null;
}

/** A request of an API client (REST routes, calls without the opt-in header): the cookie plays no part. */
export const NO_WEB_SESSION: WebSession = Object.freeze({ cookieMode: false, refreshToken: null });

/**
 * Reads the opt-in header and, only when it is present, the refresh cookie. Without the header a cookie is
 * ignored, so an API client's behaviour never depends on what a browser may have stored.
 */
export function webSessionOf(headers: IncomingHttpHeaders, settings: Pick<RefreshCookieSettings, 'name'>): WebSession {
  const transport = headers[REFRESH_TOKEN_TRANSPORT_HEADER];
  const cookieMode = typeof transport === 'string' && transport.trim().toLowerCase() === COOKIE_TRANSPORT;
  if (!cookieMode) return NO_WEB_SESSION;
  return { cookieMode, refreshToken: readRefreshCookie(headers.cookie, settings.name) };
}

/**
 * The named cookie's value from a `Cookie` header, or null when absent or empty. Null too when the name appears
 * more than once: we set one cookie of that name, so a second one was planted (e.g. by a sibling subdomain with
 * `Domain=`), and guessing which is ours could sign the browser into someone else's session.
 */
export function readRefreshCookie(cookieHeader: string | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  const occurrences = cookieHeader.split(';').filter((pair) => pair.split('=')[0]?.trim() === name).length;
  if (occurrences > 1) return null;
  const value = parseCookie(cookieHeader)[name];
  return value ? value : null;
}

/**
 * The `Set-Cookie` value that stores a refresh token. HttpOnly keeps it from JavaScript (an XSS cannot read it);
 * SameSite=Strict keeps browsers from attaching it to cross-site requests; Path limits it to /graphql.
 * Throws a TypeError if the token holds characters a cookie value cannot (ours are base64url and a dot).
 */
export function refreshCookie(settings: RefreshCookieSettings, token: string): string {
  return stringifySetCookie(settings.name, token, attributesOf(settings, settings.maxAgeSeconds));
}

/** The `Set-Cookie` value that deletes the refresh cookie: same name, path and attributes, `Max-Age=0`. */
export function clearedRefreshCookie(settings: RefreshCookieSettings): string {
  return stringifySetCookie(settings.name, '', attributesOf(settings, 0));
}

function attributesOf(settings: RefreshCookieSettings, maxAge: number) {
  return { path: REFRESH_COOKIE_PATH, httpOnly: true, secure: settings.secure, sameSite: 'strict', maxAge } as const;
}
