// `npm run start:services --replicas gateway=2,identity=2` (docs/design.md §2 (Processes and ports), §12 (Running
// it)): every service is its own process on real PostgreSQL and Redis, and nothing that matters lives in one of
// them. Through two different gateways: one login budget, a logout seen at once, the same JWKS, a refresh token
// that raced through both is the refresh grace (the second gets a fresh pair, the first's pair dies); and a killed identity replica costs no login.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, deleteRedisKeys, gatewayAssertionKeys, readTestBackends, testRedis } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { SmtpSink } from '../gateway/test/support/smtp-sink.js';
import { cleanEnv, runTs } from './support.js';
import type { Spawned } from './support.js';

const LOGIN_BUDGET = 4;
const backends = readTestBackends();
// Separate processes cannot share the in-process Redis adapter or an in-memory PGlite: this needs the real servers.
const real = backends.dbMode === 'postgres' && backends.redisMode === 'redis';
const describeReal = real ? describe : describe.skip;

let db: TestDatabase;
let redis: { url: string; keyPrefix: string };
let mail: SmtpSink;
let run: Spawned;
let gatewayA: string;
let gatewayB: string;
let publicUrl: string;
const pids = new Map<string, number>();
let startedInMs = 0;

type Json = Record<string, unknown> & { error?: { code: string } };

async function post(base: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

async function me(base: string, token: string): Promise<{ id?: string; code?: string }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  const body = (await response.json()) as { data?: { me?: { id: string } | null }; errors?: { extensions?: { code?: string } }[] };
  return { id: body.data?.me?.id, code: body.errors?.[0]?.extensions?.code };
}

let userCount = 0;
/** A verified account: registered through gateway A, verified through gateway B. */
async function verifiedUser(): Promise<{ email: string; password: string }> {
  const email = `replica.user.${++userCount}@example.test`;
  const password = 'replicas share every piece of state';
  expect((await post(gatewayA, '/auth/register', { email, password })).status).toBe(201);
  const token = SmtpSink.tokenFrom(await mail.waitFor(email, /verify-email\?token=/), '/verify-email');
  expect((await post(gatewayB, '/auth/email/verify/confirm', { token })).status).toBe(200);
  return { email, password };
}

beforeAll(async () => {
  if (!real) return;
  db = await createTestDatabase();
  redis = testRedis();
  mail = await SmtpSink.start();
  const assertionKeys = gatewayAssertionKeys();
  const env = cleanEnv({
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    NODE_ENV: 'production',
    SMTP_URL: mail.url,
    GATEWAY_ASSERTION_PRIVATE_KEY: assertionKeys.privateKey,
    GATEWAY_ASSERTION_PUBLIC_KEY: assertionKeys.publicKey,
    AUDIT_CHAIN_KEY: randomBytes(32).toString('base64url'),
    KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_CACHE_MAC_KEY: randomBytes(32).toString('base64url'),
    IDENTITY_PORT: '0',
    ADMIN_PORT: '0',
    ANALYTICS_PORT: '0',
    GATEWAY_PORT: '0',
    GATEWAY_PUBLIC_PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_LOGIN_POINTS: String(LOGIN_BUDGET),
    // Every call of this file comes from 127.0.0.1: the per-IP budgets must not be what runs out.
    RATE_LIMIT_IP_POINTS: '10000',
    RATE_LIMIT_IP_BURST_POINTS: '10000',
  });
  const began = Date.now();
  run = runTs('scripts/start-services.ts', env, ['--replicas', 'gateway=2,identity=2']);
  await run.waitFor(/Press Ctrl-C to stop/, 100_000);
  startedInMs = Date.now() - began;
  for (const [, label, url, pid] of run.output().matchAll(/^\s+(\w+(?:#\d)?)\s+(http:\/\/\S+)\s+pid (\d+)$/gm)) {
    pids.set(label!, Number(pid));
    if (label === 'gateway#1') gatewayA = url!;
    if (label === 'gateway#2') gatewayB = url!;
    if (label === 'nginx') publicUrl = url!;
  }
}, 120_000);

afterAll(async () => {
  if (!real) return;
  try {
    if (run) {
      run.child.kill('SIGINT');
      const exited = await run.exited;
      expect(exited).toEqual({ code: 0, signal: null });
      // Every child is gone, not orphaned (identity#1 was restarted under a new pid; that one is checked by exit code).
      for (const [label, pid] of pids) {
        expect([label, alive(pid)]).toEqual([label, false]);
      }
    }
  } finally {
    await mail?.close();
    await db?.drop();
    if (redis) await deleteRedisKeys(redis.url, redis.keyPrefix);
  }
}, 60_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describeReal('start:services with replicas', () => {
  it('starts two gateways behind nginx and two identity replicas, each its own process', async () => {
    expect([...pids.keys()].sort()).toEqual(['admin', 'analytics', 'gateway#1', 'gateway#2', 'identity#1', 'identity#2', 'nginx']);
    expect(new Set(pids.values()).size).toBe(pids.size);
    expect(new Set([gatewayA, gatewayB, publicUrl]).size).toBe(3);
    const ready = await fetch(`${publicUrl}/readyz`);
    expect(ready.status).toBe(200);
    // The start-up time is part of what this file is about: it has to stay usable in the suite.
    expect(startedInMs).toBeLessThan(90_000);
  });

  it('counts login attempts through both gateways against one budget', async () => {
    const user = await verifiedUser();
    for (let i = 0; i < LOGIN_BUDGET; i++) {
      const through = i % 2 === 0 ? gatewayA : gatewayB;
      const attempt = await post(through, '/auth/login', { email: user.email, password: `wrong guess number ${i}` });
      expect([i, attempt.status, attempt.body.error?.code]).toEqual([i, 401, 'INVALID_CREDENTIALS']);
    }
    // The budget is spent, whichever gateway is asked next.
    for (const through of [gatewayA, gatewayB]) {
      const refused = await post(through, '/auth/login', { email: user.email, password: user.password });
      expect([refused.status, refused.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    }
  }, 30_000);

  it('refuses a token through gateway B as soon as it is logged out through gateway A', async () => {
    const user = await verifiedUser();
    const login = await post(gatewayA, '/auth/login', user);
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    expect((await me(gatewayB, token)).id).toBeDefined();
    expect((await post(gatewayA, '/auth/logout', {}, token)).status).toBe(204);
    expect(await me(gatewayB, token)).toEqual({ id: undefined, code: 'UNAUTHENTICATED' });
    expect((await post(gatewayB, '/auth/logout', {}, token)).status).toBe(401);
  }, 30_000);

  it('serves the same JWKS from both gateways', async () => {
    const [a, b] = await Promise.all([gatewayA, gatewayB].map(async (g) => (await fetch(`${g}/.well-known/jwks.json`)).json()));
    expect((a as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('a refresh token raced through the two gateways: the second is the grace reuse, and only its pair lives on', async () => {
    // docs/design.md §5 (Authentication model), refresh grace: within REFRESH_REUSE_GRACE_SECONDS (10) of a rotation
    // its predecessor is accepted once more (a lost response) and the pair the first rotation issued dies.
    const user = await verifiedUser();
    const login = await post(gatewayA, '/auth/login', user);
    const refreshToken = login.body.refreshToken as string;
    const results = await Promise.all([gatewayA, gatewayB].map((g) => post(g, '/auth/refresh', { refreshToken })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client
      .query<{ id: string }>('select id from identity.refresh_tokens where session_id = $1 and rotated_at is null', [login.body.sessionId])
      .finally(() => client.end());
    expect(rows).toHaveLength(1);
    const alive = results.find((r) => (r.body.refreshToken as string).startsWith(`${rows[0]!.id}.`))!;
    const dead = results.find((r) => r !== alive)!;
    const next = await post(gatewayB, '/auth/refresh', { refreshToken: alive.body.refreshToken });
    expect(next.status).toBe(200);
    // Any other reuse revokes the whole session: the dead pair's token ends it, the live chain with it.
    const reused = await post(gatewayA, '/auth/refresh', { refreshToken: dead.body.refreshToken });
    expect([reused.status, reused.body.error?.code]).toEqual([401, 'INVALID_TOKEN']);
    const after = await post(gatewayB, '/auth/refresh', { refreshToken: next.body.refreshToken });
    expect([after.status, after.body.error?.code]).toEqual([401, 'INVALID_TOKEN']);
    expect((await me(gatewayA, next.body.accessToken as string)).code).toBe('UNAUTHENTICATED');
  }, 30_000);

  it('keeps logins working through both gateways within 2 s of an identity replica being killed', async () => {
    // One account per round: the per-account login budget counts successes too.
    const users = await Promise.all(Array.from({ length: 8 }, () => verifiedUser()));
    const loginPair = async () => {
      const user = users.shift()!;
      return (await Promise.all([gatewayA, gatewayB].map((g) => post(g, '/auth/login', user)))).map((l) => l.status);
    };
    process.kill(pids.get('identity#1')!, 'SIGKILL');
    const killedAt = Date.now();
    // A login already on its way to the dead replica may fail (its connection breaks: it is never resent); the
    // replica is dropped at the first failure, and from then on every login works through either gateway.
    const rounds: number[][] = [];
    while (Date.now() - killedAt < 2000) {
      rounds.push(await loginPair());
      if (rounds.at(-1)!.every((s) => s === 200)) break;
    }
    const recoveredInMs = Date.now() - killedAt;
    expect([rounds.at(-1), recoveredInMs < 2000]).toEqual([[200, 200], true]);
    // Round robin would send every other call to the dead replica's port: all of them must still succeed.
    expect([await loginPair(), await loginPair()]).toEqual([
      [200, 200],
      [200, 200],
    ]);
    await run.waitFor(/identity#1 \(pid \d+\) exited unexpectedly \(signal SIGKILL\)/, 5000);
  }, 30_000);
});
