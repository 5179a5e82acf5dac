import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/**
 * Entries are `<HMAC-SHA256, base64url>.<JSON>`, the MAC taken over the key and the JSON with a key that identity and
 * the gateway share (SESSION_CACHE_MAC_KEY). A write to Redis alone (a leaked Redis password, another service's
 * user) therefore cannot mint a principal: a forged, tampered or moved entry counts as a miss, and the caller asks
 * PostgreSQL (docs/design.md §5 (Authentication model)).
 */
export class SessionCache {
  private readonly macKey: Buffer;

  /**
   * @param macKey the key shared by every writer and reader of the cache. Omitted (tools, tests): a random key of
   * this instance's own, so it reads back only what it wrote itself and everything else is a miss.
   */
  constructor(
    private readonly redis: RedisStore,
    macKey?: string | Buffer,
  ) {
    this.macKey = macKey === undefined ? randomBytes(32) : Buffer.from(macKey);
  }

  async get(sessionId: string): Promise<SessionPrincipal | null> {
    const raw = await this.redis.get(keyOf(sessionId));
    return raw ? this.open(sessionId, raw) : null;
  }

  private mac(sessionId: string, json: string): Buffer {
    return createHmac('sha256', this.macKey)
      .update(`${keyOf(sessionId)}\n${json}`)
      .digest();
  }

  private seal(principal: SessionPrincipal): string {
    const json = JSON.stringify(principal);
    return `${this.mac(principal.sessionId, json).toString('base64url')}.${json}`;
  }

  /** The principal of a sealed entry, or null (a miss) when its MAC does not verify or it names another session. */
  private open(sessionId: string, raw: string): SessionPrincipal | null {
    const dot = raw.indexOf('.');
    if (dot <= 0) return null;
    const json = raw.slice(dot + 1);
    const given = Buffer.from(raw.slice(0, dot), 'base64url');
    const expected = this.mac(sessionId, json);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const principal = JSON.parse(json) as SessionPrincipal;
    return principal.sessionId === sessionId ? principal : null;
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
    await this.redis.set(keyOf(principal.sessionId), this.seal({ ...principal, revoked: false }), { ttlMs, onlyIfAbsent: true });
  }

  /**
   * Marks sessions revoked for `ttlMs` (the access-token lifetime: after that no token of theirs is valid anyway,
   * and PostgreSQL answers the same on a miss).
   */
  async putRevoked(sessionIds: readonly string[], userId: string, ttlMs: number): Promise<void> {
    await Promise.all(
      sessionIds.map((sessionId) =>
        this.redis.set(keyOf(sessionId), this.seal({ sessionId, userId, expiresAt: 0, revoked: true, roles: [], scopes: [], amr: [] }), {
          ttlMs,
        }),
      ),
    );
  }

  /** Drops cached sessions so the next request reloads them (roles changed, say). */
  async forget(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length > 0) await this.redis.del(...sessionIds.map(keyOf));
  }
}
