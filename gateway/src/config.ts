import { fields, parseEnv, z } from '@cbp/config';
import type { Env } from '@cbp/config';
import { isIpOrCidr } from './http/trusted-proxies.js';
import type { AuthRateLimitSettings } from './limits/auth-rate-limits.js';
import type { RefreshCookieSettings } from './web-session/refresh-cookie.js';

/**
 * A subgraph's URL, or the comma-separated URLs of its replicas (docs/design.md §2 (Processes and ports)). Parsed
 * into a list; one URL is a list of one.
 */
const subgraphUrlList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(fields.url(['http', 'https']))
        .min(1)
        .refine((list) => new Set(list).size === list.length, { error: 'must not list the same URL twice' }),
    );

export const gatewayEnvSchema = z
  .object({
    NODE_ENV: fields.nodeEnv().default('development'),
    LOG_LEVEL: fields.logLevel().default('info'),
    BIND_HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: fields.port().default(8080),
    IDENTITY_URL: subgraphUrlList('http://127.0.0.1:4001/graphql'),
    ADMIN_URL: subgraphUrlList('http://127.0.0.1:4002/graphql'),
    ANALYTICS_URL: subgraphUrlList('http://127.0.0.1:8000/graphql'),
    /** Read only for the session check on a cache miss (identity.session_principals). */
    DATABASE_URL: fields.url(['postgres', 'postgresql']),
    DB_POOL_MAX: fields.int(1, 100).default(10),
    REDIS_URL: fields.url(['redis', 'rediss', 'memory']),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]*$/, { error: 'may hold only letters, digits and _ . : -' })
      .default('cbp:'),
    /**
     * Shared by identity and the gateway: the HMAC key of the cached session principals in Redis, so a write to Redis
     * alone cannot mint one (docs/design.md §5 (Authentication model)). Required in production; elsewhere a random
     * key per process (each then reads only its own entries: a cache miss costs one PostgreSQL read).
     */
    SESSION_CACHE_MAC_KEY: fields.secret(32).optional(),
    /** Signs the assertions subgraphs accept (Ed25519, PEM or JWK); held by the gateway only (docs/design.md §5 (Authentication model)). */
    GATEWAY_ASSERTION_PRIVATE_KEY: fields.ed25519Key('private'),
    /** The `iss` of our access tokens, and the public base URL of the gateway (discovery, JWKS URL). */
    JWT_ISSUER: fields.url(['http', 'https']).default('http://localhost:8080'),
    JWT_AUDIENCE: z.string().min(1).default('cbp-api'),
    /** Origins allowed by CORS (the SPA's origin in development). */
    CORS_ORIGINS: fields.csv().default(['http://localhost:3000', 'http://127.0.0.1:3000']),
    SHUTDOWN_GRACE_MS: fields.int(0, 120_000).default(10_000),
    /** Largest accepted request body; payloads are small, so anything bigger is refused before parsing. */
    BODY_LIMIT_BYTES: fields.int(1024, 10 * 1024 * 1024).default(100 * 1024),
    /**
     * Proxies whose X-Forwarded-For is believed (CSV of IPs or CIDRs). Empty: the client IP is the socket peer and
     * the header is ignored (ASVS 4.1.3).
     */
    TRUSTED_PROXIES: fields
      .csv()
      .default([])
      .refine((list) => list.every(isIpOrCidr), { error: 'must be a comma-separated list of IP addresses or CIDR ranges' }),
    /**
     * Rate limits of auth calls (REST /auth/* and their GraphQL mutations), docs/design.md §7 (Rate limits, lockout
     * and GraphQL limits). Failed auth calls per client IP: POINTS per DURATION, then BURST more per BURST_DURATION
     * (every call is charged before it runs, and refunded when it succeeds).
     */
    RATE_LIMIT_IP_POINTS: fields.int(1, 1_000_000).default(20),
    RATE_LIMIT_IP_DURATION_SECONDS: fields.int(1, 86_400).default(60),
    RATE_LIMIT_IP_BURST_POINTS: fields.int(1, 1_000_000).default(10),
    RATE_LIMIT_IP_BURST_DURATION_SECONDS: fields.int(1, 86_400).default(600),
    /** Every auth call per client IP, successes included. */
    RATE_LIMIT_IP_CAPACITY_POINTS: fields.int(1, 1_000_000).default(600),
    RATE_LIMIT_IP_CAPACITY_DURATION_SECONDS: fields.int(1, 86_400).default(60),
    /** Refreshes per session (a successful refresh draws on this, not on the IP's failures). */
    RATE_LIMIT_REFRESH_SESSION_POINTS: fields.int(1, 1_000_000).default(60),
    RATE_LIMIT_REFRESH_SESSION_DURATION_SECONDS: fields.int(1, 86_400).default(60),
    /** Invitations created per signed-in user. */
    RATE_LIMIT_INVITATION_POINTS: fields.int(1, 1_000_000).default(20),
    RATE_LIMIT_INVITATION_DURATION_SECONDS: fields.int(1, 7 * 86_400).default(86_400),
    /** Login attempts per account (normalised e-mail; the signed-in user for a re-authentication). */
    RATE_LIMIT_LOGIN_POINTS: fields.int(1, 1_000_000).default(10),
    RATE_LIMIT_LOGIN_DURATION_SECONDS: fields.int(1, 86_400).default(60),
    /** OTP / recovery-code attempts and TOTP management calls per account. */
    RATE_LIMIT_OTP_POINTS: fields.int(1, 1_000_000).default(5),
    RATE_LIMIT_OTP_DURATION_SECONDS: fields.int(1, 86_400).default(900),
    /** E-mail sending requests (verification, password reset) per address. */
    RATE_LIMIT_EMAIL_POINTS: fields.int(1, 1_000_000).default(5),
    RATE_LIMIT_EMAIL_DURATION_SECONDS: fields.int(1, 86_400).default(3600),
    /** GraphQL document limits (graphql-armor). Depth 10 fits `me { sessions { … } }` and the admin queries. */
    GRAPHQL_MAX_ALIASES: fields.int(1, 1000).default(15),
    GRAPHQL_MAX_DEPTH: fields.int(2, 100).default(10),
    GRAPHQL_MAX_COST: fields.int(1, 1_000_000).default(5000),
    GRAPHQL_MAX_TOKENS: fields.int(50, 100_000).default(1000),
    GRAPHQL_MAX_DIRECTIVES: fields.int(1, 1000).default(50),
    /**
     * The refresh cookie of web clients (requests with `x-refresh-token-transport: cookie`). The name is a cookie
     * token; `__Host-` is refused because that prefix requires `Path=/` and the cookie is scoped to /graphql.
     */
    REFRESH_COOKIE_NAME: z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/, {
        error: "must be 1 to 64 cookie-name characters (letters, digits and !#$%&'*+-.^_`|~)",
      })
      .refine((name) => !/^__host-/i.test(name), {
        error: 'must not use the __Host- prefix (it requires Path=/; the cookie is scoped to /graphql)',
      })
      .default('cbp_refresh'),
    /** false only for plain-http development on a host other than localhost (browsers treat http://localhost as secure). */
    REFRESH_COOKIE_SECURE: fields.bool().default(true),
    /** The cookie's lifetime: the session's absolute lifetime (30 days); identity's server-side expiry still rules. */
    REFRESH_COOKIE_MAX_AGE_SECONDS: fields.int(60, 400 * 86_400).default(2_592_000),
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.SESSION_CACHE_MAC_KEY !== undefined, {
    error: 'is required when NODE_ENV=production',
    path: ['SESSION_CACHE_MAC_KEY'],
  })
  .refine((c) => c.REFRESH_COOKIE_SECURE || c.NODE_ENV !== 'production', {
    error: 'must be true when NODE_ENV=production',
    path: ['REFRESH_COOKIE_SECURE'],
  })
  .refine((c) => c.REFRESH_COOKIE_SECURE || !/^__secure-/i.test(c.REFRESH_COOKIE_NAME), {
    error: 'must be true for a __Secure- cookie name',
    path: ['REFRESH_COOKIE_SECURE'],
  });

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: Env) {
  return parseEnv('gateway', gatewayEnvSchema, env);
}

/** The auth rate-limit budgets (docs/design.md §7 (Rate limits, lockout and GraphQL limits)). */
export function authRateLimitSettings(config: GatewayConfig): AuthRateLimitSettings {
  const policy = (points: number, durationSeconds: number) => ({ points, durationSeconds });
  return {
    ipFailures: {
      ...policy(config.RATE_LIMIT_IP_POINTS, config.RATE_LIMIT_IP_DURATION_SECONDS),
      burst: policy(config.RATE_LIMIT_IP_BURST_POINTS, config.RATE_LIMIT_IP_BURST_DURATION_SECONDS),
    },
    ipCapacity: policy(config.RATE_LIMIT_IP_CAPACITY_POINTS, config.RATE_LIMIT_IP_CAPACITY_DURATION_SECONDS),
    refreshSession: {
      ...policy(config.RATE_LIMIT_REFRESH_SESSION_POINTS, config.RATE_LIMIT_REFRESH_SESSION_DURATION_SECONDS),
      // The refresh cookie lives as long as the session (its absolute lifetime).
      sessionLifetimeSeconds: config.REFRESH_COOKIE_MAX_AGE_SECONDS,
    },
    perAccount: {
      login: policy(config.RATE_LIMIT_LOGIN_POINTS, config.RATE_LIMIT_LOGIN_DURATION_SECONDS),
      otp: policy(config.RATE_LIMIT_OTP_POINTS, config.RATE_LIMIT_OTP_DURATION_SECONDS),
      email: policy(config.RATE_LIMIT_EMAIL_POINTS, config.RATE_LIMIT_EMAIL_DURATION_SECONDS),
      invitation: policy(config.RATE_LIMIT_INVITATION_POINTS, config.RATE_LIMIT_INVITATION_DURATION_SECONDS),
    },
  };
}

/** Subgraph URLs (one per replica) by the names used in the supergraph. */
export function subgraphUrls(config: GatewayConfig): Record<string, readonly string[]> {
  return { identity: config.IDENTITY_URL, admin: config.ADMIN_URL, analytics: config.ANALYTICS_URL };
}

/**
 * identity serves its public JWKS beside its GraphQL endpoint. Every replica serves the same keys (they live in
 * PostgreSQL); the first one is asked, and the copies cached by the verifier and the JWKS routes cover its absence.
 */
export function identityJwksUrl(config: GatewayConfig): URL {
  return new URL('/jwks.json', config.IDENTITY_URL[0]);
}

/** The refresh cookie of web clients (docs/authentication.md, "Web clients: the refresh cookie"). */
export function refreshCookieSettings(config: GatewayConfig): RefreshCookieSettings {
  return { name: config.REFRESH_COOKIE_NAME, secure: config.REFRESH_COOKIE_SECURE, maxAgeSeconds: config.REFRESH_COOKIE_MAX_AGE_SECONDS };
}
