import { EntitySchema } from '@cbp/db';
import type { RiskReason } from './risk-rules.js';

/** The risk score of one successful login (one row per `auth.login.succeeded` event with a subject). */
export interface LoginRisk {
  eventId: string;
  userId: string;
  /** Copied from the event so a user's scores list in time order from one index. */
  occurredAt: Date;
  score: number;
  reasons: RiskReason[];
  scoredAt: Date;
}

export const LoginRiskSchema = new EntitySchema<LoginRisk>({
  name: 'LoginRisk',
  tableName: 'login_risk',
  properties: {
    eventId: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    occurredAt: { type: 'datetime', columnType: 'timestamptz' },
    score: { type: 'smallint' },
    reasons: { type: 'string[]', columnType: 'text[]' },
    scoredAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
