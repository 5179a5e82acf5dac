// Runs the PostgreSQL client programs (pg_dump, pg_restore, psql) against a `postgres://` URL. Only node: imports,
// so the backup image can compile this file on its own (infra/docker/backup.Dockerfile).
import { spawn } from 'node:child_process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The libpq environment for a URL. The password travels in PGPASSWORD, never on the command line, where `ps`
 * would show it to every user of the host.
 */
export function libpqEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('the database URL must start with postgres:// or postgresql://');
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(parsed.hostname) || '127.0.0.1',
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** The same server, another database (for CREATE DATABASE and the "does it exist" check). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return libpqEnv(url).PGDATABASE ?? 'postgres';
}

/** Runs a client program with the URL's libpq environment; resolves with its exit code and output. */
export function runPgTool(program: string, args: string[], url: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const { PGHOST: _h, PGPORT: _p, PGUSER: _u, PGPASSWORD: _w, PGDATABASE: _d, ...inherited } = process.env;
    const child = spawn(program, args, { env: { ...inherited, ...libpqEnv(url) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (err) => reject(new Error(`${program} could not run: ${err.message}`)));
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** One query through psql, unaligned and tuples-only: the rows as lines. */
export async function psqlQuery(url: string, sql: string): Promise<string[]> {
  const result = await runPgTool('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql], url);
  if (result.code !== 0) throw new Error(`psql: ${firstLine(result.stderr)}`);
  return result.stdout.split('\n').filter((line) => line !== '');
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** A SQL string literal (for values psql receives inside -c). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function sqlIdentifier(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
