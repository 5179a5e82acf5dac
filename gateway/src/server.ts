import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { readEd25519Key } from '@cbp/config';
import { formatGraphQLError, toRestError } from '@cbp/errors';
import { createLogger, requestIdOf } from '@cbp/logging';
import type { Logger } from '@cbp/logging';
import { createMetrics } from '@cbp/metrics';
import { createRedisStore } from '@cbp/redis';
import { createHttpApp, finishHttpApp, KEYS_ROTATED_CHANNEL, listen, SessionCache, signGatewayAssertion } from '@cbp/service-kit';
import type { RequestMeta } from '@cbp/service-kit';
import { authenticate } from './auth/authenticator.js';
import type { BearerVerifier } from './auth/authenticator.js';
import { SessionLookup } from './auth/session-lookup.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import { authRateLimitSettings, identityJwksUrl, refreshCookieSettings, subgraphUrls } from './config.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { explorerRoutes } from './explorer/explorer.routes.js';
import { introspectionGuard } from './explorer/introspection-guard.js';
import { gatewayReadiness } from './health/readiness.js';
import { corsPolicy, securityHeaders } from './http/security-headers.js';
import { trustProxySetting } from './http/trusted-proxies.js';
import { AuthRateLimits } from './limits/auth-rate-limits.js';
import { graphqlArmor } from './limits/graphql-armor.js';
import { rateLimitPlugin } from './limits/rate-limit.plugin.js';
import { ADMIN_ROUTES } from './rest/admin.routes.js';
import { AUTH_ROUTES, restRouter } from './rest/auth.routes.js';
import { jwksRoutes } from './rest/jwks.routes.js';
import { createApolloGateway } from './supergraph/apollo-gateway.js';
import { NO_WEB_SESSION, webSessionOf } from './web-session/refresh-cookie.js';
import { refreshCookiePlugin } from './web-session/refresh-cookie.plugin.js';

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface GatewayDependencies {
  logger?: Logger;
  /** Replaces the JWKS + session verifier (tests of the verifier's callers only). */
  verifier?: BearerVerifier;
}

function metaOf(req: Request): RequestMeta {
  return {
    requestId: requestIdOf(req),
    ip: req.ip ?? req.socket.remoteAddress ?? null,
    userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
  };
}

/**
 * Starts the gateway: the supergraph at /graphql, the REST auth routes (each one a GraphQL operation of the
 * supergraph), JWKS and discovery, health and metrics.
 */
export async function startGateway(config: GatewayConfig, deps: GatewayDependencies = {}): Promise<RunningGateway> {
  const logger = deps.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const metrics = createMetrics('gateway');
  const redis = createRedisStore({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, logger });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DB_POOL_MAX, idleTimeoutMillis: 30_000 });
  pool.on('error', (err) => logger.warn({ err }, 'idle PostgreSQL connection failed'));
  const assertionKey = readEd25519Key(config.GATEWAY_ASSERTION_PRIVATE_KEY, 'private');
  const verifier =
    deps.verifier ??
    createTokenVerifier({
      jwksUrl: identityJwksUrl(config),
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      sessions: new SessionLookup(new SessionCache(redis, config.SESSION_CACHE_MAC_KEY), pool),
      logger: logger.child({ module: 'token-verifier' }),
    });
  const urls = subgraphUrls(config);
  const production = config.NODE_ENV === 'production';
  const refreshCookie = refreshCookieSettings(config);
  const authLimits = AuthRateLimits.create(
    redis,
    config.REDIS_KEY_PREFIX,
    authRateLimitSettings(config),
    logger.child({ module: 'rate-limit' }),
  );
  const armor = graphqlArmor({
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxCost: config.GRAPHQL_MAX_COST,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    exposeLimits: !production,
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway: createApolloGateway(urls, logger),
    // Open to all outside production; in production to admins only (the guard refuses everyone else).
    introspection: true,
    plugins: [
      introspectionGuard<GatewayContext>({ production }),
      ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
      rateLimitPlugin(authLimits),
      refreshCookiePlugin(refreshCookie),
      // Apollo's landing page loads from a CDN; the self-hosted explorer lives at /explorer instead.
      ApolloServerPluginLandingPageDisabled(),
    ],
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    // Batched (JSON array) requests stay refused (Apollo's default): one HTTP request, one operation.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    // Shutdown is ours (graceful, ordered); Apollo's own signal handler would race it and re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatGraphQLError(formatted, unwrapResolverError(error)),
  });
  await apollo.start();

  /**
   * The context of one request, GraphQL or REST: the verified caller, the assertion for subgraphs and, on /graphql
   * only, the web session (cookie mode and the refresh cookie). REST routes keep the token in the body.
   */
  async function contextOf(req: Request, res: Response, surface: 'graphql' | 'rest'): Promise<GatewayContext> {
    const meta = metaOf(req);
    res.setHeader('x-request-id', meta.requestId);
    const identity = await authenticate(req, verifier);
    const webSession = surface === 'graphql' ? webSessionOf(req.headers, refreshCookie) : NO_WEB_SESSION;
    // One signature per subgraph per request, however many fetches the query plan makes to it.
    const signed = new Map<string, Promise<string>>();
    return {
      identity,
      meta,
      webSession,
      assertion: (audience) => {
        let assertion = signed.get(audience);
        if (!assertion) {
          assertion = signGatewayAssertion(assertionKey, audience, { identity, meta });
          signed.set(audience, assertion);
        }
        return assertion;
      },
    };
  }

  const app = createHttpApp({
    logger,
    metrics,
    readiness: gatewayReadiness(urls, redis),
    trustProxy: trustProxySetting(config.TRUSTED_PROXIES),
    before: [securityHeaders(), corsPolicy(config.CORS_ORIGINS)],
  });
  app.use(explorerRoutes());
  const jwks = jwksRoutes({
    identityJwksUrl: identityJwksUrl(config),
    issuer: config.JWT_ISSUER,
    publicBaseUrl: config.JWT_ISSUER,
    logger,
  });
  app.use(jwks);
  const restContextOf = (req: Request, res: Response) => contextOf(req, res, 'rest');
  app.use(express.json({ limit: config.BODY_LIMIT_BYTES }), restRouter(AUTH_ROUTES, apollo, restContextOf));
  app.use(express.json({ limit: config.BODY_LIMIT_BYTES }), restRouter(ADMIN_ROUTES, apollo, restContextOf));
  app.use(
    '/graphql',
    express.json({ limit: config.BODY_LIMIT_BYTES }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        contextOf(req, res, 'graphql').catch((err: unknown) => {
          // Apollo answers a context failure with this error and its `http.status` (401, never a 500).
          const { status, body } = toRestError(err);
          throw new GraphQLError(body.error.message, { extensions: { code: body.error.code, http: { status } } });
        }),
    }),
  );
  finishHttpApp(app, logger);

  // identity announces each committed key rotation: reload the JWKS now, so tokens of the new key verify at once
  // (without this, an unknown kid is refetched at most once per 30 s cooldown) and the served JWKS shows it.
  const reloadKeys = (verifier as Partial<{ reloadKeys(): Promise<void> }>).reloadKeys?.bind(verifier);
  const stopKeyWatch = await redis.subscribe(KEYS_ROTATED_CHANNEL, () => {
    jwks.invalidate();
    reloadKeys?.().catch((err: unknown) => logger.warn({ err }, 'JWKS reload after key rotation failed'));
  });

  const server = await listen(app, { host: config.BIND_HOST, port: config.GATEWAY_PORT, logger, name: 'gateway' });
  return {
    url: server.url,
    port: server.port,
    async close() {
      await server.close(config.SHUTDOWN_GRACE_MS);
      await apollo.stop();
      await stopKeyWatch();
      await redis.close();
      await pool.end();
    },
  };
}
