import type pg from 'pg';
import { DEPENDENCY_CALL_TIMEOUT_MS, dependencyCall } from '@cbp/service-kit';
import type { SessionCache, SessionPrincipal } from '@cbp/service-kit';

/**
 * The gateway's view of a session: Redis first; on a miss, one indexed read of identity's `session_principals`
 * view (a raw `pg` query, not the ORM: this runs on every authenticated request), then cached. Each of those calls
 * is bounded: Redis or PostgreSQL unreachable is SERVICE_UNAVAILABLE (503), not a 500 nor a hung request.
 */
export class SessionLookup {
  constructor(
    private readonly cache: SessionCache,
    private readonly pool: pg.Pool,
    private readonly timeoutMs = DEPENDENCY_CALL_TIMEOUT_MS,
  ) {}

  async find(sessionId: string): Promise<SessionPrincipal | null> {
    const cached = await dependencyCall(() => this.cache.get(sessionId), this.timeoutMs);
    if (cached) return cached;
    const { rows } = await dependencyCall(() => this.query(sessionId), this.timeoutMs);
    const row = rows[0];
    if (!row) return null;
    const principal: SessionPrincipal = {
      sessionId: row.session_id,
      userId: row.user_id,
      expiresAt: row.expires_at.getTime(),
      revoked: row.revoked,
      amr: row.amr,
      roles: row.roles,
      scopes: row.scopes,
    };
    if (!principal.revoked) await dependencyCall(() => this.cache.putActive(principal), this.timeoutMs);
    return principal;
  }

  private query(sessionId: string) {
    return this.pool.query<{
      session_id: string;
      user_id: string;
      expires_at: Date;
      revoked: boolean;
      amr: string[];
      roles: string[];
      scopes: string[];
    }>('select session_id, user_id, expires_at, revoked, amr, roles, scopes from identity.session_principals where session_id = $1', [
      sessionId,
    ]);
  }
}
