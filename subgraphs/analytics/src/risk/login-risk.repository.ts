import type { EntityManager } from '@cbp/db';
import { AuthEventSchema } from '../events/auth-event.entity.js';
import { LoginRiskSchema } from './login-risk.entity.js';
import type { LoginRisk } from './login-risk.entity.js';

/** A scored login with the request facts of its event. */
export interface ScoredLogin extends LoginRisk {
  ip: string | null;
  userAgent: string | null;
}

/** Persistence of login risk scores. */
export interface LoginRiskRepository {
  save(risk: LoginRisk): Promise<void>;
  /** The user's scored logins, newest first. */
  listForUser(userId: string, limit: number): Promise<ScoredLogin[]>;
}

export class MikroLoginRiskRepository implements LoginRiskRepository {
  constructor(private readonly em: EntityManager) {}

  async save(risk: LoginRisk): Promise<void> {
    await this.em.insert(LoginRiskSchema, risk);
  }

  async listForUser(userId: string, limit: number): Promise<ScoredLogin[]> {
    const risks = await this.em.find(
      LoginRiskSchema,
      { userId },
      { orderBy: { occurredAt: 'desc', eventId: 'asc' }, limit, disableIdentityMap: true },
    );
    if (risks.length === 0) return [];
    const events = await this.em.find(
      AuthEventSchema,
      { eventId: { $in: risks.map((r) => r.eventId) } },
      { fields: ['eventId', 'ip', 'userAgent'], disableIdentityMap: true },
    );
    const byId = new Map(events.map((e) => [e.eventId, e]));
    return risks.map((risk) => ({ ...risk, ip: byId.get(risk.eventId)?.ip ?? null, userAgent: byId.get(risk.eventId)?.userAgent ?? null }));
  }
}
