import type { Logger } from '@cbp/logging';

/**
 * Calls `stop` once on SIGTERM or SIGINT, then exits. A second signal exits at once. Used by each service's
 * `main.ts`; the one-process launcher installs its own handler instead.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
