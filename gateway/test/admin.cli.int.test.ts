// Rule: the first admin is made by the operator, never by the API: `npm run admin -- grant admin <email>` against
// the platform's database (recorded as role.granted with actor null, effective on the user's next request), or
// BOOTSTRAP_ADMIN_EMAIL, which makes the account with that email admin when it verifies its email.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

async function cli(platform: TestPlatform, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=source', 'scripts/admin.ts', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: platform.databaseUrl,
        REDIS_URL: platform.redis.url,
        REDIS_KEY_PREFIX: platform.redis.keyPrefix,
        CBP_DATA_DIR: '/nonexistent',
      },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const PING = 'query { adminPing { ok } }';

describe('npm run admin', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('grant admin <email>: the user (already signed in) can adminPing on the next request; list shows it; revoke takes it away', async () => {
    const user = await seed(platform).user().verified().create();
    const { accessToken } = await user.login();
    expect((await platform.graphql(PING, {}, accessToken)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const granted = await cli(platform, 'grant', 'admin', user.email);
    expect(granted).toMatchObject({ code: 0 });
    expect(granted.stdout).toContain('Granted admin');
    expect((await platform.graphql<{ adminPing: { ok: boolean } }>(PING, {}, accessToken)).body.data?.adminPing.ok).toBe(true);

    const listed = await cli(platform, 'list', user.email);
    expect(listed.stdout).toMatch(/roles admin, user; scopes .*keys:rotate/);

    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ actor: string | null }>(
        "select payload->>'actorId' as actor from identity.outbox where type = 'role.granted' and payload->>'subjectId' = $1",
        [user.userId],
      );
      expect(rows).toEqual([{ actor: null }]);
    } finally {
      await client.end();
    }

    expect(await cli(platform, 'revoke', 'admin', user.email)).toMatchObject({ code: 0 });
    expect((await platform.graphql(PING, {}, accessToken)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 120_000);

  it('refuses an unknown email or role and bad usage, with a non-zero exit', async () => {
    const unknown = await cli(platform, 'grant', 'admin', 'nobody@example.test');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account with the email nobody@example.test');
    const user = await seed(platform).user().create();
    expect((await cli(platform, 'grant', 'root', user.email)).stderr).toContain('No such role: root');
    expect((await cli(platform, 'frobnicate')).code).toBe(2);
  }, 120_000);
});

describe('BOOTSTRAP_ADMIN_EMAIL', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ BOOTSTRAP_ADMIN_EMAIL: 'First.Admin@example.test' });
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('makes the account with that email admin when it verifies (not before); others stay plain users', async () => {
    const unverified = await seed(platform).user({ email: 'first.admin@example.test' }).create();
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const roles = async () =>
        (
          await client.query<{ role: string }>('select role from identity.user_roles where user_id = $1 order by role', [unverified.userId])
        ).rows.map((r) => r.role);
      // No role at all before verification (roles are never granted to an unverified account).
      expect(await roles()).toEqual([]);
      const mail = await platform.mail.waitFor('first.admin@example.test', /verify-email\?token=/);
      const { SmtpSink } = await import('./support/smtp-sink.js');
      expect(
        (await platform.http('POST', '/auth/email/verify/confirm', { body: { token: SmtpSink.tokenFrom(mail, '/verify-email') } })).status,
      ).toBe(200);
      expect(await roles()).toEqual(['admin', 'user']);
    } finally {
      await client.end();
    }
    const { accessToken } = await unverified.login();
    expect((await platform.http('GET', '/admin/ping', { token: accessToken })).status).toBe(200);
    const other = await seed(platform).user().verified().create();
    expect((await platform.http('GET', '/admin/ping', { token: (await other.login()).accessToken })).status).toBe(403);
  });
});
