// `npm run migrate` takes a PostgreSQL advisory lock, so runs that overlap (two replicas of the compose `migrate`
// service, a deploy racing a manual run) take turns: both succeed and every migration is applied exactly once.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The ASCII bytes of `cbp:mig`, as in scripts/migrate.ts.
const LOCK_KEY = '27974256850463079';

function migrate(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['--conditions=source', 'scripts/migrate.ts'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, CBP_DATA_DIR: '/nonexistent' }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const appliedOf = (url: string, schema: string): Promise<{ name: string; n: string }[]> =>
  query(url, `select name, count(*)::text as n from "${schema}".mikro_orm_migrations group by name order by name`);

describe('npm run migrate, concurrently', () => {
  let db: TestDatabase;
  let fresh: TestDatabase;
  beforeAll(async () => {
    [db, fresh] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), fresh?.drop()]);
  });

  it('waits while another run holds the migration lock, and applies nothing until it is released', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [LOCK_KEY]);
      const run = migrate(db.url);
      // Until the run is queued behind our lock (tsx takes a few seconds to start on a loaded machine).
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [waiting] = await query<{ n: string }>(
          db.url,
          "select count(*)::text as n from pg_locks where locktype = 'advisory' and not granted",
        );
        if (waiting?.n === '1') break;
        if (Date.now() > deadline) throw new Error('the migration run never waited for the lock');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const schemas = await query<{ n: string }>(
        db.url,
        "select count(*)::text as n from pg_namespace where nspname in ('identity', 'admin', 'analytics')",
      );
      expect(schemas).toEqual([{ n: '0' }]);
      // Held a while longer: the run reports waits over half a second.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await query<{ n: string }>(db.url, "select count(*)::text as n from pg_namespace where nspname = 'identity'")).toEqual([
        { n: '0' },
      ]);
      await holder.query('select pg_advisory_unlock($1)', [LOCK_KEY]);
      const result = await run;
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toMatch(/waited \d+ ms for another migration run to finish/);
    } finally {
      await holder.end();
    }
    expect(await appliedOf(db.url, 'identity')).not.toEqual([]);
  }, 180_000);

  it('two runs at once on a fresh database: both succeed, every migration applied once', async () => {
    const [first, second] = await Promise.all([migrate(fresh.url), migrate(fresh.url)]);
    expect(first).toMatchObject({ code: 0 });
    expect(second).toMatchObject({ code: 0 });
    // One run applied the migrations, the other found them done.
    const outputs = [first.stdout, second.stdout];
    expect(outputs.filter((out) => /identity: 2\d{13}-init/.test(out))).toHaveLength(1);
    expect(outputs.filter((out) => /identity: up to date/.test(out))).toHaveLength(1);
    for (const schema of ['identity', 'admin', 'analytics']) {
      const applied = await appliedOf(fresh.url, schema);
      expect(applied.length).toBeGreaterThan(0);
      for (const row of applied) expect({ schema, ...row }).toEqual({ schema, name: row.name, n: '1' });
    }
  }, 180_000);
});
