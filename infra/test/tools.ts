// Shared helpers for the infra tests: repository paths, file loading, and the external tools
// (nginx, promtool, openssl, shellcheck) that some tests run for real.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function repoPath(...parts: string[]): string {
  return join(repoRoot, ...parts);
}

export function readRepoFile(...parts: string[]): string {
  return readFileSync(repoPath(...parts), 'utf8');
}

/** Parses YAML the way docker compose does (with `<<` merge keys). */
export function parseYaml<T = unknown>(text: string): T {
  return parse(text, { merge: true }) as T;
}

export const isCi = process.env.CI === 'true';

/**
 * Finds an executable by name on PATH or in the usual sbin folders (Debian puts nginx in /usr/sbin,
 * which is not on a non-root PATH). Returns its path, or undefined when it is not installed.
 */
export function findTool(name: string, versionArgs: string[] = ['--version']): string | undefined {
  const candidates = [name, `/usr/sbin/${name}`, `/usr/local/sbin/${name}`, `/sbin/${name}`];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const probe = spawnSync(candidate, versionArgs, { encoding: 'utf8' });
    if (!probe.error) return candidate;
  }
  return undefined;
}

/**
 * The CI rule for tools the infra tests need: in CI (CI=true) a missing tool is a failure with a
 * message naming the Debian package; elsewhere the dependent tests are skipped with a warning.
 */
export function checkToolPresence(tool: string, found: string | undefined, debianPackage: string): void {
  if (found) return;
  const message =
    `${tool} is not installed, so the infra tests that run it are skipped. ` +
    `Install it with: apt-get install -y --no-install-recommends ${debianPackage}`;
  if (isCi) {
    throw new Error(`${message} (CI=true: this is required in CI)`);
  }
  process.stderr.write(`WARNING: ${message}\n`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    cwd: options.cwd ?? repoRoot,
    env: options.env ?? process.env,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// ----------------------------------------------------------------------------------------------
// docker-compose.yml shapes (only what the tests read)
// ----------------------------------------------------------------------------------------------
export interface ComposeHealthcheck {
  test?: string[] | string;
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  restart?: string;
  healthcheck?: ComposeHealthcheck;
  depends_on?: Record<string, { condition?: string }> | string[];
  networks?: Record<string, { ipv4_address?: string } | null> | string[];
  ports?: (string | { target: number; published?: string | number; host_ip?: string })[];
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: unknown;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  command?: string[] | string;
  entrypoint?: string[] | string;
  init?: boolean;
  tmpfs?: string[] | string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  networks: Record<string, { internal?: boolean; driver?: string; ipam?: { config?: { subnet?: string }[] } } | null>;
  volumes: Record<string, unknown>;
}

export function loadCompose(): ComposeFile {
  return parseYaml<ComposeFile>(readRepoFile('docker-compose.yml'));
}

export function serviceNetworks(service: ComposeService): string[] {
  const networks = service.networks;
  if (!networks) return ['default'];
  return Array.isArray(networks) ? networks : Object.keys(networks);
}

export function serviceEnv(service: ComposeService): Record<string, string | null> {
  const env = service.environment ?? {};
  const out: Record<string, string | null> = {};
  if (Array.isArray(env)) {
    for (const entry of env) {
      const eq = entry.indexOf('=');
      if (eq === -1) out[entry] = null;
      else out[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return out;
  }
  for (const [key, value] of Object.entries(env)) out[key] = value === null ? null : String(value);
  return out;
}

/** Short-syntax volume "source:target[:mode]" → parts. */
export function parseVolume(spec: string | { source?: string; target?: string }): { source: string; target: string } {
  if (typeof spec !== 'string') return { source: spec.source ?? '', target: spec.target ?? '' };
  const [source = '', target = ''] = spec.split(':');
  return { source, target };
}

/** Does the IPv4 CIDR contain the address? */
export function cidrContains(cidr: string, address: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  const toInt = (ip: string): number => ip.split('.').reduce((acc, octet) => (acc << 8) + Number(octet), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(base) & mask) === (toInt(address) & mask);
}
