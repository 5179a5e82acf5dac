import { fields, parseEnv, serviceEnvSchema } from '@cbp/config';
import type { Env } from '@cbp/config';

export const adminEnvSchema = serviceEnvSchema.extend({
  /** 0 picks a free port (tests); the default is the one docs/design.md §2 (Processes and ports) gives admin. */
  ADMIN_PORT: fields.int(0, 65535).default(4002),
  /** The other subgraphs, whose `/readyz` the system overview reports (same variables as the gateway's). */
  IDENTITY_URL: fields.url(['http', 'https']).default('http://127.0.0.1:4001/graphql'),
  ANALYTICS_URL: fields.url(['http', 'https']).default('http://127.0.0.1:8000/graphql'),
});

export type AdminConfig = ReturnType<typeof loadAdminConfig>;

/** Pure: validates `env` and returns the frozen config; throws a one-line ConfigError naming every problem. */
export function loadAdminConfig(env: Env) {
  return parseEnv('admin', adminEnvSchema, env);
}
