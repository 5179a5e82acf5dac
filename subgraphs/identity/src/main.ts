import { modeLine, productionByDefault, runWithConfig } from '@cbp/config';
import { createLogger } from '@cbp/logging';
import { stopOnSignals } from '@cbp/service-kit';
import { loadIdentityConfig } from './config.js';
import { startIdentity } from './server.js';

// The process entry point of the identity subgraph (containers run `node dist/main.js`).
await runWithConfig(async () => {
  // eslint-disable-next-line no-process-env -- the entry point hands the environment to the pure loader
  const config = loadIdentityConfig(productionByDefault(process.env));
  const logger = createLogger({ service: 'identity', level: config.LOG_LEVEL });
  logger.info({ mode: config.NODE_ENV }, modeLine(config.NODE_ENV));
  const running = await startIdentity(config, { logger });
  stopOnSignals(() => running.close(), logger);
});
