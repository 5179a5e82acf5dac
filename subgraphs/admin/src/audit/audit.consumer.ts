import { randomUUID } from 'node:crypto';
import { CONSUMER_GROUPS } from '@cbp/contracts';
import { StreamConsumer } from '@cbp/events';
import type { MikroORM } from '@cbp/db';
import type { Logger } from '@cbp/logging';
import type { Registry } from '@cbp/metrics';
import type { RedisStore } from '@cbp/redis';
import type { AuditChainKey } from './audit-chain-key.js';
import { AuditRecorder } from './audit-recorder.js';
import { MikroAuditLogRepository } from './audit-log.repository.js';

export interface AuditConsumerOptions {
  orm: MikroORM;
  redis: RedisStore;
  logger: Logger;
  registry?: Registry;
  key: AuditChainKey;
}

/**
 * The stream consumer that feeds the audit log: every event on the stream, of any type, becomes one chained
 * entry. The append runs in the consumer's transaction, together with the `consumed_events` row that makes a
 * redelivery a no-op, so an event is recorded exactly once even across crashes and restarts.
 */
export function createAuditConsumer(options: AuditConsumerOptions): StreamConsumer {
  const logger = options.logger.child({ module: 'audit-consumer' });
  return new StreamConsumer({
    orm: options.orm,
    redis: options.redis,
    logger,
    registry: options.registry,
    group: CONSUMER_GROUPS.ADMIN_AUDIT,
    handle: async (event, em) => {
      const recorder = new AuditRecorder({
        log: new MikroAuditLogRepository(em),
        key: options.key,
        clock: () => new Date(),
        newId: randomUUID,
        logger,
      });
      const entry = await recorder.record(event);
      logger.debug(
        { eventId: event.id, type: event.type, seq: entry?.seq },
        entry ? 'event recorded in the audit log' : 'event already in the audit log',
      );
    },
  });
}
