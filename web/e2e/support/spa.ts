// The SPA as it ships, for the end-to-end tests: `vite build` into a temporary folder, then `vite preview`
// serving that build with the same gateway proxy as development (web/proxy.ts), so the browser sees one origin
// as it does behind nginx. Both run in child processes: Vite's bundler does not run inside jest's VM realm.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const VITE_BIN = resolve(WEB_DIR, '../node_modules/vite/bin/vite.js');

export interface BuiltSpa {
  outDir: string;
  /** Everything `vite build` printed. */
  output: string;
  /** The lines of that output that are warnings (a clean build has none). */
  warnings: string[];
  remove(): void;
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [VITE_BIN, ...args], {
      cwd: WEB_DIR,
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise({ code, output }));
  });
}

/** `vite build` of web/ into a fresh temporary folder. Throws when the build fails. */
export async function buildSpa(): Promise<BuiltSpa> {
  const outDir = mkdtempSync(join(tmpdir(), 'cbp-web-'));
  const { code, output } = await run(['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'info']);
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${output}`);
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const warnings = plain.split('\n').filter((line) => /\bwarn(ing)?\b|\(!\)/i.test(line));
  return { outDir, output: plain, warnings, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** A free TCP port on 127.0.0.1 (the platform must know the SPA's URL before the SPA knows the gateway's). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePromise(port));
    });
  });
}

export interface RunningSpa {
  url: string;
  close(): Promise<void>;
}

/** `vite preview` of a build on `port`, proxying the gateway's routes to `gatewayUrl`; resolves once it answers. */
export async function startSpaPreview(
  outDir: string,
  port: number,
  gatewayUrl: string,
  url = `http://localhost:${port}`,
): Promise<RunningSpa> {
  const child: ChildProcess = spawn(process.execPath, [VITE_BIN, 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'], {
    cwd: WEB_DIR,
    env: { ...process.env, GATEWAY_URL: gatewayUrl, WEB_PORT: String(port) },
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`vite preview did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolveClose) => {
        if (child.exitCode !== null) return resolveClose();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolveClose();
        });
        child.kill('SIGTERM');
      }),
  };
}
