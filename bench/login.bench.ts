// `npm run bench:login`: login requests per second through the gateway (REST /auth/login, the whole stack on the
// local PostgreSQL and Redis), against the argon2 ceiling of this machine measured in the same run.
// Writes bench/results/login.json; bench/README.md holds the table.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { seed } from '../gateway/test/support/seed.js';
import type { SeededUser } from '../gateway/test/support/seed.js';
import { startTestPlatform } from '../gateway/test/support/platform.js';
import { machine, measureArgon2Ceiling } from './argon2-ceiling.js';

process.env.CBP_TEST_RUN_ID ??= `cbp_bench_${Date.now().toString(36)}`;
process.env.CBP_TEST_DB_MODE ??= 'postgres';
process.env.CBP_TEST_REDIS_MODE ??= 'redis';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const USERS = Number(process.env.BENCH_USERS ?? 50);
const params = { memoryKiB: 19_456, timeCost: 2, parallelism: 1 };

const platform = await startTestPlatform({
  ARGON2_MEMORY_KIB: String(params.memoryKiB),
  ARGON2_TIME_COST: String(params.timeCost),
  ARGON2_PARALLELISM: String(params.parallelism),
  LOG_LEVEL: 'warn',
});
try {
  console.log(`seeding ${USERS} verified users…`);
  const users: SeededUser[] = [];
  for (let i = 0; i < USERS; i += 1) users.push(await seed(platform).user().verified().create());

  console.log('measuring the argon2 ceiling…');
  const ceiling = await measureArgon2Ceiling(params);

  console.log(`login for ${DURATION_SECONDS} s with ${CONNECTIONS} connections…`);
  let next = 0;
  const result = await autocannon({
    url: `${platform.gatewayUrl}/auth/login`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const user = users[next++ % users.length]!;
          return { ...request, body: JSON.stringify({ email: user.email, password: user.password, deviceFingerprint: 'bench' }) };
        },
      },
    ],
  });
  const loginsPerSecond = result.requests.average;
  const report = {
    at: new Date().toISOString(),
    machine: machine(),
    argon2: ceiling,
    login: {
      twoFactor: false,
      connections: CONNECTIONS,
      seconds: DURATION_SECONDS,
      requestsPerSecond: loginsPerSecond,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
      non2xx: result.non2xx,
      errors: result.errors,
    },
    ratioToArgon2Ceiling: loginsPerSecond / ceiling.hashesPerSecond,
  };
  fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  fs.writeFileSync(new URL('./results/login.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await platform.close();
}
