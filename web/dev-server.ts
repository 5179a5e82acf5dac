import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { LogLevel } from 'vite';
import { gatewayProxy } from './proxy.js';

export interface WebDevServerOptions {
  port: number;
  host: string;
  /** Origin of the gateway that `/graphql`, `/auth`, `/admin`, … are proxied to. */
  gatewayUrl: string;
  /** Vite's own logging; `info` by default. */
  logLevel?: LogLevel;
}

export interface RunningWebDevServer {
  url: string;
  close(): Promise<void>;
}

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

/**
 * Starts the SPA's Vite dev server in this process, for the platform launcher. Works from any cwd: the root
 * and the config file are resolved from this file. Port, host and gateway come from the arguments only (they
 * override what vite.config.ts read from the environment); the port is strict, so a busy port is an error.
 */
export async function startWebDevServer({ port, host, gatewayUrl, logLevel = 'info' }: WebDevServerOptions): Promise<RunningWebDevServer> {
  const server = await createServer({
    root: webRoot,
    configFile,
    mode: 'development',
    logLevel,
    clearScreen: false,
    server: { port, host, strictPort: true, proxy: gatewayProxy(gatewayUrl) },
  });
  try {
    await server.listen();
  } catch (err) {
    await server.close();
    throw err;
  }
  const address = server.httpServer?.address();
  const boundPort = address !== null && typeof address === 'object' ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${boundPort}`,
    close: () => server.close(),
  };
}
