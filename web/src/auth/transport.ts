/** How the SPA talks to the gateway: same origin everywhere (Vite's proxy in development, nginx in production). */
export const GRAPHQL_PATH = '/graphql';

/**
 * Sent on every GraphQL request. It asks the gateway to keep the refresh token in its HttpOnly cookie
 * (`Set-Cookie` on login and refresh, read back on refresh) and to hand us an empty `refreshToken` field.
 */
export const REFRESH_TRANSPORT_HEADER = 'x-refresh-token-transport';
export const REFRESH_TRANSPORT_COOKIE = 'cookie';

/** The headers of every request to /graphql, Apollo's or our own fetch. */
export function gatewayHeaders(accessToken?: string | null): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json;q=0.9',
    [REFRESH_TRANSPORT_HEADER]: REFRESH_TRANSPORT_COOKIE,
    ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
  };
}
