import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from '@cbp/logging';

export interface RunningServer {
  server: http.Server;
  port: number;
  url: string;
  /**
   * Graceful stop: refuse new connections, let in-flight requests finish (up to `graceMs`), then cut what is
   * left. Resolves once the listener is closed.
   */
  close(graceMs?: number): Promise<void>;
}

export async function listen(
  handler: RequestListener,
  options: { host: string; port: number; logger: Logger; name: string },
): Promise<RunningServer> {
  const server = http.createServer(handler);
  // Slightly above common proxy keep-alive so the proxy closes first (avoids 502s on reused sockets).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  options.logger.info({ url }, `${options.name} listening`);
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
