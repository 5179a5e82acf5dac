// `npm start` on embedded defaults (docs/design.md §12 (Running it)): with DATABASE_URL and REDIS_URL unset the whole
// platform comes up in one process on PGlite and the in-process Redis adapter, answers GraphQL, stops cleanly on
// SIGINT, and keeps its data across a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { cleanEnv, runTs } from './support.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbp-start-'));
const env = cleanEnv({
  CBP_DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: '0',
  IDENTITY_PORT: '0',
  ADMIN_PORT: '0',
  ANALYTICS_PORT: '0',
  GATEWAY_PORT: '0',
  WEB_DEV_SERVER: 'false',
  LOG_FORMAT: 'json',
  LOG_LEVEL: 'warn',
  ARGON2_MEMORY_KIB: '19456',
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startPlatform() {
  const run = runTs('scripts/start.ts', env);
  const [, gatewayUrl] = await run.waitFor(/GraphQL API\s+(http:\/\/127\.0\.0\.1:\d+)\/graphql/, 90_000);
  return { run, gatewayUrl: gatewayUrl! };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('npm start on embedded defaults', () => {
  const email = 'embedded@example.test';
  const password = 'pglite keeps what was written';
  let firstUserId = '';

  it('starts every service, answers GraphQL and readiness, and stops cleanly on SIGINT', async () => {
    const { run, gatewayUrl } = await startPlatform();
    try {
      expect(run.output()).toContain('embedded PGlite');
      expect(run.output()).toContain('in-process adapter');
      const typename = await post(`${gatewayUrl}/graphql`, { query: '{ __typename }' });
      expect(typename.status).toBe(200);
      expect(await typename.json()).toEqual({ data: { __typename: 'Query' } });
      expect((await fetch(`${gatewayUrl}/readyz`)).status).toBe(200);
      const registered = await post(`${gatewayUrl}/auth/register`, { email, password });
      expect(registered.status).toBe(201);
      firstUserId = ((await registered.json()) as { userId: string }).userId;
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(dataDir, 'pglite'))).toBe(true);
  });

  it('keeps the data across a restart', async () => {
    const { run, gatewayUrl } = await startPlatform();
    try {
      // The account exists (its password is right) but was never verified: the answer proves it survived.
      const login = await post(`${gatewayUrl}/auth/login`, { email, password });
      expect(login.status).toBe(403);
      expect(await login.json()).toMatchObject({ error: { code: 'EMAIL_NOT_VERIFIED' } });
      // Registering the unverified email again answers like a new registration, with the same id (docs/design.md
      // §5 (Authentication model)): the same id proves the account survived the restart.
      const again = await post(`${gatewayUrl}/auth/register`, { email, password });
      expect(again.status).toBe(201);
      expect(((await again.json()) as { userId: string }).userId).toBe(firstUserId);
    } finally {
      run.child.kill('SIGINT');
    }
    expect((await run.exited).code).toBe(0);
  });
});
