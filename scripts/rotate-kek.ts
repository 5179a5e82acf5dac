// `npm run rotate-kek -- [--batch-size 100]`: re-seals every secret stored under KEY_ENCRYPTION_KEY_PREVIOUS with
// KEY_ENCRYPTION_KEY (docs/operations.md, "Key-encryption-key rotation"). One transaction per batch, rows locked
// FOR UPDATE; a row that already opens under the current key is left alone, so a rerun (or a run cut short)
// picks up where it stopped. Without KEY_ENCRYPTION_KEY_PREVIOUS it only checks that every row opens.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { decryptSecret, encryptSecret, KeyDecryptionError, parseKeyEncryptionKey } from '../subgraphs/identity/src/keys/key-encryption.js';
import { ROOT } from './platform.js';

const envFile = path.join(ROOT, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const USAGE = 'usage: npm run rotate-kek -- [--batch-size N]   (DATABASE_URL, KEY_ENCRYPTION_KEY, KEY_ENCRYPTION_KEY_PREVIOUS)';

/** Every column sealed under KEY_ENCRYPTION_KEY, with the aad its writer bound it to. */
const SEALED_COLUMNS = [
  { table: 'identity.signing_keys', key: 'kid', keyType: 'text', column: 'private_key_enc', aad: (kid: string) => kid },
  { table: 'identity.users', key: 'id', keyType: 'uuid', column: 'totp_secret_encrypted', aad: (id: string) => `totp:${id}` },
] as const;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let values: { 'batch-size'?: string };
try {
  values = parseArgs({ args: process.argv.slice(2).filter((a) => a !== '--'), options: { 'batch-size': { type: 'string' } } }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`, 2);
}
const batchSize = Number(values['batch-size'] ?? 100);
if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) fail('--batch-size must be a whole number from 1 to 10000', 2);
if (!process.env.DATABASE_URL) fail('DATABASE_URL is not set', 2);
/** The key in `name`, decoded as identity decodes it; the message names the variable, never the value. */
function keyFrom(name: 'KEY_ENCRYPTION_KEY' | 'KEY_ENCRYPTION_KEY_PREVIOUS'): Buffer {
  try {
    return parseKeyEncryptionKey(process.env[name] ?? '');
  } catch (err) {
    fail((err as Error).message.replace(/^KEY_ENCRYPTION_KEY\b/, name), 2);
  }
}
const current = keyFrom('KEY_ENCRYPTION_KEY');
const previous = process.env.KEY_ENCRYPTION_KEY_PREVIOUS ? keyFrom('KEY_ENCRYPTION_KEY_PREVIOUS') : null;
if (previous?.equals(current)) fail('KEY_ENCRYPTION_KEY_PREVIOUS equals KEY_ENCRYPTION_KEY: nothing to rotate', 2);

const opens = (sealed: string, key: Buffer, aad: string): boolean => {
  try {
    decryptSecret(sealed, key, aad);
    return true;
  } catch (err) {
    if (err instanceof KeyDecryptionError) return false;
    throw err;
  }
};

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
let exitCode = 0;
try {
  for (const { table, key, keyType, column, aad } of SEALED_COLUMNS) {
    let resealed = 0;
    let alreadyCurrent = 0;
    let after: string | null = null;
    for (;;) {
      await client.query('begin');
      try {
        // Keyset pagination on the primary key; FOR UPDATE keeps a concurrent TOTP setup or key rotation from
        // writing a row between our read and our update.
        const { rows }: pg.QueryResult<{ pk: string; sealed: string }> = await client.query(
          `select ${key}::text as pk, ${column} as sealed from ${table}
           where ${column} is not null and ($1::text is null or ${key} > $1::${keyType})
           order by ${key} limit $2 for update`,
          [after, batchSize],
        );
        for (const row of rows) {
          if (opens(row.sealed, current, aad(row.pk))) {
            alreadyCurrent += 1;
            continue;
          }
          if (!previous || !opens(row.sealed, previous, aad(row.pk))) {
            throw new Error(
              `${table} ${key}=${row.pk}: ${column} opens under neither KEY_ENCRYPTION_KEY nor KEY_ENCRYPTION_KEY_PREVIOUS` +
                (previous ? '' : ' (KEY_ENCRYPTION_KEY_PREVIOUS is not set)'),
            );
          }
          const plaintext = decryptSecret(row.sealed, previous, aad(row.pk));
          await client.query(`update ${table} set ${column} = $1 where ${key} = $2::${keyType}`, [
            encryptSecret(plaintext, current, aad(row.pk)),
            row.pk,
          ]);
          resealed += 1;
        }
        await client.query('commit');
        if (rows.length < batchSize) break;
        after = rows[rows.length - 1]?.pk ?? null;
      } catch (err) {
        await client.query('rollback');
        throw err;
      }
    }
    console.log(`${table}.${column}: ${resealed} re-sealed, ${alreadyCurrent} already under the current key`);
  }
  console.log(
    previous
      ? 'rotate-kek: done. Every sealed secret opens under KEY_ENCRYPTION_KEY; remove KEY_ENCRYPTION_KEY_PREVIOUS and restart identity.'
      : 'rotate-kek: every sealed secret opens under KEY_ENCRYPTION_KEY.',
  );
} catch (err) {
  console.error(`rotate-kek failed: ${(err as Error).message} (batches already committed stay re-sealed; rerun after fixing)`);
  exitCode = 1;
} finally {
  await client.end();
}
process.exit(exitCode);
