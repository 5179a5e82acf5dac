// `npm run bench:login`: login requests per second through the gateway (REST /auth/login, the whole stack on the
// local PostgreSQL and Redis), with two-factor authentication off and on, against the argon2 ceiling of this
// machine measured in the same run. Writes bench/results/login.json; bench/README.md holds the table.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { seed } from '../gateway/test/support/seed.js';
import type { SeededUser } from '../gateway/test/support/seed.js';
import { startTestPlatform } from '../gateway/test/support/platform.js';
import type { TestPlatform } from '../gateway/test/support/platform.js';
import { RELAXED_RATE_LIMITS, totp } from '../gateway/test/support/totp.js';
import { machine, measureArgon2Ceiling } from './argon2-ceiling.js';

process.env.CBP_TEST_RUN_ID ??= `cbp_bench_${Date.now().toString(36)}`;
process.env.CBP_TEST_DB_MODE ??= 'postgres';
process.env.CBP_TEST_REDIS_MODE ??= 'redis';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const USERS = Number(process.env.BENCH_USERS ?? 50);
/** With 2FA each code is accepted once (RFC 6238 §5.2), so every request needs a user of its own. */
const TOTP_USERS = Number(process.env.BENCH_TOTP_USERS ?? 700);
const params = { memoryKiB: 19_456, timeCost: 2, parallelism: 1 };

interface TotpUser extends SeededUser {
  secret: string;
}

async function seedTotpUser(platform: TestPlatform): Promise<TotpUser> {
  const user = await seed(platform).user().verified().create();
  const { accessToken } = await user.login();
  const setup = await platform.http<{ secret: string }>('POST', '/auth/2fa/setup', {
    token: accessToken,
    body: { currentPassword: user.password },
  });
  const enabled = await platform.http('POST', '/auth/2fa/verify', { token: accessToken, body: { code: totp(setup.body.secret) } });
  if (enabled.status !== 200) throw new Error(`enabling 2FA failed: ${enabled.status} ${JSON.stringify(enabled.body)}`);
  return { ...user, secret: setup.body.secret };
}

async function run(platform: TestPlatform, body: () => Record<string, unknown>, seconds: number) {
  const result = await autocannon({
    url: `${platform.gatewayUrl}/auth/login`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
  });
  return {
    connections: CONNECTIONS,
    seconds,
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const platform = await startTestPlatform({
  ...RELAXED_RATE_LIMITS,
  ARGON2_MEMORY_KIB: String(params.memoryKiB),
  ARGON2_TIME_COST: String(params.timeCost),
  ARGON2_PARALLELISM: String(params.parallelism),
});
try {
  console.log(`seeding ${USERS} users, and ${TOTP_USERS} users with 2FA…`);
  const users: SeededUser[] = [];
  for (let i = 0; i < USERS; i += 1) users.push(await seed(platform).user().verified().create());
  const totpUsers: TotpUser[] = [];
  for (let i = 0; i < TOTP_USERS; i += 1) totpUsers.push(await seedTotpUser(platform));

  console.log('measuring the argon2 ceiling…');
  const ceiling = await measureArgon2Ceiling(params);

  console.log(`login without 2FA for ${DURATION_SECONDS} s…`);
  let next = 0;
  const withoutOtp = await run(
    platform,
    () => {
      const user = users[next++ % users.length]!;
      return { email: user.email, password: user.password, deviceFingerprint: 'bench' };
    },
    DURATION_SECONDS,
  );

  // Each user logs in once; the run is kept short enough that the pool is not exhausted.
  const otpSeconds = Math.min(DURATION_SECONDS, Math.max(3, Math.floor(TOTP_USERS / Math.max(withoutOtp.requestsPerSecond, 1) / 1.5)));
  console.log(`login with 2FA for ${otpSeconds} s…`);
  let nextOtp = 0;
  const withOtp = await run(
    platform,
    () => {
      const user = totpUsers[nextOtp++ % totpUsers.length]!;
      return { email: user.email, password: user.password, otp: totp(user.secret), deviceFingerprint: 'bench' };
    },
    otpSeconds,
  );

  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    argon2: ceiling,
    login: { twoFactorOff: withoutOtp, twoFactorOn: { ...withOtp, usersInPool: TOTP_USERS, requestsSent: nextOtp } },
    ratioToArgon2Ceiling: {
      twoFactorOff: withoutOtp.requestsPerSecond / ceiling.hashesPerSecond,
      twoFactorOn: withOtp.requestsPerSecond / ceiling.hashesPerSecond,
    },
  };
  fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  fs.writeFileSync(new URL('./results/login.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await platform.close();
}
