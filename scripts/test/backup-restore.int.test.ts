// `npm run backup` then `npm run restore` into a fresh database give back a platform that works: password + TOTP
// logins, sessions, the audit hash chain, and the signing key (sealed under KEY_ENCRYPTION_KEY) all survive.
// The restore refuses a tampered file and a database that already holds data.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, waitFor } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { seed } from '../../gateway/test/support/seed.js';
import type { SeededUser } from '../../gateway/test/support/seed.js';
import { seedWithRole } from '../../gateway/test/support/roles.js';
import { startTestPlatform } from '../../gateway/test/support/platform.js';
import type { TestPlatform } from '../../gateway/test/support/platform.js';
import { awayFromStepBoundary, jwtPayload, RELAXED_RATE_LIMITS, totp } from '../../gateway/test/support/totp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['--conditions=source', script, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', CBP_DATA_DIR: '/nonexistent', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

interface AuditReport {
  ok: boolean;
  checked: number;
  headSeq: string | number | null;
  headHash: string | null;
}
const AUDIT = '{ verifyAuditChain { ok checked headSeq headHash } }';

async function auditReport(platform: TestPlatform, token: string): Promise<AuditReport> {
  const res = await platform.graphql<{ verifyAuditChain: AuditReport }>(AUDIT, {}, token);
  if (!res.body.data) throw new Error(`verifyAuditChain failed: ${JSON.stringify(res.body.errors)}`);
  return res.body.data.verifyAuditChain;
}

const kidsOf = async (platform: TestPlatform): Promise<string[]> =>
  (await platform.http<{ keys: { kid: string }[] }>('GET', '/.well-known/jwks.json')).body.keys.map((k) => k.kid).sort();

describe('backup and restore', () => {
  let original: TestPlatform;
  let restored: TestPlatform | undefined;
  let target: TestDatabase;
  let dir: string;
  let user: SeededUser;
  let secret: string;
  let enabledStep: number;
  let admin: SeededUser & { token: string };
  let adminRefreshToken: string;
  let userAccessToken: string;
  let auditBefore: AuditReport;
  let kidsBefore: string[];
  let dump: string;
  let originalClosed = false;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cbp-backup-'));
    target = await createTestDatabase();
    original = await startTestPlatform(RELAXED_RATE_LIMITS);

    // A user with TOTP on, through the public API.
    user = await seed(original).user().verified().create();
    const { accessToken } = await user.login();
    const setup = await original.http<{ secret: string }>('POST', '/auth/2fa/setup', {
      token: accessToken,
      body: { currentPassword: user.password },
    });
    secret = setup.body.secret;
    await awayFromStepBoundary();
    enabledStep = Math.floor(Date.now() / 30_000);
    const enabled = await original.http('POST', '/auth/2fa/verify', { token: accessToken, body: { code: totp(secret) } });
    expect(enabled.status).toBe(200);
    // Enabling TOTP ended the older sessions: this login (password + code) is the user's live session.
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
    const withOtp = await original.http<{ accessToken: string }>('POST', '/auth/login', {
      body: { email: user.email, password: user.password, otp: totp(secret) },
    });
    expect(withOtp.status).toBe(200);
    userAccessToken = withOtp.body.accessToken;

    // An admin (role.granted and the sign-ups land in the audit chain through the event stream).
    admin = await seedWithRole(original, 'admin');
    adminRefreshToken = (await admin.login()).refreshToken;
    await waitFor(
      'the audit chain to record the seeded events',
      async () => (await auditReport(original, admin.token)).checked >= 3,
      30_000,
    );
    auditBefore = await auditReport(original, admin.token);
    expect(auditBefore.ok).toBe(true);
    kidsBefore = await kidsOf(original);
  }, 180_000);

  afterAll(async () => {
    await restored?.close();
    if (!originalClosed) await original?.close();
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('npm run backup writes a custom-format dump and a matching sha256sum line', async () => {
    const started = Date.now();
    const result = await runScript('scripts/backup.ts', ['--dir', dir], { DATABASE_URL: original.databaseUrl });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const [dumpName = '', sumName = ''] = files;
    expect(dumpName).toMatch(/^.+-\d{8}T\d{6}Z\.dump$/);
    expect(sumName).toBe(`${dumpName}.sha256`);
    dump = path.join(dir, dumpName);
    expect(readFileSync(dump).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    const digest = createHash('sha256').update(readFileSync(dump)).digest('hex');
    expect(readFileSync(path.join(dir, sumName), 'utf8')).toBe(`${digest}  ${dumpName}\n`);
    process.stderr.write(`backup: ${statSync(dump).size} bytes in ${Date.now() - started} ms (including tsx start-up)\n`);
  }, 120_000);

  it('refuses a file whose checksum does not match, with one line and a non-zero exit', async () => {
    const tampered = path.join(dir, 'tampered', path.basename(dump));
    mkdirSync(path.dirname(tampered));
    const bytes = readFileSync(dump);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(tampered, bytes);
    copyFileSync(`${dump}.sha256`, `${tampered}.sha256`);
    const result = await runScript('scripts/restore.ts', [tampered], { DATABASE_URL: target.url });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^restore refused: checksum mismatch: the file is [0-9a-f]{64}, the checksum file says [0-9a-f]{64}$/,
    );
  }, 60_000);

  it('refuses to restore over a database that holds data unless --force', async () => {
    const result = await runScript('scripts/restore.ts', [dump], { DATABASE_URL: original.databaseUrl });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^restore refused: database \S+ already holds \d+ tables; restore into an empty database, or pass --force to replace them$/,
    );
  }, 60_000);

  it('npm run restore loads it into an empty database', async () => {
    const started = Date.now();
    const result = await runScript('scripts/restore.ts', [dump], { DATABASE_URL: target.url });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^restore: .+\.dump \(sha256 [0-9a-f]{16}… verified\) into \S+ in [\d.]+ s$/m);
    process.stderr.write(`restore: ${Date.now() - started} ms (including tsx start-up)\n`);
    // Now it holds data: --force replaces what the backup contains, in one transaction.
    const forced = await runScript('scripts/restore.ts', [dump, '--force'], { DATABASE_URL: target.url });
    expect(forced).toMatchObject({ code: 0, stderr: '' });
  }, 120_000);

  describe('the platform on the restored database, with the same KEY_ENCRYPTION_KEY and AUDIT_CHAIN_KEY', () => {
    beforeAll(async () => {
      // The original database goes away first: everything below comes from the backup. The two keys the database
      // does not hold are part of the backup plan (docs/operations.md): without them nothing sealed opens and the
      // keyed audit chain cannot be verified.
      const keyEncryptionKey = original.env.KEY_ENCRYPTION_KEY ?? '';
      const auditChainKey = original.env.AUDIT_CHAIN_KEY ?? '';
      await original.close();
      originalClosed = true;
      restored = await startTestPlatform({
        ...RELAXED_RATE_LIMITS,
        DATABASE_URL: target.url,
        KEY_ENCRYPTION_KEY: keyEncryptionKey,
        AUDIT_CHAIN_KEY: auditChainKey,
      });
    }, 120_000);

    it('serves the same signing key: it decrypted the stored private key, and tokens issued before still verify', async () => {
      const platform = restored as TestPlatform;
      expect(await kidsOf(platform)).toEqual(kidsBefore);
      const me = await platform.graphql<{ me: { id: string } }>('{ me { id } }', {}, userAccessToken);
      expect(me.body.data?.me.id).toBe(user.userId);
    });

    it('signs in with password + TOTP (the restored secret), and the new token verifies', async () => {
      const platform = restored as TestPlatform;
      const noCode = await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password } });
      expect(noCode.body).toMatchObject({ error: { code: 'OTP_REQUIRED' } });
      // The step used before the backup is spent (restored totp_last_step): use a later one.
      if (Math.floor(Date.now() / 30_000) <= enabledStep + 1)
        await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
      await awayFromStepBoundary();
      const res = await platform.http<{ accessToken: string }>('POST', '/auth/login', {
        body: { email: user.email, password: user.password, otp: totp(secret) },
      });
      expect(res.status).toBe(200);
      expect(jwtPayload(res.body.accessToken)).toMatchObject({ sub: user.userId, amr: ['pwd', 'otp'] });
      expect(kidsBefore).toContain(JSON.parse(Buffer.from(res.body.accessToken.split('.')[0] ?? '', 'base64url').toString('utf8')).kid);
      const me = await platform.graphql<{ me: { id: string } }>('{ me { id } }', {}, res.body.accessToken);
      expect(me.body.data?.me.id).toBe(user.userId);
    }, 70_000);

    it('keeps sessions: a refresh token issued before the backup still refreshes', async () => {
      const platform = restored as TestPlatform;
      const res = await platform.http<{ accessToken: string }>('POST', '/auth/refresh', { body: { refreshToken: adminRefreshToken } });
      expect(res.status).toBe(200);
      expect(jwtPayload(res.body.accessToken).sub).toBe(admin.userId);
    });

    it('verifies the audit chain up to the same head', async () => {
      const platform = restored as TestPlatform;
      const login = await platform.http<{ accessToken: string }>('POST', '/auth/login', {
        body: { email: admin.email, password: admin.password },
      });
      expect(login.status).toBe(200);
      const report = await auditReport(platform, login.body.accessToken);
      expect(report.ok).toBe(true);
      expect(report.checked).toBeGreaterThanOrEqual(auditBefore.checked);
      expect(Number(report.headSeq)).toBeGreaterThanOrEqual(Number(auditBefore.headSeq));
    });
  });
});
