export { createLogger, REDACT_PATHS } from './logger.js';
export type { CreateLoggerOptions, Logger } from './logger.js';
export { httpLogger, requestIdOf } from './http-logger.js';
