import { fields, parseEnv, z } from '@cbp/config';
import type { Env } from '@cbp/config';

export const gatewayEnvSchema = z.object({
  NODE_ENV: fields.nodeEnv().default('development'),
  LOG_LEVEL: fields.logLevel().default('info'),
  BIND_HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: fields.port().default(8080),
  IDENTITY_URL: fields.url(['http', 'https']).default('http://127.0.0.1:4001/graphql'),
  ADMIN_URL: fields.url(['http', 'https']).default('http://127.0.0.1:4002/graphql'),
  ANALYTICS_URL: fields.url(['http', 'https']).default('http://127.0.0.1:8000/graphql'),
  /** Read only for the session check on a cache miss (identity.session_principals). */
  DATABASE_URL: fields.url(['postgres', 'postgresql']),
  DB_POOL_MAX: fields.int(1, 100).default(10),
  REDIS_URL: fields.url(['redis', 'rediss', 'memory']),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]*$/, { error: 'may hold only letters, digits and _ . : -' }).default('cbp:'),
  GATEWAY_SHARED_SECRET: fields.secret(32),
  /** The `iss` of our access tokens, and the public base URL of the gateway (discovery, JWKS URL). */
  JWT_ISSUER: fields.url(['http', 'https']).default('http://localhost:8080'),
  JWT_AUDIENCE: z.string().min(1).default('cbp-api'),
  /** Origins allowed by CORS (the SPA's origin in development). */
  CORS_ORIGINS: fields.csv().default(['http://localhost:3000', 'http://127.0.0.1:3000']),
  SHUTDOWN_GRACE_MS: fields.int(0, 120_000).default(10_000),
  /** Largest accepted request body; payloads are small, so anything bigger is refused before parsing. */
  BODY_LIMIT_BYTES: fields.int(1024, 10 * 1024 * 1024).default(100 * 1024),
});

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: Env) {
  return parseEnv('gateway', gatewayEnvSchema, env);
}

/** Subgraph URLs by the names used in the supergraph. */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return { identity: config.IDENTITY_URL, admin: config.ADMIN_URL, analytics: config.ANALYTICS_URL };
}

/** identity serves its public JWKS beside its GraphQL endpoint. */
export function identityJwksUrl(config: GatewayConfig): URL {
  return new URL('/jwks.json', config.IDENTITY_URL);
}
