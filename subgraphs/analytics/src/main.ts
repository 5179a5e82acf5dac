import { modeLine, productionByDefault, runWithConfig } from '@cbp/config';
import { createLogger } from '@cbp/logging';
import { stopOnSignals } from '@cbp/service-kit';
import { loadAnalyticsConfig } from './config.js';
import { startAnalytics } from './server.js';

// The process entry point of the analytics subgraph (containers run `node dist/main.js`).
await runWithConfig(async () => {
  // eslint-disable-next-line no-process-env -- the entry point hands the environment to the pure loader
  const config = loadAnalyticsConfig(productionByDefault(process.env));
  const logger = createLogger({ service: 'analytics', level: config.LOG_LEVEL });
  logger.info({ mode: config.NODE_ENV }, modeLine(config.NODE_ENV));
  const running = await startAnalytics(config, { logger });
  stopOnSignals(() => running.close(), logger);
});
