// `npm run backup`: pg_dump -Fc of DATABASE_URL into BACKUP_DIR as `<database>-<UTC stamp>.dump`, with a
// `.sha256` next to it, then prunes old backups (docs/operations.md, "Backup and restore").
//   npm run backup -- [--dir DIR] [--keep-daily 7] [--keep-weekly 4] [--at HH:MM]
// --at keeps running and takes one backup a day at that UTC time (the compose `backup` service).
// Only node: imports, so infra/docker/backup.Dockerfile compiles it without the workspaces.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backupFileName, pruneBackups, writeChecksum } from './ops/backup-files.js';
import { databaseName, firstLine, runPgTool } from './ops/postgres-cli.js';

const envFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const USAGE = 'usage: npm run backup -- [--dir DIR] [--keep-daily N] [--keep-weekly N] [--at HH:MM]';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) fail(`${name} must be a whole number (got ${value})`, 2);
  return Number(value);
}

let options: { dir?: string; 'keep-daily'?: string; 'keep-weekly'?: string; at?: string };
try {
  options = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { dir: { type: 'string' }, 'keep-daily': { type: 'string' }, 'keep-weekly': { type: 'string' }, at: { type: 'string' } },
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}

const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is not set: the backup needs the PostgreSQL server to dump', 2);
const dir = path.resolve(options.dir ?? process.env.BACKUP_DIR ?? 'backups');
const policy = {
  daily: count(options['keep-daily'] ?? process.env.BACKUP_KEEP_DAILY, 7, '--keep-daily'),
  weekly: count(options['keep-weekly'] ?? process.env.BACKUP_KEEP_WEEKLY, 4, '--keep-weekly'),
};
if (policy.daily + policy.weekly === 0) fail('--keep-daily and --keep-weekly cannot both be 0: that would delete every backup', 2);
const at = options.at ?? '';
if (at && !/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) fail(`--at must be HH:MM in UTC (got ${at})`, 2);

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

async function backupOnce(databaseUrl: string): Promise<void> {
  const started = Date.now();
  const prefix = databaseName(databaseUrl);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const name = backupFileName(prefix, new Date(started));
  const file = path.join(dir, name);
  // Written under a temporary name: a dump cut short by a crash never looks like a finished backup.
  const partial = path.join(dir, `.${name}.partial`);
  const dumped = await runPgTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`], databaseUrl);
  if (dumped.code !== 0) {
    await fs.rm(partial, { force: true });
    throw new Error(`pg_dump failed: ${firstLine(dumped.stderr)}`);
  }
  await fs.chmod(partial, 0o600);
  await fs.rename(partial, file);
  const digest = await writeChecksum(file);
  const { size } = await fs.stat(file);
  const pruned = await pruneBackups(dir, prefix, policy);
  console.log(
    `backup: ${file} (${mib(size)}, sha256 ${digest.slice(0, 16)}…, ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
      `retention ${policy.daily} daily + ${policy.weekly} weekly: kept ${pruned.kept.length}, deleted ${pruned.deleted.length}` +
      (pruned.deleted.length > 0 ? ` (${pruned.deleted.join(', ')})` : ''),
  );
}

/** Milliseconds until the next HH:MM UTC. */
function untilNext(hhmm: string, now = new Date()): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

if (!at) {
  try {
    await backupOnce(url);
  } catch (err) {
    fail(`backup failed: ${(err as Error).message}`);
  }
} else {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
  console.log(`backup: daily at ${at} UTC into ${dir}`);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, untilNext(at)));
    // One failed night must not stop the next ones; the error goes to the log (and the backup-age alert).
    await backupOnce(url).catch((err: Error) => console.error(`backup failed: ${err.message}`));
  }
}
