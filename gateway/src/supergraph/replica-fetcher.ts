import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Logger } from '@cbp/logging';
import type { ReplicaSet } from './replica-set.js';

/** The fetch function of Apollo's data sources (make-fetch-happen by default). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

/** A replica that does not accept the connection within this time counts as down. */
export const CONNECT_TIMEOUT_MS = 1000;
/** How often replicas marked down are probed on their /healthz (they come back within this time). */
export const PROBE_INTERVAL_MS = 500;

/** The connection was never made: the request cannot have reached the replica, so another may take it. */
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ECONNECTIONTIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** The connection broke: the replica is suspect, but the request may have run there, so it is not sent again. */
const BROKEN_CONNECTIONS = new Set(['ECONNRESET', 'EPIPE']);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, cause } = err as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
}

/**
 * A fetcher that spreads one subgraph's requests over its replicas (round robin, on `base`'s keep-alive agent).
 * A connection failure marks the replica down; a request whose connection was refused or timed out is sent once
 * more to another replica. Nothing else is retried: a mutation must never run twice.
 */
export function replicaFetcher(replicas: ReplicaSet, base: Fetcher, logger: Logger): Fetcher {
  // make-fetch-happen hands `timeouts` to its agent; the connect timeout is what turns a silent replica into a
  // fast failover instead of a hung request.
  const send = (url: string, init: FetcherRequestInit | undefined) => {
    const withTimeout: FetcherRequestInit & { timeouts: { connection: number } } = {
      ...init,
      timeouts: { connection: CONNECT_TIMEOUT_MS },
    };
    return base(url, withTimeout);
  };
  return async (_url, init) => {
    const first = replicas.pick();
    if (first === undefined) throw new Error('no subgraph replica configured');
    try {
      return await send(first, init);
    } catch (err) {
      const code = errorCode(err);
      const refused = code !== undefined && CONNECT_FAILURES.has(code);
      if (!refused && !(code !== undefined && BROKEN_CONNECTIONS.has(code))) throw err;
      replicas.markDown(first);
      const second = refused ? replicas.pick(new Set([first])) : undefined;
      logger.warn({ replica: first, errorCode: code, retryOn: second ?? null }, 'subgraph replica unreachable; marked down');
      if (second === undefined) throw err;
      return send(second, init);
    }
  };
}

/** Probes the replicas marked down on their /healthz until they answer; the timer never keeps the process alive. */
export function startReplicaProbe(replicas: ReplicaSet, intervalMs = PROBE_INTERVAL_MS): () => void {
  const healthy = async (url: string) => {
    const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(intervalMs) });
    await response.body?.cancel();
    return response.ok;
  };
  let running = false;
  const timer = setInterval(() => {
    if (running || replicas.down().length === 0) return;
    running = true;
    void replicas.probeDown(healthy).finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
