export { ConfigError, fields, parseEnv, runWithConfig } from './env.js';
export type { Env } from './env.js';
export { modeLine, productionByDefault } from './mode.js';
export { readEd25519Key } from './ed25519-key.js';
export { serviceEnvSchema } from './service.js';
export type { ServiceEnv } from './service.js';
export { z } from 'zod';
