import { isUuid, SCOPES } from '@cbp/contracts';
import type { RequestIdentity } from '@cbp/service-kit';
import { assertSelfOrScope, checkPageSize } from '@cbp/service-kit';
import type { LoginRiskRepository, ScoredLogin } from './login-risk.repository.js';

export const MAX_RISK_PAGE = 100;

/** Reading login risk scores. */
export class RiskService {
  constructor(private readonly deps: { risks: LoginRiskRepository }) {}

  /**
   * The user's most recent scored logins, newest first. The user themself, or a holder of `analytics:read`.
   * @throws UNAUTHENTICATED, FORBIDDEN, VALIDATION_FAILED (first outside 1..100).
   */
  async riskEventsOf(identity: RequestIdentity, userId: string, first: number): Promise<ScoredLogin[]> {
    assertSelfOrScope(identity, userId, SCOPES.ANALYTICS_READ);
    const limit = checkPageSize(first, MAX_RISK_PAGE);
    // An id that is not a UUID names no user; asking the database would only raise a type error.
    return isUuid(userId) ? this.deps.risks.listForUser(userId.toLowerCase(), limit) : [];
  }
}
