import { serveSubgraph, startInfrastructure } from '@cbp/service-kit';
import type { RunningSubgraph } from '@cbp/service-kit';
import type { Logger } from '@cbp/logging';
import type { AnalyticsConfig } from './config.js';
import { createServices } from './container.js';
import type { AnalyticsContext } from './context.js';
import { createAuthEventConsumer } from './events/auth-event.consumer.js';
import { AuthEventSchema } from './events/auth-event.entity.js';
import { analyticsMigrations } from './migrations/index.js';
import { analyticsResolvers } from './resolvers.js';
import { LoginRiskSchema } from './risk/login-risk.entity.js';

export type RunningAnalytics = RunningSubgraph;

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
  // The consumer finishes the event in hand (commit, then ack) before the connections it needs go away.
  const consumer = createAuthEventConsumer({ orm, redis, logger, registry: metrics.registry });
  return serveSubgraph<AnalyticsContext>({
    name: 'analytics',
    infra,
    config,
    port: config.ANALYTICS_PORT,
    resolvers: analyticsResolvers(),
    createContext: (base) => {
      const em = orm.em.fork();
      return { ...base, em, services: createServices(em) };
    },
    workers: [consumer],
  });
}
