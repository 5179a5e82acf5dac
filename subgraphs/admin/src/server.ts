import { AUTH_EVENT_STREAM, CONSUMER_GROUPS } from '@cbp/contracts';
import { runReadiness, serveSubgraph, startInfrastructure } from '@cbp/service-kit';
import type { ReadinessCheck, RunningSubgraph } from '@cbp/service-kit';
import type { EntityManager } from '@cbp/db';
import type { Logger } from '@cbp/logging';
import { AuditChainKey } from './audit/audit-chain-key.js';
import { AuditCheckpointer, AuditCheckpointStore } from './audit/audit-checkpoint.js';
import { AuditEntrySchema } from './audit/audit-entry.entity.js';
import { MikroAuditLogRepository } from './audit/audit-log.repository.js';
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
  const chainKey = new AuditChainKey(config.AUDIT_CHAIN_KEY);
  const checkpoints = new AuditCheckpointStore(redis);
  await anchorAuditChain(orm.em.fork(), chainKey, checkpoints, logger);
  const consumer = createAuditConsumer({ orm, redis, logger, registry: metrics.registry, key: chainKey });
  const checkpointer = new AuditCheckpointer({
    log: () => new MikroAuditLogRepository(orm.em.fork()),
    key: chainKey,
    store: checkpoints,
    logger: logger.child({ module: 'audit-checkpoint' }),
    registry: metrics.registry,
    intervalSeconds: config.AUDIT_CHECKPOINT_INTERVAL_SECONDS,
    clock: () => new Date(),
  });
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
    chainKey,
    checkpoints,
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
    // The checkpointer stops after the consumer, so its last checkpoint covers the last entry recorded.
    workers: [checkpointer, consumer],
  });
}

/**
 * Records where keyed links start, once: head + 1 on a log made before AUDIT_CHAIN_KEY existed, 1 on a new one.
 * When the anchor is gone but a checkpoint exists, it was deleted: recording a new one would let plain-hash
 * rewrites of everything before it pass, so the service leaves it missing (verification reports it) and says so.
 */
async function anchorAuditChain(em: EntityManager, key: AuditChainKey, checkpoints: AuditCheckpointStore, logger: Logger): Promise<void> {
  const log = new MikroAuditLogRepository(em);
  if (await log.anchor()) return;
  const checkpoint = await checkpoints.latest();
  if (checkpoint && key.isCheckpointGenuine(checkpoint)) {
    logger.error({ checkpointSeq: checkpoint.seq }, 'audit chain anchor missing although checkpoints exist: not recreated');
    return;
  }
  await em.transactional(async (tx) => {
    const anchor = await new MikroAuditLogRepository(tx).ensureAnchor((head) => key.anchor((head?.seq ?? 0) + 1));
    logger.info({ hmacFromSeq: anchor.hmacFromSeq }, 'audit chain anchored: keyed links from this entry on');
  });
}
