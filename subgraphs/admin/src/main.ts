import { modeLine, productionByDefault, runWithConfig } from '@cbp/config';
import { createLogger } from '@cbp/logging';
import { stopOnSignals } from '@cbp/service-kit';
import { loadAdminConfig } from './config.js';
import { startAdmin } from './server.js';

// The process entry point of the admin subgraph (containers run `node dist/main.js`).
await runWithConfig(async () => {
  // eslint-disable-next-line no-process-env -- the entry point hands the environment to the pure loader
  const config = loadAdminConfig(productionByDefault(process.env));
  const logger = createLogger({ service: 'admin', level: config.LOG_LEVEL });
  logger.info({ mode: config.NODE_ENV }, modeLine(config.NODE_ENV));
  const running = await startAdmin(config, { logger });
  stopOnSignals(() => running.close(), logger);
});
