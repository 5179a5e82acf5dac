// docs/design.md §10 (Errors), failure answers: while Redis cannot be reached, an authenticated request answers 503
// SERVICE_UNAVAILABLE (GraphQL: that `extensions.code`) within a bounded time, never a 500 and never a hung
// connection; when Redis is back, the same requests work again. The platform runs on a private redis-server this
// suite starts and kills.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readTestBackends } from '@cbp/testing';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

const backends = readTestBackends();
// A private Redis server to kill: needs the real Redis mode (and its redis-server binary).
const describeReal = backends.redisMode === 'redis' ? describe : describe.skip;
/** What "bounded" means here: each dependency call has a timeout well under this. */
const BOUND_MS = 5_000;

let platform: TestPlatform;
let port = 0;
let redis: ChildProcess | null = null;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function startRedis(): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  redis = child;
}

async function killRedis(): Promise<void> {
  const child = redis;
  redis = null;
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code ?? 'OK';

async function timed<T>(call: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const began = Date.now();
  const result = await call();
  return { result, ms: Date.now() - began };
}

beforeAll(async () => {
  if (backends.redisMode !== 'redis') return;
  port = await freePort();
  await startRedis();
  platform = await startTestPlatform({ REDIS_URL: `redis://127.0.0.1:${port}` });
}, 60_000);
afterAll(async () => {
  if (redis === null && platform) await startRedis().catch(() => undefined);
  await platform?.close();
  await killRedis();
});

describeReal('Redis down', () => {
  it('authenticated GraphQL and REST requests answer 503 SERVICE_UNAVAILABLE in bounded time, and recover', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken, refreshToken } = await user.login();
    expect(codeOf(await platform.graphql('{ me { id } }', {}, accessToken))).toBe('OK');

    await killRedis();
    for (let round = 0; round < 3; round++) {
      const graphql = await timed(() => platform.graphql('{ me { id } }', {}, accessToken));
      expect([graphql.result.status, codeOf(graphql.result)]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(graphql.ms).toBeLessThan(BOUND_MS);
      const rest = await timed(() => platform.http<{ error?: { code: string } }>('POST', '/auth/logout-all', { token: accessToken }));
      expect([rest.result.status, rest.result.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      expect(rest.ms).toBeLessThan(BOUND_MS);
    }
    // A refresh carries no bearer: it reaches identity, whose session-cache write after the rotation needs Redis.
    const refresh = await timed(() => platform.http<{ error?: { code: string } }>('POST', '/auth/refresh', { body: { refreshToken } }));
    expect([refresh.result.status, refresh.result.body.error?.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(refresh.ms).toBeLessThan(BOUND_MS);

    await startRedis();
    let recovered = '';
    for (let i = 0; i < 50 && recovered !== 'OK'; i++) {
      recovered = codeOf(await platform.graphql('{ me { id } }', {}, accessToken));
      if (recovered !== 'OK') await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe('OK');
  }, 60_000);
});
