// The compose Redis users (infra/redis/users.acl.template, rendered by render-acl.sh exactly as the container does)
// on a private redis-server: each service can do what it needs and nothing else. In particular the gateway cannot
// write identity's keys, append to the event stream or announce a key rotation.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AUTH_EVENT_STREAM, CONSUMER_GROUPS, deadLetterStream } from '@cbp/contracts';
import { createRedisStore } from '@cbp/redis';
import type { AnyRedisStore } from '@cbp/redis';
import { SessionCache } from '@cbp/service-kit';
import type { SessionPrincipal } from '@cbp/service-kit';
import { createRateLimiter } from '../../gateway/src/limits/rate-limiter.js';
import { findTool, repoPath } from './tools.js';

const redisServer = findTool('redis-server');
const users = ['identity', 'gateway', 'admin', 'analytics', 'exporter'] as const;
const passwords = Object.fromEntries(users.map((u) => [u, randomBytes(16).toString('hex')])) as Record<(typeof users)[number], string>;
const macKey = randomBytes(32).toString('base64url');
let dir = '';
let port = 0;
let server: ChildProcess | undefined;
const stores: AnyRedisStore[] = [];

function storeAs(user: (typeof users)[number] | null): AnyRedisStore {
  const auth = user ? `cbp_${user}:${passwords[user]}@` : '';
  const store = createRedisStore({ url: `redis://${auth}127.0.0.1:${port}`, keyPrefix: 'cbp:' });
  stores.push(store);
  return store;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const NOPERM = /NOPERM/;
const expiresAt = Date.now() + 3_600_000;
const principal = (sessionId: string): SessionPrincipal => ({
  sessionId,
  userId: 'u1',
  expiresAt,
  revoked: false,
  roles: ['user'],
  scopes: [],
  amr: ['pwd'],
});

(redisServer ? describe : describe.skip)('Redis ACL users (one per service)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cbp-redis-acl-'));
    const aclFile = path.join(dir, 'users.acl');
    const env = { ...process.env, ...Object.fromEntries(users.map((u) => [`REDIS_${u.toUpperCase()}_PASSWORD`, passwords[u]])) };
    const render = spawnSync('sh', [repoPath('infra/redis/render-acl.sh'), repoPath('infra/redis/users.acl.template'), aclFile], {
      env,
      encoding: 'utf8',
    });
    if (render.status !== 0) throw new Error(`render-acl.sh failed: ${render.stderr}`);
    port = await freePort();
    server = spawn(
      redisServer ?? 'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--aclfile', aclFile],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    server.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!out.includes('Ready to accept connections')) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 20_000);

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
    server?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the rendered file holds no clear password', () => {
    const render = spawnSync('cat', [path.join(dir, 'users.acl')], { encoding: 'utf8' });
    for (const password of Object.values(passwords)) expect(render.stdout).not.toContain(password);
  });

  it('the rendering refuses a missing password', () => {
    const env = { PATH: process.env.PATH ?? '', REDIS_IDENTITY_PASSWORD: 'x' };
    const render = spawnSync(
      'sh',
      [repoPath('infra/redis/render-acl.sh'), repoPath('infra/redis/users.acl.template'), path.join(dir, 'x.acl')],
      { env, encoding: 'utf8' },
    );
    expect(render.status).not.toBe(0);
    expect(render.stderr).toMatch(/REDIS_GATEWAY_PASSWORD is not set/);
  });

  it('an unauthenticated connection may PING and nothing else', async () => {
    const anonymous = storeAs(null);
    await expect(anonymous.ping()).resolves.toBeUndefined();
    await expect(anonymous.get('session:s1')).rejects.toThrow(NOPERM);
  });

  it('identity writes, revokes and forgets cached sessions, appends events and announces key rotations', async () => {
    const identity = storeAs('identity');
    const cache = new SessionCache(identity, macKey);
    await cache.putActive(principal('s-identity'));
    expect(await cache.get('s-identity')).toEqual(principal('s-identity'));
    await cache.putRevoked(['s-identity'], 'u1', 60_000);
    await cache.forget(['s-identity']);
    await expect(identity.streams.add(AUTH_EVENT_STREAM, { id: 'e1', type: 'test', event: '{}' })).resolves.toMatch(/^\d+-\d+$/);
    await identity.publish('keys:rotated', '{}');
    await expect(identity.get('rl:ip:1.2.3.4')).rejects.toThrow(NOPERM);
  });

  it('the gateway reads and fills the session cache, counts rate limits and hears key rotations', async () => {
    const gateway = storeAs('gateway');
    const identity = storeAs('identity');
    const fromIdentity = new SessionCache(identity, macKey);
    await fromIdentity.putActive(principal('s-gw'));
    const cache = new SessionCache(gateway, macKey);
    expect(await cache.get('s-gw')).toEqual(principal('s-gw'));
    await cache.putActive(principal('s-gw-fill'));
    expect(await fromIdentity.get('s-gw-fill')).toEqual(principal('s-gw-fill'));

    const limiter = createRateLimiter(gateway, 'cbp:', {
      name: 'acl',
      points: 2,
      durationSeconds: 60,
      burst: { points: 1, durationSeconds: 600 },
    });
    expect((await limiter.consume('1.2.3.4')).allowed).toBe(true);
    await limiter.refund('1.2.3.4');

    const heard: string[] = [];
    const stop = await gateway.subscribe('keys:rotated', (m) => heard.push(m));
    await identity.publish('keys:rotated', '{"kid":"k2"}');
    for (let i = 0; i < 40 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await stop();
    expect(heard).toEqual(['{"kid":"k2"}']);
  });

  it("the gateway cannot write identity's keys, append to the event stream, read it, or announce a key rotation", async () => {
    const gateway = storeAs('gateway');
    await expect(gateway.set('identity:lock', 'x')).rejects.toThrow(NOPERM);
    await expect(gateway.streams.add(AUTH_EVENT_STREAM, { id: 'forged', type: 'user.role_granted', event: '{}' })).rejects.toThrow(NOPERM);
    await expect(gateway.streams.add(deadLetterStream(AUTH_EVENT_STREAM), { id: 'forged' })).rejects.toThrow(NOPERM);
    await expect(gateway.streams.length(AUTH_EVENT_STREAM)).rejects.toThrow(NOPERM);
    await expect(gateway.publish('keys:rotated', '{}')).rejects.toThrow(NOPERM);
    await expect(gateway.set('admin:audit:checkpoint', '{}')).rejects.toThrow(NOPERM);
  });

  it.each(['admin', 'analytics'] as const)(
    '%s consumes the event stream in its group and parks poison entries, and nothing more',
    async (user) => {
      const consumer = storeAs(user);
      const group = user === 'admin' ? CONSUMER_GROUPS.ADMIN_AUDIT : CONSUMER_GROUPS.ANALYTICS;
      await consumer.streams.ensureGroup(AUTH_EVENT_STREAM, group, '0');
      await storeAs('identity').streams.add(AUTH_EVENT_STREAM, { id: `e-${user}`, type: 'test', event: '{}' });
      const entries = await consumer.streams.readGroup(AUTH_EVENT_STREAM, group, 'c1', { count: 100 });
      expect(entries.length).toBeGreaterThan(0);
      await consumer.streams.readPending(AUTH_EVENT_STREAM, group, 'c1', 10);
      await consumer.streams.claimStale(AUTH_EVENT_STREAM, group, 'c2', 60_000, 10);
      expect(
        await consumer.streams.ack(
          AUTH_EVENT_STREAM,
          group,
          entries.map((e) => e.id),
        ),
      ).toBe(entries.length);
      expect(await consumer.streams.groupInfo(AUTH_EVENT_STREAM, group)).toMatchObject({ pending: 0 });
      expect(await consumer.streams.length(AUTH_EVENT_STREAM)).toBeGreaterThan(0);
      await expect(consumer.streams.add(deadLetterStream(AUTH_EVENT_STREAM), { id: 'poison' })).resolves.toMatch(/^\d+-\d+$/);
      // admin keeps the audit chain's checkpoint under admin:*; analytics has no key of its own.
      if (user === 'admin') {
        await consumer.set('admin:audit:checkpoint', '{}');
        expect(await consumer.get('admin:audit:checkpoint')).toBe('{}');
      } else {
        await expect(consumer.set('admin:audit:checkpoint', '{}')).rejects.toThrow(NOPERM);
      }

      await expect(consumer.streams.add(AUTH_EVENT_STREAM, { id: 'forged', type: 'user.role_granted', event: '{}' })).rejects.toThrow(
        NOPERM,
      );
      await expect(consumer.get('session:s1')).rejects.toThrow(NOPERM);
      await expect(consumer.set('session:s1', 'x')).rejects.toThrow(NOPERM);
      await expect(consumer.publish('keys:rotated', '{}')).rejects.toThrow(NOPERM);
    },
  );
});
