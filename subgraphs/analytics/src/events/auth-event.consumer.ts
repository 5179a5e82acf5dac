import { CONSUMER_GROUPS } from '@cbp/contracts';
import { StreamConsumer } from '@cbp/events';
import type { MikroORM } from '@cbp/db';
import type { Logger } from '@cbp/logging';
import type { Registry } from '@cbp/metrics';
import type { RedisStore } from '@cbp/redis';
import { MikroLoginRiskRepository } from '../risk/login-risk.repository.js';
import { LoginRiskScorer } from '../risk/risk-scorer.js';
import { MikroAuthEventRepository } from './auth-event.repository.js';
import { EventStoreService } from './event-store.service.js';

export interface AuthEventConsumerOptions {
  orm: MikroORM;
  redis: RedisStore;
  logger: Logger;
  registry?: Registry;
}

/**
 * The stream consumer that fills the event store. Each event is stored in the consumer's transaction, together
 * with the `consumed_events` row that makes a redelivery a no-op.
 */
export function createAuthEventConsumer(options: AuthEventConsumerOptions): StreamConsumer {
  const logger = options.logger.child({ module: 'analytics-consumer' });
  return new StreamConsumer({
    orm: options.orm,
    redis: options.redis,
    logger,
    registry: options.registry,
    group: CONSUMER_GROUPS.ANALYTICS,
    handle: async (event, em) => {
      const events = new MikroAuthEventRepository(em);
      const risk = new LoginRiskScorer({ history: events, risks: new MikroLoginRiskRepository(em) });
      const stored = await new EventStoreService({ events, risk, clock: () => new Date() }).ingest(event);
      logger.debug({ eventId: event.id, type: event.type }, stored ? 'event stored' : 'event already stored');
    },
  });
}
