// `npm start`: the whole platform in one Node process. Each service still listens on its own port and talks to
// the others only over HTTP, PostgreSQL and Redis; one process lets them share the embedded defaults
// (PGlite and the in-process Redis adapter). `docker compose` runs the same services as separate processes.
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '@cbp/logging';
import type { Logger } from '@cbp/logging';
import { ConfigError, modeLine } from '@cbp/config';
import { loadAdminConfig } from '../subgraphs/admin/src/config.js';
import { startAdmin } from '../subgraphs/admin/src/server.js';
import { loadAnalyticsConfig } from '../subgraphs/analytics/src/config.js';
import { startAnalytics } from '../subgraphs/analytics/src/server.js';
import { loadIdentityConfig } from '../subgraphs/identity/src/config.js';
import { startIdentity } from '../subgraphs/identity/src/server.js';
import { loadGatewayConfig } from '../gateway/src/config.js';
import { startGateway } from '../gateway/src/server.js';
import { startWebDevServer } from '../web/dev-server.js';
import { devSecrets, ROOT, resolveBackends } from './platform.js';
import { prettyDestination } from './pretty-logs.js';

const envFile = path.join(ROOT, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
// The one place development is the default: each service's own entry point defaults to production.
process.env.NODE_ENV ||= 'development';

const json = process.env.LOG_FORMAT === 'json';
const loggerFor = (service: string, level: string): Logger =>
  createLogger({ service, level, ...(json ? {} : { destination: prettyDestination() }) });

const stops: { name: string; stop: () => Promise<void> }[] = [];
async function stopAll(): Promise<void> {
  for (const { name, stop } of stops.reverse()) {
    try {
      await stop();
      console.log(`  stopped ${name}`);
    } catch (err) {
      console.error(`[${name}] did not stop cleanly: ${(err as Error).message}`);
    }
  }
}

// Ctrl-C in a terminal signals the whole process group, and tsx relays the signal too: the same keypress can
// arrive twice. A second signal forces an exit only when it comes later (a deliberate second Ctrl-C).
let stoppingSince = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingSince > 0) {
      if (Date.now() - stoppingSince > 1000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    console.log('\nStopping…');
    stopAll().then(() => process.exit(0));
  });
}

/** Every service's configuration is checked before anything starts (the embedded URLs are filled in later). */
function checkConfiguration(env: Record<string, string | undefined>): void {
  const probe = {
    ...env,
    ...devSecrets(env),
    DATABASE_URL: env.DATABASE_URL ?? 'postgres://embedded/postgres',
    REDIS_URL: env.REDIS_URL ?? 'memory://platform',
  };
  loadIdentityConfig(probe);
  loadAdminConfig(probe);
  loadAnalyticsConfig(probe);
  loadGatewayConfig(probe);
}

try {
  checkConfiguration(process.env);
  const { env, embeddedPostgres, describe } = await resolveBackends(process.env);
  if (embeddedPostgres) stops.push({ name: 'pglite', stop: () => embeddedPostgres.stop() });
  const level = env.LOG_LEVEL ?? 'info';

  const identity = await startIdentity(loadIdentityConfig(env), { logger: loggerFor('identity', level) });
  stops.push({ name: 'identity', stop: identity.close });
  const analytics = await startAnalytics(loadAnalyticsConfig(env), { logger: loggerFor('analytics', level) });
  stops.push({ name: 'analytics', stop: analytics.close });
  // admin (its system overview) and the gateway find the subgraphs where they really listen (ports may be 0).
  const admin = await startAdmin(
    loadAdminConfig({ IDENTITY_URL: `${identity.url}/graphql`, ANALYTICS_URL: `${analytics.url}/graphql`, ...env }),
    {
      logger: loggerFor('admin', level),
    },
  );
  stops.push({ name: 'admin', stop: admin.close });
  const gatewayConfig = loadGatewayConfig({
    IDENTITY_URL: `${identity.url}/graphql`,
    ADMIN_URL: `${admin.url}/graphql`,
    ANALYTICS_URL: `${analytics.url}/graphql`,
    ...env,
  });
  const gateway = await startGateway(gatewayConfig, { logger: loggerFor('gateway', level) });
  stops.push({ name: 'gateway', stop: gateway.close });

  let webUrl = 'not started (WEB_DEV_SERVER=false)';
  if (env.WEB_DEV_SERVER !== 'false') {
    const web = await startWebDevServer({ port: Number(env.WEB_PORT ?? 3000), host: env.WEB_HOST ?? '127.0.0.1', gatewayUrl: gateway.url });
    stops.push({ name: 'web', stop: web.close });
    webUrl = web.url;
  }

  console.log(`
  Chat Bot Pro V2 is running.

    Web app           ${webUrl}
    GraphQL API       ${gateway.url}/graphql
    Explorer (admins) ${gateway.url}/explorer
    Health            ${gateway.url}/readyz
    JWKS              ${gateway.url}/.well-known/jwks.json
    Subgraphs         identity ${identity.url}   admin ${admin.url}   analytics ${analytics.url}

    Database          ${describe.database}
    Redis             ${describe.redis}

    ${modeLine(gatewayConfig.NODE_ENV)}

  Press Ctrl-C to stop.
`);
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('The platform could not start:', err);
  await stopAll();
  process.exit(1);
}
