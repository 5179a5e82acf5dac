import { z } from 'zod';
import { fields } from './env.js';

/**
 * Settings every back-end service shares. Each service's own `config.ts` extends this object schema with its
 * port and domain settings and calls `parseEnv`.
 */
export const serviceEnvSchema = z.object({
  NODE_ENV: fields.nodeEnv().default('development'),
  LOG_LEVEL: fields.logLevel().default('info'),
  /** Interface to listen on; 127.0.0.1 on a developer machine, 0.0.0.0 in a container. */
  BIND_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: fields.url(['postgres', 'postgresql']),
  DB_POOL_MAX: fields.int(1, 100).default(10),
  /**
   * false where a separate migration role applies the migrations (compose's `migrate`): the service's own runtime
   * role may not create or alter tables (docs/design.md §3 (Data ownership)).
   */
  DB_MIGRATE_ON_START: fields.bool().default(true),
  /** `redis://…` for a real Redis; `memory://<name>` selects the in-process adapter of the embedded default. */
  REDIS_URL: fields.url(['redis', 'rediss', 'memory']),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]*$/, { error: 'may hold only letters, digits and _ . : -' })
    .default('cbp:'),
  /**
   * The gateway's Ed25519 public key: subgraphs refuse any request whose assertion it does not verify. Only the
   * gateway holds the private key, so no subgraph can mint an identity for another (docs/design.md §5 (Authentication model)).
   */
  GATEWAY_ASSERTION_PUBLIC_KEY: fields.ed25519Key('public'),
  /** How long a SIGTERM waits for in-flight requests before closing connections. */
  SHUTDOWN_GRACE_MS: fields.int(0, 120_000).default(10_000),
});

export type ServiceEnv = z.output<typeof serviceEnvSchema>;
