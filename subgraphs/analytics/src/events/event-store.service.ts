import { EVENT_TYPES } from '@cbp/events';
import type { DomainEvent } from '@cbp/events';
import type { LoginRiskScorer } from '../risk/risk-scorer.js';
import type { AuthEventRepository } from './auth-event.repository.js';
import { toAuthEvent } from './storable.js';

/** Takes events off the stream into the analytics store, scoring each successful login as it arrives. */
export class EventStoreService {
  constructor(private readonly deps: { events: AuthEventRepository; risk: LoginRiskScorer; clock: () => Date }) {}

  /**
   * Stores `event` (every type: aggregates may want types added later) and, for a successful login with a
   * subject, computes and stores its risk score. Runs inside the consumer's transaction, so the event, its score
   * and the consumed marker commit together. Returns false when the event was already stored.
   */
  async ingest(event: DomainEvent): Promise<boolean> {
    const stored = toAuthEvent(event, this.deps.clock());
    if (!(await this.deps.events.store(stored))) return false;
    const userId = stored.userId;
    if (stored.type === EVENT_TYPES.LOGIN_SUCCEEDED && userId !== null) await this.deps.risk.scoreAndStore({ ...stored, userId });
    return true;
  }
}
