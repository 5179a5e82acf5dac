// A revoked session must never come back through the cache: a refresh or a gateway cache fill that read the
// session as active just before it was revoked writes after the tombstone, and the tombstone must win.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import { SESSION_CACHE_TTL_MS, SessionCache } from './session-cache.js';
import type { SessionPrincipal } from './session-cache.js';

const stores: RedisStore[] = [];
function cache(): SessionCache {
  const store = createRedisStore({ url: `memory://session-cache-${randomUUID()}`, keyPrefix: 'test:' });
  stores.push(store);
  return new SessionCache(store);
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const now = Date.now();
const active = (sessionId: string, roles: string[] = ['user']): SessionPrincipal => ({
  sessionId,
  userId: 'u1',
  expiresAt: now + 3_600_000,
  revoked: false,
  roles,
  scopes: [],
  amr: ['pwd'],
});

describe('SessionCache: the revocation tombstone always wins', () => {
  it('an active write that lands after the revocation does not revive the session', async () => {
    const c = cache();
    await c.putRevoked(['s1'], 'u1', 900_000);
    await c.putActive(active('s1'), now);
    expect((await c.get('s1'))?.revoked).toBe(true);
  });

  it('a revocation that lands after an active write replaces it', async () => {
    const c = cache();
    await c.putActive(active('s1'), now);
    await c.putRevoked(['s1'], 'u1', 900_000);
    expect((await c.get('s1'))?.revoked).toBe(true);
  });

  it('racing writes in either order end revoked', async () => {
    const c = cache();
    await Promise.all([c.putActive(active('s1'), now), c.putRevoked(['s1'], 'u1', 900_000), c.putActive(active('s1'), now)]);
    expect((await c.get('s1'))?.revoked).toBe(true);
  });

  it('after forget (roles changed) the next active write is cached with the new grants', async () => {
    const c = cache();
    await c.putActive(active('s1', ['user']), now);
    await c.forget(['s1']);
    await c.putActive(active('s1', ['admin']), now);
    expect(await c.get('s1')).toEqual(active('s1', ['admin']));
  });

  it('never caches an active session past its expiry or beyond the cache lifetime', async () => {
    const c = cache();
    await c.putActive({ ...active('s2'), expiresAt: now - 1 }, now);
    expect(await c.get('s2')).toBeNull();
    expect(SESSION_CACHE_TTL_MS).toBeLessThanOrEqual(60_000);
  });
});
