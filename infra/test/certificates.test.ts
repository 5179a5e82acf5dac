// The TLS certificate life cycle scripts: the self-signed bootstrap (first start), the first Let's
// Encrypt issuance (certbot faked on PATH), and nginx's reload-on-change watcher (nginx faked on PATH).
import { describe, it, expect, afterEach } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool, repoPath, run } from './tools.js';

const SCRIPTS = [
  'infra/nginx/bootstrap-self-signed.sh',
  'infra/nginx/docker-entrypoint.d/45-reload-on-cert-change.sh',
  'infra/certbot/entrypoint.sh',
  'infra/certbot/issue-certificate.sh',
];
const openssl = findTool('openssl', ['version']);
const shellcheck = findTool('shellcheck');
const DOMAIN = 'example.test';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cbp-certs-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes an executable stand-in for a command into dir. */
function fakeCommand(dir: string, name: string, body: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

function sh(script: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  return run('sh', [repoPath(script)], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
}

describe('certificate scripts', () => {
  it.each(SCRIPTS)('%s is valid POSIX sh', (script) => {
    expect(run('sh', ['-n', repoPath(script)]).status).toBe(0);
    expect(readFileSync(repoPath(script), 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
  });

  (shellcheck ? it : it.skip)('pass shellcheck (optional tool: apt-get install shellcheck)', () => {
    const result = run(shellcheck ?? '', ['-s', 'sh', ...SCRIPTS.map((s) => repoPath(s))]);
    expect({ status: result.status, output: result.stdout }).toEqual({ status: 0, output: '' });
  });
});

(openssl ? describe : describe.skip)('bootstrap-self-signed.sh', () => {
  it('creates a self-signed certificate for DOMAIN with a matching key, and marks it', () => {
    const le = tempDir();
    const result = sh('infra/nginx/bootstrap-self-signed.sh', { DOMAIN, LETSENCRYPT_DIR: le });
    expect(result.status).toBe(0);
    const live = join(le, 'live', DOMAIN);
    expect(existsSync(join(live, '.self-signed'))).toBe(true);
    const text = run('openssl', ['x509', '-in', join(live, 'fullchain.pem'), '-noout', '-subject', '-ext', 'subjectAltName']);
    expect(text.stdout).toContain(`CN = ${DOMAIN}`);
    expect(text.stdout).toContain(`DNS:${DOMAIN}`);
    const certKey = run('openssl', ['x509', '-in', join(live, 'fullchain.pem'), '-noout', '-pubkey']).stdout;
    const privKey = run('openssl', ['pkey', '-in', join(live, 'privkey.pem'), '-pubout']).stdout;
    expect(certKey).toBe(privKey);
    // The private key is readable by its owner only.
    expect(statSync(join(live, 'privkey.pem')).mode & 0o077).toBe(0);
  });

  it('leaves an existing certificate alone', () => {
    const le = tempDir();
    const live = join(le, 'live', DOMAIN);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'fullchain.pem'), 'REAL CERT');
    writeFileSync(join(live, 'privkey.pem'), 'REAL KEY');
    const result = sh('infra/nginx/bootstrap-self-signed.sh', { DOMAIN, LETSENCRYPT_DIR: le });
    expect(result.status).toBe(0);
    expect(readFileSync(join(live, 'fullchain.pem'), 'utf8')).toBe('REAL CERT');
    expect(existsSync(join(live, '.self-signed'))).toBe(false);
  });

  it.each(['', '../etc', 'bad domain', '-rf'])('refuses DOMAIN=%j', (domain) => {
    const le = tempDir();
    expect(sh('infra/nginx/bootstrap-self-signed.sh', { DOMAIN: domain, LETSENCRYPT_DIR: le }).status).not.toBe(0);
  });
});

describe('issue-certificate.sh', () => {
  function setup(certbotExit: number): { le: string; webroot: string; bin: string; log: string } {
    const dir = tempDir();
    const le = join(dir, 'letsencrypt');
    const webroot = join(dir, 'webroot');
    const bin = join(dir, 'bin');
    const log = join(dir, 'certbot.log');
    const live = join(le, 'live', DOMAIN);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'fullchain.pem'), 'SELF-SIGNED CERT');
    writeFileSync(join(live, 'privkey.pem'), 'SELF-SIGNED KEY');
    writeFileSync(join(live, '.self-signed'), 'now');
    // wget: nginx serves the probe. certbot: records its arguments, writes a lineage on success.
    fakeCommand(bin, 'wget', 'exit 0');
    fakeCommand(
      bin,
      'certbot',
      [
        `echo "$*" >> '${log}'`,
        `if [ ${certbotExit} -ne 0 ]; then exit ${certbotExit}; fi`,
        `case "$*" in *--dry-run*) exit 0 ;; esac`,
        `mkdir -p '${live}' && echo 'LE CERT' > '${live}/fullchain.pem' && echo 'LE KEY' > '${live}/privkey.pem'`,
      ].join('\n'),
    );
    return { le, webroot, bin, log };
  }

  const env = (s: { le: string; webroot: string; bin: string }, extra: Record<string, string> = {}): Record<string, string> => ({
    DOMAIN,
    LETSENCRYPT_EMAIL: 'ops@example.test',
    LETSENCRYPT_DIR: s.le,
    ACME_WEBROOT: s.webroot,
    PATH: `${s.bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    ...extra,
  });

  it('replaces the self-signed placeholder with the issued certificate', () => {
    const s = setup(0);
    const result = sh('infra/certbot/issue-certificate.sh', env(s));
    expect(result.status).toBe(0);
    const live = join(s.le, 'live', DOMAIN);
    expect(readFileSync(join(live, 'fullchain.pem'), 'utf8')).toBe('LE CERT\n');
    expect(existsSync(join(live, '.self-signed'))).toBe(false);
    const args = readFileSync(s.log, 'utf8');
    expect(args).toContain(`certonly --webroot -w ${s.webroot} -d ${DOMAIN} --email ops@example.test`);
    expect(args).toContain('--agree-tos');
    expect(args).toContain('--non-interactive');
    expect(args).not.toContain('--dry-run');
  });

  it('issues from the staging CA when CERTBOT_STAGING=true, from the real one otherwise', () => {
    const staging = setup(0);
    expect(sh('infra/certbot/issue-certificate.sh', env(staging, { CERTBOT_STAGING: 'true' })).status).toBe(0);
    expect(readFileSync(staging.log, 'utf8')).toMatch(/ --staging$/m);
    const real = setup(0);
    expect(sh('infra/certbot/issue-certificate.sh', env(real, { CERTBOT_STAGING: 'false' })).status).toBe(0);
    expect(readFileSync(real.log, 'utf8')).not.toContain('--staging');
  });

  it('puts the placeholder back when certbot fails, so nginx keeps a certificate', () => {
    const s = setup(1);
    const result = sh('infra/certbot/issue-certificate.sh', env(s));
    expect(result.status).toBe(1);
    const live = join(s.le, 'live', DOMAIN);
    expect(readFileSync(join(live, 'fullchain.pem'), 'utf8')).toBe('SELF-SIGNED CERT');
    expect(readFileSync(join(live, 'privkey.pem'), 'utf8')).toBe('SELF-SIGNED KEY');
    expect(existsSync(join(live, '.self-signed'))).toBe(true);
  });

  it('rehearses against the staging CA without touching the placeholder (LETSENCRYPT_DRY_RUN=1)', () => {
    const s = setup(0);
    expect(sh('infra/certbot/issue-certificate.sh', env(s, { LETSENCRYPT_DRY_RUN: '1' })).status).toBe(0);
    expect(readFileSync(s.log, 'utf8')).toContain('--dry-run');
    expect(readFileSync(join(s.le, 'live', DOMAIN, 'fullchain.pem'), 'utf8')).toBe('SELF-SIGNED CERT');
  });

  it('does nothing when a real certificate is already there', () => {
    const s = setup(0);
    rmSync(join(s.le, 'live', DOMAIN, '.self-signed'));
    expect(sh('infra/certbot/issue-certificate.sh', env(s)).status).toBe(0);
    expect(existsSync(s.log)).toBe(false);
  });

  it('requires LETSENCRYPT_EMAIL', () => {
    const s = setup(0);
    expect(sh('infra/certbot/issue-certificate.sh', env(s, { LETSENCRYPT_EMAIL: '' })).status).not.toBe(0);
  });
});

describe('45-reload-on-cert-change.sh', () => {
  it('reloads nginx (after nginx -t) when the certificate changes, and not before', async () => {
    const dir = tempDir();
    const bin = join(dir, 'bin');
    const log = join(dir, 'nginx.log');
    const live = join(dir, 'letsencrypt', 'live', DOMAIN);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'fullchain.pem'), 'first');
    fakeCommand(bin, 'nginx', `echo "$*" >> '${log}'`);
    // A process group of its own, so the background watcher is stopped with it.
    const child = spawn('sh', [repoPath('infra/nginx/docker-entrypoint.d/45-reload-on-cert-change.sh')], {
      env: {
        PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        DOMAIN,
        LETSENCRYPT_DIR: join(dir, 'letsencrypt'),
        CERT_RELOAD_INTERVAL_SECONDS: '1',
      },
      detached: true,
      stdio: 'ignore',
    });
    const pgid = child.pid ?? 0;
    cleanups.push(() => {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        // already gone
      }
    });
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(2500);
    expect(existsSync(log)).toBe(false);
    writeFileSync(join(live, 'fullchain.pem'), 'renewed');
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(existsSync(log) && readFileSync(log, 'utf8').includes('-s reload'))) await sleep(100);
    expect(readFileSync(log, 'utf8')).toBe('-t -q\n-s reload\n');
  }, 15_000);
});
