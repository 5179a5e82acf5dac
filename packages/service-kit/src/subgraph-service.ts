import type { Express } from 'express';
import { readEd25519Key } from '@cbp/config';
import type { ServiceEnv } from '@cbp/config';
import { createHttpApp, finishHttpApp } from './http-app.js';
import { listen } from './http-server.js';
import type { ServiceInfrastructure } from './service-infrastructure.js';
import { mountSubgraph } from './subgraph-server.js';
import type { SubgraphContext, SubgraphServerOptions } from './subgraph-server.js';
import { loadSubgraphTypeDefs } from './type-defs.js';

/** Something that runs beside the HTTP server (outbox relay, stream consumer): started after listen. */
export interface BackgroundWorker {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeSubgraphOptions<TContext extends SubgraphContext> {
  /** The subgraph's name: its SDL is `schema/<name>.graphql`, and the audience of the assertions it accepts. */
  name: string;
  infra: ServiceInfrastructure;
  config: Pick<ServiceEnv, 'BIND_HOST' | 'GATEWAY_ASSERTION_PUBLIC_KEY' | 'NODE_ENV' | 'SHUTDOWN_GRACE_MS'>;
  port: number;
  resolvers: SubgraphServerOptions<TContext>['resolvers'];
  createContext: SubgraphServerOptions<TContext>['createContext'];
  /** Extra HTTP routes, mounted before GraphQL (identity's `/jwks.json`). */
  routes?: (app: Express) => void;
  workers?: BackgroundWorker[];
  /** Runs after the server stopped accepting and before the workers stop (drain queues). */
  beforeStop?: () => Promise<void>;
}

/**
 * The life cycle every subgraph shares: HTTP frame, GraphQL behind the gateway guard, listen, start the workers;
 * on close, stop accepting, let in-flight requests finish, stop the workers (each finishes the item in hand),
 * then close the database and Redis. If a worker cannot start, everything started so far is closed again.
 */
export async function serveSubgraph<TContext extends SubgraphContext>(options: ServeSubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const { infra, config, name } = options;
  const { logger, metrics } = infra;
  const app = createHttpApp({ logger, metrics, readiness: infra.readiness });
  options.routes?.(app);
  const stopGraphql = await mountSubgraph<TContext>(app, {
    typeDefs: loadSubgraphTypeDefs(name),
    resolvers: options.resolvers,
    gatewayPublicKey: readEd25519Key(config.GATEWAY_ASSERTION_PUBLIC_KEY, 'public'),
    audience: name,
    logger,
    production: config.NODE_ENV === 'production',
    createContext: options.createContext,
  });
  finishHttpApp(app, logger);
  const server = await listen(app, { host: config.BIND_HOST, port: options.port, logger, name });
  const workers = options.workers ?? [];
  const started: BackgroundWorker[] = [];
  async function stopAll(graceMs: number): Promise<void> {
    await server.close(graceMs);
    await options.beforeStop?.();
    for (const worker of started.reverse()) await worker.stop();
    await stopGraphql();
    await infra.close();
  }
  try {
    for (const worker of workers) {
      await worker.start();
      started.push(worker);
    }
  } catch (err) {
    await stopAll(0);
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    close: () => (closing ??= stopAll(config.SHUTDOWN_GRACE_MS)),
  };
}
