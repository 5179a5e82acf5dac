import { fields, parseEnv, serviceEnvSchema } from '@cbp/config';
import type { Env } from '@cbp/config';

export const adminEnvSchema = serviceEnvSchema.extend({
  /** 0 picks a free port (tests); the default is the one docs/design.md §2 (Processes and ports) gives admin. */
  ADMIN_PORT: fields.int(0, 65535).default(4002),
  /** The other subgraphs, whose `/readyz` the system overview reports (same variables as the gateway's). */
  IDENTITY_URL: fields.url(['http', 'https']).default('http://127.0.0.1:4001/graphql'),
  ANALYTICS_URL: fields.url(['http', 'https']).default('http://127.0.0.1:8000/graphql'),
  /**
   * Keys the audit chain's links and signs its checkpoints. Never stored in the database, so whoever can rewrite
   * the database cannot recompute the chain (docs/design.md §4 (Events: outbox, stream and consumers)). Keep it like a signing key.
   */
  AUDIT_CHAIN_KEY: fields.secret(32),
  /** How often a signed checkpoint of the chain's head is exported (log line, metric, Redis); also on shutdown. */
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: fields.int(5, 86_400).default(300),
});

export type AdminConfig = ReturnType<typeof loadAdminConfig>;

/** Pure: validates `env` and returns the frozen config; throws a one-line ConfigError naming every problem. */
export function loadAdminConfig(env: Env) {
  return parseEnv('admin', adminEnvSchema, env);
}
