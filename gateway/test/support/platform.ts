import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createTestDatabase, deleteRedisKeys, gatewayAssertionKeys, testRedis } from '@cbp/testing';
import type { GatewayAssertionKeys, TestDatabase } from '@cbp/testing';
import { loadAdminConfig } from '../../../subgraphs/admin/src/config.js';
import { startAdmin } from '../../../subgraphs/admin/src/server.js';
import { loadAnalyticsConfig } from '../../../subgraphs/analytics/src/config.js';
import { startAnalytics } from '../../../subgraphs/analytics/src/server.js';
import { loadIdentityConfig } from '../../../subgraphs/identity/src/config.js';
import { startIdentity } from '../../../subgraphs/identity/src/server.js';
import { loadGatewayConfig } from '../../src/config.js';
import { startGateway } from '../../src/server.js';
import { SmtpSink } from './smtp-sink.js';

export const TEST_ISSUER = 'http://cbp.test';
export const TEST_PUBLIC_URL = 'http://app.cbp.test';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** The whole platform (gateway + three subgraphs) on real PostgreSQL and Redis, each on a free port. */
export interface TestPlatform {
  gatewayUrl: string;
  identityUrl: string;
  adminUrl: string;
  analyticsUrl: string;
  databaseUrl: string;
  redis: { url: string; keyPrefix: string };
  mail: SmtpSink;
  /** The gateway's assertion key pair (the private key signs like the gateway does). */
  assertionKeys: GatewayAssertionKeys;
  /** The environment the services were configured from (secrets included: tests only, never log it). */
  env: Readonly<Record<string, string>>;
  /** JSON over HTTP to the gateway. */
  http<T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string },
  ): Promise<HttpResult<T>>;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<HttpResult<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>>;
  /** Starts one more gateway on the same subgraphs, Redis and key prefix (closed with the platform). */
  startExtraGateway(overrides?: Record<string, string>): Promise<{ url: string }>;
  close(): Promise<void>;
}

export async function startTestPlatform(overrides: Record<string, string> = {}): Promise<TestPlatform> {
  const db: TestDatabase = await createTestDatabase();
  const redis = testRedis();
  const mail = await SmtpSink.start();
  const assertionKeys = gatewayAssertionKeys();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DB_POOL_MAX: '4',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    GATEWAY_ASSERTION_PRIVATE_KEY: assertionKeys.privateKey,
    GATEWAY_ASSERTION_PUBLIC_KEY: assertionKeys.publicKey,
    AUDIT_CHAIN_KEY: randomBytes(32).toString('base64url'),
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_CACHE_MAC_KEY: randomBytes(32).toString('base64url'),
    JWT_ISSUER: TEST_ISSUER,
    PUBLIC_URL: TEST_PUBLIC_URL,
    SMTP_URL: mail.url,
    IDENTITY_PORT: '0',
    ADMIN_PORT: '0',
    ANALYTICS_PORT: '0',
    GATEWAY_PORT: '0',
    SHUTDOWN_GRACE_MS: '1000',
    // Generous auth rate limits: suites sign in dozens of times from 127.0.0.1. Rate-limit suites override them.
    RATE_LIMIT_IP_POINTS: '100000',
    RATE_LIMIT_LOGIN_POINTS: '100000',
    RATE_LIMIT_OTP_POINTS: '100000',
    RATE_LIMIT_EMAIL_POINTS: '100000',
    RATE_LIMIT_IP_CAPACITY_POINTS: '100000',
    RATE_LIMIT_REFRESH_SESSION_POINTS: '100000',
    RATE_LIMIT_INVITATION_POINTS: '100000',
    ...overrides,
  };
  const identity = await startIdentity(loadIdentityConfig(env), { logger: logger.child({ service: 'identity' }) });
  const analytics = await startAnalytics(loadAnalyticsConfig(env), { logger: logger.child({ service: 'analytics' }) });
  // admin's system overview probes the other subgraphs where they really listen.
  const admin = await startAdmin(
    loadAdminConfig({ ...env, IDENTITY_URL: `${identity.url}/graphql`, ANALYTICS_URL: `${analytics.url}/graphql` }),
    {
      logger: logger.child({ service: 'admin' }),
    },
  );
  const gatewayEnv = {
    ...env,
    IDENTITY_URL: `${identity.url}/graphql`,
    ADMIN_URL: `${admin.url}/graphql`,
    ANALYTICS_URL: `${analytics.url}/graphql`,
  };
  const gateway = await startGateway(loadGatewayConfig(gatewayEnv), { logger: logger.child({ service: 'gateway' }) });
  const extraGateways: { close(): Promise<void> }[] = [];

  async function http<T>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // not JSON; keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }

  return {
    gatewayUrl: gateway.url,
    identityUrl: identity.url,
    adminUrl: admin.url,
    analyticsUrl: analytics.url,
    databaseUrl: db.url,
    redis,
    mail,
    assertionKeys,
    env: Object.freeze({ ...env }),
    http,
    graphql: (query, variables, token) => http('POST', '/graphql', { body: { query, variables }, token }),
    async startExtraGateway(extra = {}) {
      const started = await startGateway(loadGatewayConfig({ ...gatewayEnv, GATEWAY_PORT: '0', ...extra }), {
        logger: logger.child({ service: 'gateway' }),
      });
      extraGateways.push(started);
      return { url: started.url };
    },
    async close() {
      await Promise.all(extraGateways.map((g) => g.close()));
      await gateway.close();
      await Promise.all([identity.close(), admin.close(), analytics.close()]);
      await mail.close();
      await db.drop();
      await deleteRedisKeys(redis.url, redis.keyPrefix);
    },
  };
}
