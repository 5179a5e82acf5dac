// Jest global setup for the integration project (plain ESM: jest loads it outside the TypeScript module mapper).
// Decides, once per run, what integration tests talk to. With CI=true a missing PostgreSQL or Redis fails the
// run; elsewhere the embedded defaults stand in (PGlite, the in-process Redis adapter) and the run says so.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redisAnswers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

export default async function globalSetup() {
  const runId = `cbp_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const pgUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_PG_URL;
  const redisUrl = process.env.TEST_REDIS_URL ?? (process.env.REDIS_URL?.startsWith('redis') ? process.env.REDIS_URL : DEFAULT_REDIS_URL);
  const strict = process.env.CI === 'true' || process.env.CBP_TEST_REQUIRE_REAL === 'true';
  const [pgUp, redisUp] = await Promise.all([postgresAnswers(pgUrl), redisAnswers(redisUrl)]);
  if (strict && (!pgUp || !redisUp)) {
    const missing = [!pgUp && `PostgreSQL at ${new URL(pgUrl).host}`, !redisUp && `Redis at ${new URL(redisUrl).host}`].filter(Boolean);
    throw new Error(`Integration tests need a real ${missing.join(' and ')} (CI=true); it did not answer.`);
  }
  process.env.CBP_TEST_RUN_ID = runId;
  process.env.CBP_TEST_DB_MODE = pgUp ? 'postgres' : 'pglite';
  process.env.CBP_TEST_PG_ADMIN_URL = pgUrl;
  process.env.CBP_TEST_REDIS_MODE = redisUp ? 'redis' : 'memory';
  process.env.CBP_TEST_REDIS_URL = redisUrl;
  process.stdout.write(
    `\nintegration backends: ${pgUp ? `PostgreSQL ${new URL(pgUrl).host}` : 'embedded PGlite'}, ` +
      `${redisUp ? `Redis ${new URL(redisUrl).host}` : 'in-process Redis adapter'} (run ${runId})\n`,
  );
}
