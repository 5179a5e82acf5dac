import type pg from 'pg';
import type { SessionCache, SessionPrincipal } from '@cbp/service-kit';

/**
 * The gateway's view of a session: Redis first; on a miss, one indexed read of identity's `session_principals`
 * view (a raw `pg` query, not the ORM: this runs on every authenticated request), then cached.
 */
export class SessionLookup {
  constructor(
    private readonly cache: SessionCache,
    private readonly pool: pg.Pool,
  ) {}

  async find(sessionId: string): Promise<SessionPrincipal | null> {
    const cached = await this.cache.get(sessionId);
    if (cached) return cached;
    const { rows } = await this.pool.query<{
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
    if (!principal.revoked) await this.cache.putActive(principal);
    return principal;
  }
}
