// `npm run restore -- FILE [--force]`: checks FILE against its `.sha256`, then restores it with pg_restore into
// DATABASE_URL (created when missing). A database that already holds tables is refused unless --force, which
// replaces the objects the backup contains (docs/operations.md, "Backup and restore").
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { verifyChecksum } from './ops/backup-files.js';
import { databaseName, firstLine, psqlQuery, runPgTool, sqlIdentifier, sqlLiteral, withDatabase } from './ops/postgres-cli.js';

const envFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const USAGE = 'usage: npm run restore -- FILE [--force]   (restores into DATABASE_URL)';

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let parsed: { values: { force?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { force: { type: 'boolean' } },
    allowPositionals: true,
  });
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const [file, ...extra] = parsed.positionals;
if (!file || extra.length > 0) fail(USAGE, 2);
const force = parsed.values.force === true;
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL is not set: it names the database to restore into', 2);
if (!existsSync(file)) fail(`restore refused: ${file} does not exist`);

const started = Date.now();
const checksum = await verifyChecksum(file);
if (!checksum.ok) fail(`restore refused: ${checksum.problem}`);

const database = databaseName(url);
try {
  // The maintenance database of the same server answers whether the target exists.
  const maintenance = withDatabase(url, 'postgres');
  const exists = await psqlQuery(maintenance, `select 1 from pg_database where datname = ${sqlLiteral(database)}`);
  if (exists.length === 0) {
    await psqlQuery(maintenance, `create database ${sqlIdentifier(database)}`);
    console.log(`restore: created database ${database}`);
  }
  const [tables = '0'] = await psqlQuery(
    url,
    `select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`,
  );
  if (Number(tables) > 0 && !force) {
    fail(
      `restore refused: database ${database} already holds ${tables} tables; restore into an empty database, or pass --force to replace them`,
    );
  }
} catch (err) {
  fail(`restore failed: ${(err as Error).message}`);
}

// One transaction: a restore that fails half-way leaves the database as it was. --no-owner: objects belong to
// the restoring role, whatever role took the dump.
const args = ['--no-password', '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${database}`];
if (force) args.push('--clean', '--if-exists');
const restored = await runPgTool('pg_restore', [...args, file], url);
if (restored.code !== 0) fail(`restore failed: ${firstLine(restored.stderr)}`);
console.log(
  `restore: ${path.basename(file)} (sha256 ${checksum.digest.slice(0, 16)}… verified) into ${database} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
