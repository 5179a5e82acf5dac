import type { ServerResponse } from 'node:http';
import type { ProxyOptions } from 'vite';

/**
 * The gateway's routes, as nginx proxies them in production (infra/nginx/templates/edge.conf.template),
 * plus the two health routes. Matched on whole path segments, so an SPA route such as `/authors` or
 * `/explorers` is never sent to the gateway.
 */
export const GATEWAY_ROUTE_PATTERN = '^/(graphql|auth|admin|explorer|\\.well-known|healthz|readyz)(?=/|\\?|$)';

/** The gateway's defaults (docs/design.md §2 (Processes and ports)). */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8080';
export const DEFAULT_WEB_PORT = 3000;
export const DEFAULT_WEB_HOST = '127.0.0.1';

const UNAVAILABLE_BODY = JSON.stringify({
  error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable.' },
});

/**
 * The dev server's proxy table: every gateway route goes to `gatewayUrl`, so that the SPA is same-origin in
 * development as it is behind nginx in production. The Host header is kept (cookies the gateway sets belong to
 * the SPA's origin) and X-Forwarded-* are added, as nginx does. When the gateway is down the answer is a 502 in
 * the API's error shape, like nginx's `@cbp_api_unavailable`, instead of an empty text body.
 */
export function gatewayProxy(gatewayUrl: string): Record<string, ProxyOptions> {
  const target = new URL(gatewayUrl).origin;
  return {
    [GATEWAY_ROUTE_PATTERN]: {
      target,
      changeOrigin: false,
      xfwd: true,
      configure(proxy) {
        proxy.on('error', (_err, _req, res) => {
          // `res` is a socket for WebSocket upgrades; only HTTP responses get a body.
          if (!('setHeader' in res)) return;
          const response = res as ServerResponse;
          if (response.headersSent || response.writableEnded) return;
          response.writeHead(502, { 'content-type': 'application/json', 'retry-after': '5' });
          response.end(UNAVAILABLE_BODY);
        });
      },
    },
  };
}
