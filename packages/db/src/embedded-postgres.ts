import fs from 'node:fs/promises';

export interface EmbeddedPostgres {
  /** A `postgres://` URL that `pg` (and so MikroORM) can use like any server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** A directory to persist to; omit for an in-memory database (tests). */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxConnections?: number;
}

/**
 * The embedded default for `npm start` without DATABASE_URL: PGlite (Postgres compiled to WASM) served over the
 * Postgres wire protocol by pglite-socket, so every service talks to it through `pg` exactly as it would to a
 * real server. PGlite executes one statement at a time; the socket server multiplexes connections and keeps a
 * connection's open transaction exclusive, so pools must stay small.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  // Loaded on demand: PGlite is the one-process `npm start` default only (an optional peer of this package, a
  // dependency of the workspace root), so the service images, which always have DATABASE_URL, do not carry it.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const host = options.host ?? '127.0.0.1';
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: options.maxConnections ?? 64 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  return {
    url: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
