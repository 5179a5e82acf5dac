import { AUTH_EVENT_STREAM } from '@cbp/events';
import { createHttpApp, finishHttpApp, listen, loadSubgraphTypeDefs, mountSubgraph, runReadiness, startInfrastructure } from '@cbp/service-kit';
import type { Logger } from '@cbp/logging';
import { AuditEntrySchema } from './audit/audit-entry.entity.js';
import { AUDIT_CONSUMER_GROUP, createAuditConsumer } from './audit/audit.consumer.js';
import type { AdminConfig } from './config.js';
import { createServices } from './container.js';
import type { AdminProcessDeps } from './container.js';
import type { AdminContext } from './context.js';
import { adminMigrations } from './migrations/index.js';
import { adminResolvers } from './resolvers.js';

export interface RunningAdmin {
  url: string;
  port: number;
  close(): Promise<void>;
}

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
  const processDeps: AdminProcessDeps = {
    readiness: () => runReadiness(infra.readiness),
    consumers: [{ group: AUDIT_CONSUMER_GROUP, stream: AUTH_EVENT_STREAM, status: () => consumer.status() }],
  };
  const app = createHttpApp({ logger, metrics, readiness: infra.readiness });
  const stopGraphql = await mountSubgraph<AdminContext>(app, {
    typeDefs: loadSubgraphTypeDefs('admin'),
    resolvers: adminResolvers(),
    gatewaySecret: config.GATEWAY_SHARED_SECRET,
    logger,
    production: config.NODE_ENV === 'production',
    createContext: (base) => {
      const em = orm.em.fork();
      return { ...base, em, services: createServices(em, processDeps) };
    },
  });
  finishHttpApp(app, logger);
  const server = await listen(app, { host: config.BIND_HOST, port: config.ADMIN_PORT, logger, name: 'admin' });
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
