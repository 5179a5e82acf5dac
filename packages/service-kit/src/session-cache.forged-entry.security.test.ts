// A write to Redis alone must not mint a principal: entries carry an HMAC with a key identity and the gateway share,
// and anything that does not verify is a miss (the gateway then asks PostgreSQL).
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { createRedisStore } from '@cbp/redis';
import type { RedisStore } from '@cbp/redis';
import { SessionCache } from './session-cache.js';
import type { SessionPrincipal } from './session-cache.js';

const stores: RedisStore[] = [];
function store(): RedisStore {
  const s = createRedisStore({ url: `memory://session-cache-forged-${randomUUID()}`, keyPrefix: 'test:' });
  stores.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const key = randomBytes(32).toString('base64url');
const now = Date.now();
const principal = (sessionId: string, roles: string[] = ['user']): SessionPrincipal => ({
  sessionId,
  userId: 'u1',
  expiresAt: now + 3_600_000,
  revoked: false,
  roles,
  scopes: roles.includes('admin') ? ['users:read', 'users:write', 'audit:read'] : [],
  amr: ['pwd'],
});

describe('SessionCache: a forged or tampered entry is a miss', () => {
  it('a principal with admin roles written straight to Redis is ignored', async () => {
    const redis = store();
    const gateway = new SessionCache(redis, key);
    await redis.set('session:s1', JSON.stringify(principal('s1', ['admin'])), { ttlMs: 60_000 });
    expect(await gateway.get('s1')).toBeNull();
  });

  it('an entry sealed with another key is ignored', async () => {
    const redis = store();
    await new SessionCache(redis, randomBytes(32).toString('base64url')).putActive(principal('s1', ['admin']), now);
    expect(await new SessionCache(redis, key).get('s1')).toBeNull();
  });

  it('a genuine entry with its roles edited is ignored', async () => {
    const redis = store();
    await new SessionCache(redis, key).putActive(principal('s1'), now);
    const raw = (await redis.get('session:s1')) ?? '';
    expect(raw).toContain('"roles":["user"]');
    await redis.set('session:s1', raw.replace('"roles":["user"]', '"roles":["admin"]'), { ttlMs: 60_000 });
    expect(await new SessionCache(redis, key).get('s1')).toBeNull();
  });

  it("a genuine entry copied under another session's key is ignored", async () => {
    const redis = store();
    await new SessionCache(redis, key).putActive(principal('admin-session', ['admin']), now);
    await redis.set('session:s2', (await redis.get('session:admin-session')) ?? '', { ttlMs: 60_000 });
    expect(await new SessionCache(redis, key).get('s2')).toBeNull();
  });

  it('identity and the gateway, sharing the key, read each other’s entries and tombstones', async () => {
    const redis = store();
    const identity = new SessionCache(redis, key);
    const gateway = new SessionCache(redis, key);
    await identity.putActive(principal('s1', ['admin']), now);
    expect(await gateway.get('s1')).toEqual(principal('s1', ['admin']));
    await identity.putRevoked(['s1'], 'u1', 900_000);
    expect((await gateway.get('s1'))?.revoked).toBe(true);
  });
});
