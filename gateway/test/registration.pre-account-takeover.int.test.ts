// Rule (docs/design.md §5 (Authentication model), unverified accounts): registering an email whose account is not
// verified yet answers like a new registration (201, the same id), stores the password given with a fresh
// verification token and kills the older ones; verifying a token activates the password registered with it.
// EMAIL_IN_USE is for verified accounts only, and no role is granted to an unverified account (the operator's CLI
// refuses it). The story: an attacker registers the owner's address first; the owner's own registration and
// verification leave the attacker's password useless.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mailsTo, waitForNextMail } from './support/mailbox.js';
import { SmtpSink } from './support/smtp-sink.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { RELAXED_RATE_LIMITS } from './support/totp.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const VERIFY_MAIL = /verify-email\?token=/;
const OWNER_EMAIL = 'Ops.Owner@example.test';
const ATTACKER_PASSWORD = 'the attacker chose this passphrase';
const OWNER_PASSWORD = 'the owner chose this other passphrase';

interface ErrorBody {
  error: { code: string };
}

describe('pre-account takeover', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ ...RELAXED_RATE_LIMITS, BOOTSTRAP_ADMIN_EMAIL: OWNER_EMAIL });
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  const register = (email: string, password: string) =>
    platform.http<{ userId: string } & Partial<ErrorBody>>('POST', '/auth/register', { body: { email, password } });
  const login = (email: string, password: string) =>
    platform.http<{ accessToken: string } & Partial<ErrorBody>>('POST', '/auth/login', { body: { email, password } });
  const verify = (mail: Parameters<typeof SmtpSink.tokenFrom>[0]) =>
    platform.http<Partial<ErrorBody>>('POST', '/auth/email/verify/confirm', { body: { token: SmtpSink.tokenFrom(mail, '/verify-email') } });

  it("the owner's registration and verification activate the owner's password; the attacker's fails", async () => {
    const attacker = await register(OWNER_EMAIL, ATTACKER_PASSWORD);
    expect(attacker.status).toBe(201);
    const first = await waitForNextMail(platform.mail, OWNER_EMAIL, VERIFY_MAIL, 0);

    const owner = await register(OWNER_EMAIL.toLowerCase(), OWNER_PASSWORD);
    expect(owner.status).toBe(201);
    expect(owner.body.userId).toBe(attacker.body.userId);
    const newest = await waitForNextMail(platform.mail, OWNER_EMAIL, VERIFY_MAIL, 1);

    // Before verification only the latest registration's password gets the (password-gated) 403.
    expect((await login(OWNER_EMAIL, OWNER_PASSWORD)).body.error?.code).toBe('EMAIL_NOT_VERIFIED');
    expect((await login(OWNER_EMAIL, ATTACKER_PASSWORD)).body.error?.code).toBe('INVALID_CREDENTIALS');

    const older = await verify(first);
    expect(older.status).toBe(400);
    expect(older.body.error?.code).toBe('INVALID_TOKEN');
    expect((await verify(newest)).status).toBe(200);

    const signedIn = await login(OWNER_EMAIL, OWNER_PASSWORD);
    expect(signedIn.status).toBe(200);
    const refused = await login(OWNER_EMAIL, ATTACKER_PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('INVALID_CREDENTIALS');
    // BOOTSTRAP_ADMIN_EMAIL made the verified owner admin, with the owner's password.
    const ping = await platform.graphql<{ adminPing: { ok: boolean } }>('query { adminPing { ok } }', {}, signedIn.body.accessToken);
    expect(ping.body.data?.adminPing.ok).toBe(true);

    // Verified now: a further registration is EMAIL_IN_USE and changes nothing.
    const again = await register(OWNER_EMAIL, ATTACKER_PASSWORD);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('EMAIL_IN_USE');
    expect((await login(OWNER_EMAIL, ATTACKER_PASSWORD)).status).toBe(401);
    expect(mailsTo(platform.mail, OWNER_EMAIL, VERIFY_MAIL)).toHaveLength(2);
  }, 60_000);

  it('the operator CLI refuses to grant a role to an unverified account', async () => {
    const email = 'not-yet-verified@example.test';
    expect((await register(email, ATTACKER_PASSWORD)).status).toBe(201);
    let outcome: { code: number; stderr: string };
    try {
      const { stderr } = await run(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        ['--conditions=source', 'scripts/admin.ts', 'grant', 'admin', email],
        {
          cwd: ROOT,
          env: {
            PATH: process.env.PATH ?? '',
            DATABASE_URL: platform.databaseUrl,
            REDIS_URL: platform.redis.url,
            REDIS_KEY_PREFIX: platform.redis.keyPrefix,
            CBP_DATA_DIR: '/nonexistent',
          },
          timeout: 60_000,
        },
      );
      outcome = { code: 0, stderr };
    } catch (err) {
      const e = err as { code?: number; stderr?: string };
      outcome = { code: typeof e.code === 'number' ? e.code : 1, stderr: e.stderr ?? '' };
    }
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('has not verified its email');
  }, 90_000);
});
