// The lockout never tells whether an account exists (docs/design.md §7 (Rate limits, lockout and GraphQL limits)):
// an email without an account is counted and locked with the same policy, giving the same answers and waits.
import { describe, expect, it } from '@jest/globals';
import { failureOf } from '../testing/app-error.js';
import { createIdentityTestKit } from '../testing/identity-test-kit.js';

describe('lockout of an email without an account', () => {
  it('answers a run of wrong passwords exactly as for an account, and its lock ends the same way', async () => {
    const kit = createIdentityTestKit();
    const user = await kit.seedUser();
    const run = async (email: string) => {
      const answers: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        const err = await failureOf(kit.services.login.login({ email, password: `wrong ${i}, surely` }, kit.meta));
        answers.push({ code: err.code, status: err.status, details: err.details });
      }
      return answers;
    };
    const known = await run(user.email);
    const unknown = await run('Nobody.Here@example.com');
    expect(known.slice(3)).toEqual(Array(3).fill({ code: 'ACCOUNT_LOCKED', status: 423, details: { retryAfterSeconds: 60 } }));
    expect(unknown).toEqual(known);
    kit.clock.advance(60);
    expect(
      await failureOf(kit.services.login.login({ email: 'nobody.here@example.com', password: 'again wrong' }, kit.meta)),
    ).toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  }, 60_000);
});
