import { AUTH_EVENT_STREAM, CONSUMER_GROUPS } from '@cbp/contracts';
import { runReadiness, serveSubgraph, startInfrastructure } from '@cbp/service-kit';
import type { ReadinessCheck, RunningSubgraph } from '@cbp/service-kit';
import type { Logger } from '@cbp/logging';
import { AuditEntrySchema } from './audit/audit-entry.entity.js';
import { createAuditConsumer } from './audit/audit.consumer.js';
import type { AdminConfig } from './config.js';
import { createServices } from './container.js';
import type { AdminProcessDeps } from './container.js';
import type { AdminContext } from './context.js';
import { adminMigrations } from './migrations/index.js';
import { adminResolvers } from './resolvers.js';

export type RunningAdmin = RunningSubgraph;

export const ADMIN_ENTITIES = [AuditEntrySchema];

/** Starts the admin subgraph: migrations, HTTP server, then the audit consumer. */
export async function startAdmin(config: AdminConfig, options: { logger?: Logger } = {}): Promise<RunningAdmin> {
  const infra = await startInfrastructure({
    service: 'admin',
    schema: 'admin',
    config,
    entities: ADMIN_ENTITIES,
    migrations: adminMigrations,
    logger: options.logger,
  });
  const { logger, metrics, orm, redis } = infra;
  const consumer = createAuditConsumer({ orm, redis, logger, registry: metrics.registry });
  // The overview sees further than admin's own /readyz: the other subgraphs, and every consumer group on the
  // shared stream (analytics' included: its progress is visible in Redis).
  const subgraphChecks: ReadinessCheck[] = Object.entries({ identity: config.IDENTITY_URL, analytics: config.ANALYTICS_URL }).map(
    ([name, url]) => ({
      name,
      check: async () => {
        const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1500) });
        if (!response.ok) throw new Error(`readyz answered ${response.status}`);
      },
    }),
  );
  const processDeps: AdminProcessDeps = {
    readiness: () => runReadiness([...infra.readiness, ...subgraphChecks]),
    consumers: [
      { group: CONSUMER_GROUPS.ADMIN_AUDIT, stream: AUTH_EVENT_STREAM, status: () => consumer.status() },
      {
        group: CONSUMER_GROUPS.ANALYTICS,
        stream: AUTH_EVENT_STREAM,
        status: () => redis.streams.groupInfo(AUTH_EVENT_STREAM, CONSUMER_GROUPS.ANALYTICS),
      },
    ],
  };
  return serveSubgraph<AdminContext>({
    name: 'admin',
    infra,
    config,
    port: config.ADMIN_PORT,
    resolvers: adminResolvers(),
    createContext: (base) => {
      const em = orm.em.fork();
      return { ...base, em, services: createServices(em, processDeps) };
    },
    // The consumer finishes the event in hand (commit, then ack) before the connections it needs go away.
    workers: [consumer],
  });
}
