// Rule (ASVS 6.3.1, docs/design.md §7 (Rate limits, lockout and GraphQL limits)): the per-account failure budget is
// enforced atomically. 50 wrong passwords (or 50 wrong OTPs after the right password) sent in parallel are evaluated
// exactly LOCKOUT_THRESHOLD times; every other attempt is refused as ACCOUNT_LOCKED without being evaluated, and the
// lock then holds for the right password.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { settledMailsTo } from './support/mailbox.js';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { awayFromStepBoundary, RELAXED_RATE_LIMITS, totp } from './support/totp.js';

const THRESHOLD = 10;
const PARALLEL = 50;
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ ...RELAXED_RATE_LIMITS, LOCKOUT_THRESHOLD: String(THRESHOLD), LOCKOUT_BASE_SECONDS: '60' });
});

afterAll(async () => {
  await platform?.close();
});

type Body = { error?: { code: string } };
const tally = (codes: (string | undefined)[]) =>
  codes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c ?? 'OK']: (acc[c ?? 'OK'] ?? 0) + 1 }), {});

describe('attempt cap under concurrency', () => {
  it(`evaluates exactly ${THRESHOLD} of ${PARALLEL} parallel wrong passwords`, async () => {
    const user = await seed(platform).user().verified().create();
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        platform.http<Body>('POST', '/auth/login', { body: { email: user.email, password: `parallel wrong guess ${i}` } }),
      ),
    );
    expect(tally(results.map((r) => r.body.error?.code))).toEqual({ INVALID_CREDENTIALS: THRESHOLD, ACCOUNT_LOCKED: PARALLEL - THRESHOLD });
    for (const r of results) expect(r.status).toBe(r.body.error?.code === 'ACCOUNT_LOCKED' ? 423 : 401);
    const right = await platform.http<Body>('POST', '/auth/login', { body: { email: user.email, password: user.password } });
    expect(right.status).toBe(423);
    // One lock, one email, however many attempts raced into it.
    expect(await settledMailsTo(platform.mail, user.email, /locked after too many failed sign-in attempts/)).toHaveLength(1);
  }, 60_000);

  it(`evaluates exactly ${THRESHOLD} of ${PARALLEL} parallel wrong OTPs`, async () => {
    const user = await seed(platform).user().verified().create();
    const session = await user.login();
    const setup = await platform.http<{ secret: string }>('POST', '/auth/2fa/setup', {
      token: session.accessToken,
      body: { currentPassword: user.password },
    });
    await awayFromStepBoundary();
    expect(
      (await platform.http('POST', '/auth/2fa/verify', { token: session.accessToken, body: { code: totp(setup.body.secret) } })).status,
    ).toBe(200);
    const valid = totp(setup.body.secret, Date.now(), 1);
    const wrong = (i: number) => String((Number(valid) + 1 + i) % 1_000_000).padStart(6, '0');
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        platform.http<Body>('POST', '/auth/login', { body: { email: user.email, password: user.password, otp: wrong(i) } }),
      ),
    );
    const counts = tally(results.map((r) => r.body.error?.code));
    // A wrong guess could, one time in a million, be a valid code of the ±1 window; the budget still holds.
    expect((counts.INVALID_OTP ?? 0) + (counts.OK ?? 0)).toBe(THRESHOLD);
    expect(counts.ACCOUNT_LOCKED).toBe(PARALLEL - THRESHOLD);
    expect((await platform.http('POST', '/auth/login', { body: { email: user.email, password: user.password, otp: valid } })).status).toBe(
      423,
    );
  }, 60_000);
});
