import PinoPretty from 'pino-pretty';
import type { DestinationStream } from 'pino';

/** Human-readable log lines for `npm start`, each prefixed with its service: `[identity] listening`. */
export function prettyDestination(): DestinationStream {
  return PinoPretty({
    colorize: process.stdout.isTTY,
    translateTime: 'HH:MM:ss',
    ignore: 'pid,hostname,service',
    messageFormat: '[{service}] {msg}',
    singleLine: true,
  });
}
