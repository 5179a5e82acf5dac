import { pino } from 'pino';
import type { Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line. Covers request bodies, headers, and the fields our own code logs.
 * pino's redaction works on exact paths (with `*` wildcards), so the common nestings are listed.
 */
export const REDACT_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'otp',
  'code',
  'recoveryCode',
  'totpSecret',
  'authorization',
  'cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.otp',
  '*.recoveryCode',
  '*.totpSecret',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-gateway-assertion"]',
  'res.headers["set-cookie"]',
  '["set-cookie"]',
  '*["set-cookie"]',
  'variables.*.password',
  'variables.*.token',
  'variables.*.refreshToken',
];

export interface CreateLoggerOptions {
  service: string;
  level?: string;
  /** Extra pino options (tests pass a destination stream through `destination`). */
  destination?: pino.DestinationStream;
}

/** A JSON logger for one service: `service` on every line, secrets redacted. */
export function createLogger({ service, level = 'info', destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
