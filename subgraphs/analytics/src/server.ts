import { createHttpApp, finishHttpApp, listen, loadSubgraphTypeDefs, mountSubgraph, startInfrastructure } from '@cbp/service-kit';
import type { Logger } from '@cbp/logging';
import type { AnalyticsConfig } from './config.js';
import { createServices } from './container.js';
import type { AnalyticsContext } from './context.js';
import { createAuthEventConsumer } from './events/auth-event.consumer.js';
import { AuthEventSchema } from './events/auth-event.entity.js';
import { analyticsMigrations } from './migrations/index.js';
import { analyticsResolvers } from './resolvers.js';
import { LoginRiskSchema } from './risk/login-risk.entity.js';

export interface RunningAnalytics {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const ANALYTICS_ENTITIES = [AuthEventSchema, LoginRiskSchema];

/** Starts the analytics subgraph: migrations, HTTP server, then the event-store consumer. */
export async function startAnalytics(config: AnalyticsConfig, options: { logger?: Logger } = {}): Promise<RunningAnalytics> {
  const infra = await startInfrastructure({
    service: 'analytics',
    schema: 'analytics',
    config,
    entities: ANALYTICS_ENTITIES,
    migrations: analyticsMigrations,
    logger: options.logger,
  });
  const { logger, metrics, orm, redis } = infra;
  const consumer = createAuthEventConsumer({ orm, redis, logger, registry: metrics.registry });
  const app = createHttpApp({ logger, metrics, readiness: infra.readiness });
  const stopGraphql = await mountSubgraph<AnalyticsContext>(app, {
    typeDefs: loadSubgraphTypeDefs('analytics'),
    resolvers: analyticsResolvers(),
    gatewaySecret: config.GATEWAY_SHARED_SECRET,
    logger,
    production: config.NODE_ENV === 'production',
    createContext: (base) => {
      const em = orm.em.fork();
      return { ...base, em, services: createServices(em) };
    },
  });
  finishHttpApp(app, logger);
  const server = await listen(app, { host: config.BIND_HOST, port: config.ANALYTICS_PORT, logger, name: 'analytics' });
  try {
    await consumer.start();
  } catch (err) {
    await server.close(0);
    await stopGraphql();
    await infra.close();
    throw err;
  }
  return {
    url: server.url,
    port: server.port,
    async close() {
      await server.close(config.SHUTDOWN_GRACE_MS);
      // The consumer finishes the event in hand (commit, then ack) before the connections it needs go away.
      await consumer.stop();
      await stopGraphql();
      await infra.close();
    },
  };
}
