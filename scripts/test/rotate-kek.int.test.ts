// Key-encryption-key rotation on real data: secrets sealed under the old key (through the platform) keep working
// while identity runs with KEY_ENCRYPTION_KEY=new and KEY_ENCRYPTION_KEY_PREVIOUS=old; `npm run rotate-kek`
// re-seals them (idempotent, in batches); afterwards identity runs with the new key alone: password + TOTP logins
// and token signing work, and the old key opens nothing.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { seed } from '../../gateway/test/support/seed.js';
import type { SeededUser } from '../../gateway/test/support/seed.js';
import { startTestPlatform } from '../../gateway/test/support/platform.js';
import type { TestPlatform } from '../../gateway/test/support/platform.js';
import { awayFromStepBoundary, jwtPayload, RELAXED_RATE_LIMITS, totp } from '../../gateway/test/support/totp.js';
import { decryptSecret, KeyDecryptionError } from '../../subgraphs/identity/src/keys/key-encryption.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');

function rotate(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['--conditions=source', 'scripts/rotate-kek.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', CBP_DATA_DIR: '/nonexistent', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Waits for a TOTP step later than any used so far, and away from its end. */
async function freshStep(after: number): Promise<number> {
  while (Math.floor(Date.now() / 30_000) <= after)
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  await awayFromStepBoundary();
  return Math.floor(Date.now() / 30_000);
}

async function sealedRows(url: string): Promise<{ aad: string; sealed: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const keys = await client.query<{ aad: string; sealed: string }>(
      'select kid as aad, private_key_enc as sealed from identity.signing_keys',
    );
    const totps = await client.query<{ aad: string; sealed: string }>(
      "select 'totp:' || id as aad, totp_secret_encrypted as sealed from identity.users where totp_secret_encrypted is not null",
    );
    return [...keys.rows, ...totps.rows];
  } finally {
    await client.end();
  }
}

const opensUnder = (rows: { aad: string; sealed: string }[], key: string): boolean[] =>
  rows.map(({ aad, sealed }) => {
    try {
      decryptSecret(sealed, Buffer.from(key, 'base64'), aad);
      return true;
    } catch (err) {
      if (err instanceof KeyDecryptionError) return false;
      throw err;
    }
  });

describe('key-encryption-key rotation', () => {
  let db: TestDatabase;
  let platform: TestPlatform | undefined;
  let user: SeededUser;
  let secret: string;
  let lastStep = 0;
  let kids: string[];

  const start = async (keys: Record<string, string>): Promise<TestPlatform> => {
    await platform?.close();
    platform = await startTestPlatform({ ...RELAXED_RATE_LIMITS, DATABASE_URL: db.url, ...keys });
    return platform;
  };
  const loginWithTotp = async (p: TestPlatform): Promise<{ status: number; accessToken: string }> => {
    lastStep = await freshStep(lastStep);
    const res = await p.http<{ accessToken: string }>('POST', '/auth/login', {
      body: { email: user.email, password: user.password, otp: totp(secret) },
    });
    return { status: res.status, accessToken: res.body.accessToken };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // Seeded under the old key, through the API: the signing key and a TOTP secret.
    const old = await start({ KEY_ENCRYPTION_KEY: OLD });
    user = await seed(old).user().verified().create();
    const { accessToken } = await user.login();
    const setup = await old.http<{ secret: string }>('POST', '/auth/2fa/setup', {
      token: accessToken,
      body: { currentPassword: user.password },
    });
    secret = setup.body.secret;
    lastStep = await freshStep(0);
    expect((await old.http('POST', '/auth/2fa/verify', { token: accessToken, body: { code: totp(secret) } })).status).toBe(200);
    kids = (await old.http<{ keys: { kid: string }[] }>('GET', '/.well-known/jwks.json')).body.keys.map((k) => k.kid);
    expect(opensUnder(await sealedRows(db.url), OLD)).toEqual([true, true]);
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  }, 60_000);

  it('identity on the new key with the old one as previous: TOTP logins and signing keep working before any re-sealing', async () => {
    const p = await start({ KEY_ENCRYPTION_KEY: NEW, KEY_ENCRYPTION_KEY_PREVIOUS: OLD });
    const login = await loginWithTotp(p);
    expect(login.status).toBe(200);
    expect(JSON.parse(Buffer.from(login.accessToken.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(kids[0]);
  }, 120_000);

  it('refuses to run when a row opens under neither key, changing nothing', async () => {
    const result = await rotate({ DATABASE_URL: db.url, KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^rotate-kek failed: identity\.signing_keys kid=\S+: private_key_enc opens under neither .* \(KEY_ENCRYPTION_KEY_PREVIOUS is not set\)/,
    );
    expect(opensUnder(await sealedRows(db.url), OLD)).toEqual([true, true]);
  }, 60_000);

  it('npm run rotate-kek re-seals every secret under the new key, in batches, and a rerun changes nothing', async () => {
    const env = { DATABASE_URL: db.url, KEY_ENCRYPTION_KEY: NEW, KEY_ENCRYPTION_KEY_PREVIOUS: OLD };
    const first = await rotate(env, '--batch-size', '1');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('identity.signing_keys.private_key_enc: 1 re-sealed, 0 already under the current key');
    expect(first.stdout).toContain('identity.users.totp_secret_encrypted: 1 re-sealed, 0 already under the current key');
    const rows = await sealedRows(db.url);
    expect(opensUnder(rows, NEW)).toEqual([true, true]);
    expect(opensUnder(rows, OLD)).toEqual([false, false]);

    const again = await rotate(env, '--batch-size', '1');
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('identity.signing_keys.private_key_enc: 0 re-sealed, 1 already under the current key');
    expect(again.stdout).toContain('identity.users.totp_secret_encrypted: 0 re-sealed, 1 already under the current key');
    expect(await sealedRows(db.url)).toEqual(rows);
  }, 120_000);

  it('identity on the new key alone: password + TOTP login, and the signing key still signs tokens that verify', async () => {
    const p = await start({ KEY_ENCRYPTION_KEY: NEW });
    const login = await loginWithTotp(p);
    expect(login.status).toBe(200);
    expect(jwtPayload(login.accessToken)).toMatchObject({ sub: user.userId, amr: ['pwd', 'otp'] });
    const me = await p.graphql<{ me: { id: string } }>('{ me { id } }', {}, login.accessToken);
    expect(me.body.data?.me.id).toBe(user.userId);
    expect((await p.http<{ keys: { kid: string }[] }>('GET', '/.well-known/jwks.json')).body.keys.map((k) => k.kid)).toEqual(kids);
  }, 120_000);
});
