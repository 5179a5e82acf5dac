export { ConfigError, fields, parseEnv, runWithConfig } from './env.js';
export type { Env } from './env.js';
export { serviceEnvSchema } from './service.js';
export type { ServiceEnv } from './service.js';
export { z } from 'zod';
