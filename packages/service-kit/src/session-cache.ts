import type { RedisStore } from '@cbp/redis';

/**
 * The cached state of a session, shared by identity (which writes it when a session starts, changes or ends) and
 * the gateway (which reads it on every authenticated request, and fills it from PostgreSQL on a miss).
 * A revoked session is cached as a tombstone so that its access tokens stop working at once.
 */
export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  /** Epoch ms after which the session is over. */
  expiresAt: number;
  revoked: boolean;
  roles: string[];
  scopes: string[];
  amr: string[];
}

/** How long the gateway may trust a cached active session before asking PostgreSQL again. */
export const SESSION_CACHE_TTL_MS = 60_000;

const keyOf = (sessionId: string) => `session:${sessionId}`;

export class SessionCache {
  constructor(private readonly redis: RedisStore) {}

  async get(sessionId: string): Promise<SessionPrincipal | null> {
    const raw = await this.redis.get(keyOf(sessionId));
    return raw ? (JSON.parse(raw) as SessionPrincipal) : null;
  }

  /**
   * Caches an active session for at most SESSION_CACHE_TTL_MS (never past its expiry), only where nothing is cached
   * yet (`SET NX`). A revocation tombstone therefore always wins: a refresh or a gateway cache fill that read the
   * session as active just before a logout, reset or reuse revoked it can no longer bring it back. Nothing a cached
   * active entry holds changes during a session's life except its grants, and role changes `forget` the entry.
   */
  async putActive(principal: SessionPrincipal, now = Date.now()): Promise<void> {
    const ttlMs = Math.min(SESSION_CACHE_TTL_MS, principal.expiresAt - now);
    if (ttlMs <= 0) return;
    await this.redis.set(keyOf(principal.sessionId), JSON.stringify({ ...principal, revoked: false }), { ttlMs, onlyIfAbsent: true });
  }

  /**
   * Marks sessions revoked for `ttlMs` (the access-token lifetime: after that no token of theirs is valid anyway,
   * and PostgreSQL answers the same on a miss).
   */
  async putRevoked(sessionIds: readonly string[], userId: string, ttlMs: number): Promise<void> {
    await Promise.all(
      sessionIds.map((sessionId) =>
        this.redis.set(
          keyOf(sessionId),
          JSON.stringify({ sessionId, userId, expiresAt: 0, revoked: true, roles: [], scopes: [], amr: [] } satisfies SessionPrincipal),
          { ttlMs },
        ),
      ),
    );
  }

  /** Drops cached sessions so the next request reloads them (roles changed, say). */
  async forget(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length > 0) await this.redis.del(...sessionIds.map(keyOf));
  }
}
