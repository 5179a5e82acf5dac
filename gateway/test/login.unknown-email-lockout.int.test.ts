// Rule (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): the answers to repeated wrong passwords never
// tell whether an account exists. An email without an account is counted and locked exactly like an account, so
// the same loop of wrong passwords gives the same status, code and wait for both.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { RELAXED_RATE_LIMITS } from './support/totp.js';

interface ErrorBody {
  error: { code: string; details?: { retryAfterSeconds?: number } };
}

describe('lockout of known and unknown emails', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ ...RELAXED_RATE_LIMITS, LOCKOUT_THRESHOLD: '10', LOCKOUT_BASE_SECONDS: '60' });
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  /** Status, code and wait (to the 10 s bucket, header and body) of 12 wrong passwords in a row. */
  const wrongLoop = async (email: string) => {
    const answers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await platform.http<ErrorBody>('POST', '/auth/login', { body: { email, password: `wrong password ${i}, sorry` } });
      const header = res.headers.get('retry-after');
      const body = res.body.error.details?.retryAfterSeconds;
      const bucket = (s: number | string | null | undefined) => (s === null || s === undefined ? '-' : String(Math.floor(Number(s) / 10)));
      answers.push(`${res.status} ${res.body.error.code} ${bucket(header)} ${bucket(body)}`);
    }
    return answers;
  };

  it('12 wrong passwords: the same answers for a real account and for an email without one', async () => {
    const known = await seed(platform).user().verified().create();
    const unknown = `nobody-${randomBytes(6).toString('hex')}@example.test`;
    const knownAnswers = await wrongLoop(known.email);
    const unknownAnswers = await wrongLoop(unknown);
    expect(knownAnswers.slice(0, 10)).toEqual(Array(10).fill('401 INVALID_CREDENTIALS - -'));
    expect(knownAnswers[10]).toMatch(/^423 ACCOUNT_LOCKED /);
    expect(unknownAnswers).toEqual(knownAnswers);
    // The lock is keyed by the normalised email, as an account's is.
    const variant = await platform.http<ErrorBody>('POST', '/auth/login', {
      body: { email: ` ${unknown.toUpperCase()} `, password: 'x y z w v' },
    });
    expect(variant.status).toBe(423);
  }, 60_000);
});
