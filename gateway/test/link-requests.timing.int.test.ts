// Rule (docs/design.md §7 (Rate limits, lockout and GraphQL limits)): asking for a password-reset or a
// verification link costs the same whether the email has an account or not, so the response time does not tell
// which emails exist. Measured: interleaved requests, medians within 20 %. The link is mailed after the response;
// each known request's mail is awaited (untimed) before the next request, so that this work, which follows a known
// email's response, does not land on whichever request comes next and blur the comparison.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitForNextMail } from './support/mailbox.js';
import { reportMeasurement } from './support/measure.js';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { RELAXED_RATE_LIMITS } from './support/totp.js';

const SAMPLES = 40;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

describe('link requests take as long for unknown emails as for known ones', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(RELAXED_RATE_LIMITS);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  const timed = async (path: string, email: string) => {
    const started = process.hrtime.bigint();
    const res = await platform.http('POST', path, { body: { email } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(res.status).toBe(202);
    return ms;
  };

  it.each([
    ['/auth/password-reset/request', true, /reset-password\?token=/],
    ['/auth/email/verify/request', false, /verify-email\?token=/],
  ])(
    '%s',
    async (path, verified, link) => {
      const builder = seed(platform).user();
      const known = await (verified ? builder.verified() : builder).create();
      // An unverified account already got its registration's link.
      let seen = verified ? 0 : 1;
      const timedKnown = async () => {
        const ms = await timed(path, known.email);
        await waitForNextMail(platform.mail, known.email, link, seen++);
        return ms;
      };
      const times = { known: [] as number[], unknown: [] as number[] };
      // Warm-up, then known and unknown alternate so that load on the box falls on both alike.
      for (let i = 0; i < 5; i++) await timedKnown();
      for (let i = 0; i < SAMPLES; i++) {
        const unknown = `nobody-${randomBytes(6).toString('hex')}@example.test`;
        if (i % 2 === 0) {
          times.known.push(await timedKnown());
          times.unknown.push(await timed(path, unknown));
        } else {
          times.unknown.push(await timed(path, unknown));
          times.known.push(await timedKnown());
        }
      }
      const [k, u] = [median(times.known), median(times.unknown)];
      reportMeasurement(`${path}: median known ${k.toFixed(2)} ms, unknown ${u.toFixed(2)} ms`);
      expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.2);
    },
    90_000,
  );
});
