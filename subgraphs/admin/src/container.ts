import type { EntityManager } from '@cbp/db';
import type { AuditChainKey } from './audit/audit-chain-key.js';
import type { AuditCheckpointStore } from './audit/audit-checkpoint.js';
import { MikroAuditLogRepository } from './audit/audit-log.repository.js';
import { AuditService } from './audit/audit.service.js';
import { OverviewService } from './overview/overview.service.js';
import type { ConsumerProbe, ReadinessReport } from './overview/overview.service.js';

/** Every admin service, wired for one request's EntityManager. No DI framework: this is the whole graph. */
export interface AdminServices {
  audit: AuditService;
  overview: OverviewService;
}

/** What lives for the whole process rather than one request. */
export interface AdminProcessDeps {
  readiness: () => Promise<ReadinessReport>;
  consumers: ConsumerProbe[];
  chainKey: AuditChainKey;
  checkpoints: AuditCheckpointStore;
}

export function createServices(em: EntityManager, process: AdminProcessDeps): AdminServices {
  return {
    audit: new AuditService({ log: new MikroAuditLogRepository(em), key: process.chainKey, checkpoints: process.checkpoints }),
    overview: new OverviewService({ readiness: process.readiness, consumers: process.consumers, clock: () => new Date() }),
  };
}
