import { fields, parseEnv, serviceEnvSchema } from '@cbp/config';
import type { Env } from '@cbp/config';

export const analyticsEnvSchema = serviceEnvSchema.extend({
  /** 0 picks a free port (tests); the default is the one docs/design.md §2 (Processes and ports) gives analytics. */
  ANALYTICS_PORT: fields.int(0, 65535).default(8000),
});

export type AnalyticsConfig = ReturnType<typeof loadAnalyticsConfig>;

/** Pure: validates `env` and returns the frozen config; throws a one-line ConfigError naming every problem. */
export function loadAnalyticsConfig(env: Env) {
  return parseEnv('analytics', analyticsEnvSchema, env);
}
