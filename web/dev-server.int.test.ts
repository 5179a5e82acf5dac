import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

// startWebDevServer as the platform launcher calls it: in a plain Node process with tsx (Vite's native
// bundler does not run inside jest's VM realm), started from a cwd that is not web/, proxying to a stub
// gateway that this test runs.

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const childScript = fileURLToPath(new URL('./test/dev-server-child.ts', import.meta.url));

type Started = { child: ChildProcessWithoutNullStreams; line: { url?: string; cwd?: string; error?: string } };

function startChild(port: number, gatewayUrl: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', tsxLoader, childScript, String(port), gatewayUrl], { cwd: tmpdir(), stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`dev server child gave no answer; stderr: ${err}`)), 30000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf('\n');
      if (newline === -1) return;
      clearTimeout(timer);
      try {
        resolve({ child, line: JSON.parse(out.slice(0, newline)) as Started['line'] });
      } catch {
        reject(new Error(`unexpected output: ${out}; stderr: ${err}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (out.indexOf('\n') === -1) reject(new Error(`dev server child exited with ${code}; stderr: ${err}`));
    });
  });
}

function stopChild(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end();
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('startWebDevServer (web/dev-server.ts)', () => {
  let gateway: Server;
  let started: Started;
  let port: number;
  let url: string;
  const seen: Array<{ url: string | undefined; host: string | undefined }> = [];

  beforeAll(async () => {
    gateway = createServer((req, res) => {
      seen.push({ url: req.url, host: req.headers.host });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ready', checks: { redis: 'ok' } }));
    });
    const gatewayPort = await listen(gateway);
    port = await freePort();
    started = await startChild(port, `http://127.0.0.1:${gatewayPort}`);
    if (started.line.url === undefined) throw new Error(`dev server did not start: ${started.line.error}`);
    url = started.line.url;
  }, 40000);

  afterAll(async () => {
    if (started) await stopChild(started.child);
    if (gateway?.listening) await new Promise<void>((resolve) => gateway.close(() => resolve()));
  });

  it('listens on the requested host and port, started from another cwd', () => {
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(started.line.cwd).toBe(tmpdir());
  });

  it('serves the SPA for any client-side route, and the sources from web/', async () => {
    for (const path of ['/', '/some/client/route', '/authors']) {
      const response = await fetch(`${url}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      const html = await response.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<div id="root"></div>');
    }
    const main = await fetch(`${url}/src/main.tsx`);
    expect(main.status).toBe(200);
    expect(await main.text()).toContain('createRoot');
  });

  it('proxies the gateway routes to the gateway given as an argument, keeping the Host header', async () => {
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { redis: 'ok' } });
    expect(seen).toContainEqual({ url: '/readyz', host: `127.0.0.1:${port}` });
  });

  it('refuses to start on a port that is taken', async () => {
    const second = await startChild(port, 'http://127.0.0.1:9');
    await stopChild(second.child);
    expect(second.line.error).toMatch(/in use/);
  }, 40000);

  it('answers 502 in the API error shape when the gateway is down', async () => {
    await new Promise<void>((resolve) => gateway.close(() => resolve()));
    const response = await fetch(`${url}/graphql`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable.' } });
  });
});
