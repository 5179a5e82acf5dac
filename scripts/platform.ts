import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '@cbp/db';
import type { EmbeddedPostgres } from '@cbp/db';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the embedded database and development secrets live; CBP_DATA_DIR moves it (tests use a temp dir). */
export const DATA_DIR = process.env.CBP_DATA_DIR ? path.resolve(process.env.CBP_DATA_DIR) : path.join(ROOT, '.data');

export type Env = Record<string, string | undefined>;

/**
 * Development secrets, generated once and kept under .data/ so sessions and encrypted keys survive a restart.
 * Never used when NODE_ENV=production: there every secret must be configured.
 */
export function devSecrets(env: Env): Record<string, string> {
  if (env.NODE_ENV === 'production') return {};
  const file = path.join(DATA_DIR, 'dev-secrets.json');
  const stored: Record<string, string> = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const wanted: Record<string, () => string> = {
    KEY_ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
    AUDIT_CHAIN_KEY: () => randomBytes(32).toString('base64url'),
    SESSION_CACHE_MAC_KEY: () => randomBytes(32).toString('base64url'),
  };
  let changed = false;
  for (const [name, make] of Object.entries(wanted)) {
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
    }
  }
  // The assertion keys are a pair: made together, or the subgraphs would refuse every request.
  if (!stored.GATEWAY_ASSERTION_PRIVATE_KEY || !stored.GATEWAY_ASSERTION_PUBLIC_KEY) {
    const pair = generateKeyPairSync('ed25519');
    stored.GATEWAY_ASSERTION_PRIVATE_KEY = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    stored.GATEWAY_ASSERTION_PUBLIC_KEY = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    changed = true;
  }
  // Replaced by the assertion key pair: dropped so that it is no longer handed to the services.
  if (stored.GATEWAY_SHARED_SECRET) {
    delete stored.GATEWAY_SHARED_SECRET;
    changed = true;
  }
  if (changed) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored)) if (!env[name]) out[name] = value;
  return out;
}

export interface PlatformBackends {
  env: Env;
  embeddedPostgres: EmbeddedPostgres | null;
  describe: { database: string; redis: string };
}

/** Fills DATABASE_URL and REDIS_URL with the embedded defaults when they are unset. */
export async function resolveBackends(env: Env): Promise<PlatformBackends> {
  const out: Env = { ...env, ...devSecrets(env) };
  let embeddedPostgres: EmbeddedPostgres | null = null;
  let database = `PostgreSQL at ${env.DATABASE_URL ? new URL(env.DATABASE_URL).host : ''}`;
  if (!env.DATABASE_URL) {
    const dataDir = path.join(DATA_DIR, 'pglite');
    embeddedPostgres = await startEmbeddedPostgres({ dataDir, port: Number(env.EMBEDDED_PG_PORT ?? 5433) });
    out.DATABASE_URL = embeddedPostgres.url;
    // PGlite runs one statement at a time; a few connections per service are plenty.
    out.DB_POOL_MAX ??= '3';
    database = `embedded PGlite (${path.relative(ROOT, dataDir) || dataDir}, served at ${new URL(embeddedPostgres.url).host})`;
  }
  let redis = `Redis at ${env.REDIS_URL ? new URL(env.REDIS_URL).host : ''}`;
  if (!env.REDIS_URL) {
    out.REDIS_URL = 'memory://platform';
    redis = 'in-process adapter (all services share this process)';
  }
  return { env: out, embeddedPostgres, describe: { database, redis } };
}
