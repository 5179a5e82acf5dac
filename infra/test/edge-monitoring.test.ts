// Edge monitoring: the blackbox exporter's modules (infra/blackbox/blackbox.yml) and nginx's private stub_status
// listener (infra/nginx/templates/status.conf.template). The real blackbox exporter probes TLS servers holding the
// bootstrap placeholder and a CA-issued certificate, and its output is fed to promtool with the edge rules: the
// placeholder alert fires on what the exporter really emits, and only for the placeholder. The real nginx serves
// stub_status on its own listener.
import { describe, it, expect, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { applyRewrites, envsubst } from './nginx-config.js';
import { checkToolPresence, findTool, loadCompose, parseYaml, readRepoFile, repoPath, run, serviceNetworks } from './tools.js';

const blackbox = findTool('prometheus-blackbox-exporter') ?? findTool('blackbox_exporter');
const promtool = findTool('promtool');
const openssl = findTool('openssl', ['version']);
const nginx = findTool('nginx', ['-v']);
const itWithBlackbox = blackbox ? it : it.skip;
const itWithProbeTools = blackbox && promtool && openssl ? it : it.skip;
const itWithNginx = nginx ? it : it.skip;

const DOMAIN = 'example.test';

const temps: string[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cbp-edge-monitoring-'));
  temps.push(dir);
  return dir;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await sleep(150);
  }
}

function sslCommand(args: string[]): void {
  const result = run(openssl ?? 'openssl', args);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

/** A small CA and a leaf for DOMAIN signed by it: what Let's Encrypt's chain looks like to the rule. */
function caIssuedCertificate(dir: string): { cert: string; key: string } {
  const ca = { key: join(dir, 'ca.key'), cert: join(dir, 'ca.pem') };
  const leaf = { key: join(dir, 'leaf.key'), csr: join(dir, 'leaf.csr'), cert: join(dir, 'leaf.pem'), ext: join(dir, 'leaf.ext') };
  sslCommand([
    'req',
    '-x509',
    '-nodes',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-days',
    '2',
    '-subj',
    '/O=Test CA/CN=Test R1',
    '-keyout',
    ca.key,
    '-out',
    ca.cert,
  ]);
  sslCommand([
    'req',
    '-new',
    '-nodes',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-subj',
    `/CN=${DOMAIN}`,
    '-keyout',
    leaf.key,
    '-out',
    leaf.csr,
  ]);
  writeFileSync(leaf.ext, `subjectAltName=DNS:${DOMAIN}\n`);
  sslCommand([
    'x509',
    '-req',
    '-in',
    leaf.csr,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    leaf.ext,
    '-out',
    leaf.cert,
  ]);
  const chain = join(dir, 'fullchain.pem');
  writeFileSync(chain, readFileSync(leaf.cert, 'utf8') + readFileSync(ca.cert, 'utf8'));
  return { cert: chain, key: leaf.key };
}

async function tlsServer(cert: string, key: string): Promise<number> {
  const server = https.createServer({ cert: readFileSync(cert), key: readFileSync(key), minVersion: 'TLSv1.3' }, (_req, res) => {
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

function metricLines(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('blackbox exporter', () => {
  it('is installed (required in CI: apt-get install -y prometheus-blackbox-exporter)', () => {
    checkToolPresence('prometheus-blackbox-exporter', blackbox, 'prometheus-blackbox-exporter');
  });

  itWithBlackbox('accepts infra/blackbox/blackbox.yml (--config.check)', () => {
    const result = run(blackbox ?? '', ['--config.check', `--config.file=${repoPath('infra/blackbox/blackbox.yml')}`]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('Config file is ok'),
    });
  });

  it('https_verified verifies TLS 1.3 and wants a 200; https_chain reads the certificate without verifying', () => {
    const config = parseYaml<{
      modules: Record<string, { prober: string; http: Record<string, unknown> & { tls_config: Record<string, unknown> } }>;
    }>(readRepoFile('infra/blackbox/blackbox.yml'));
    expect(config.modules.https_verified?.http).toMatchObject({
      valid_status_codes: [200],
      fail_if_not_ssl: true,
      tls_config: { insecure_skip_verify: false, min_version: 'TLS13' },
    });
    expect(config.modules.https_chain?.http).toMatchObject({ fail_if_not_ssl: true, tls_config: { insecure_skip_verify: true } });
  });

  itWithProbeTools(
    'recognises the bootstrap placeholder from the real probe output, and not a CA-issued certificate',
    async () => {
      const dir = tempDir();
      // The placeholder exactly as the certbot container makes it on first start.
      const le = join(dir, 'letsencrypt');
      const bootstrap = run('sh', [repoPath('infra/nginx/bootstrap-self-signed.sh')], {
        env: { PATH: process.env.PATH, DOMAIN, LETSENCRYPT_DIR: le },
      });
      expect(bootstrap.status).toBe(0);
      const placeholderPort = await tlsServer(join(le, 'live', DOMAIN, 'fullchain.pem'), join(le, 'live', DOMAIN, 'privkey.pem'));
      const issued = caIssuedCertificate(dir);
      const issuedPort = await tlsServer(issued.cert, issued.key);

      const port = await freePort();
      const child: ChildProcess = spawn(
        blackbox ?? '',
        [`--config.file=${repoPath('infra/blackbox/blackbox.yml')}`, `--web.listen-address=127.0.0.1:${port}`],
        { stdio: 'ignore' },
      );
      cleanups.push(() => child.kill('SIGTERM'));
      await waitFor(`http://127.0.0.1:${port}/-/healthy`, 'blackbox exporter');
      const probe = async (module: string, target: string): Promise<string> =>
        (await fetch(`http://127.0.0.1:${port}/probe?module=${module}&target=${encodeURIComponent(target)}`)).text();

      const targets = {
        placeholder: `https://127.0.0.1:${placeholderPort}/healthz`,
        issued: `https://127.0.0.1:${issuedPort}/healthz`,
      };
      // The user's view: neither verifies here (the placeholder is self-signed; the test CA is not a trusted root).
      expect(metricLines(await probe('https_verified', targets.placeholder), 'probe_success')).toEqual(['probe_success 0']);

      const inputSeries: { series: string; values: string }[] = [];
      for (const [name, target] of Object.entries(targets)) {
        const output = await probe('https_chain', target);
        expect({ name, success: metricLines(output, 'probe_success') }).toEqual({ name, success: ['probe_success 1'] });
        const info = metricLines(output, 'probe_ssl_last_chain_info');
        expect({ name, count: info.length }).toEqual({ name, count: 1 });
        const labels = /^probe_ssl_last_chain_info\{(.*)\} \S+$/.exec(info[0] ?? '')?.[1] ?? '';
        expect(labels).toContain('issuer="');
        inputSeries.push({
          series: `probe_ssl_last_chain_info{job="edge-certificate",instance="${target}",${labels}}`,
          values: '1x80',
        });
      }

      // Those exact series through the rule: only the placeholder's fires, after an hour. promtool compares the
      // full label set, so the expected labels are the placeholder series' own.
      const placeholderLabels = Object.fromEntries(
        [...(inputSeries[0]?.series ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
      );
      expect(placeholderLabels).toMatchObject({ subject: `CN=${DOMAIN}`, issuer: `CN=${DOMAIN}`, instance: targets.placeholder });
      const testFile = join(dir, 'placeholder.test.yml');
      writeFileSync(
        testFile,
        stringify({
          rule_files: [repoPath('infra/prometheus/rules/edge.yml')],
          evaluation_interval: '1m',
          tests: [
            {
              name: 'real probe output',
              interval: '1m',
              input_series: inputSeries,
              alert_rule_test: [
                { eval_time: '30m', alertname: 'PlaceholderCertificateServed', exp_alerts: [] },
                {
                  eval_time: '70m',
                  alertname: 'PlaceholderCertificateServed',
                  exp_alerts: [
                    {
                      exp_labels: { ...placeholderLabels, severity: 'critical', service: 'edge' },
                      exp_annotations: {
                        summary: `${targets.placeholder} still serves the self-signed placeholder certificate`,
                        description: `The certificate (CN=${DOMAIN}) has been self-signed for more than an hour: Let's Encrypt issuance is failing and browsers refuse the site.`,
                        runbook_url: 'docs/operations.md#placeholdercertificateserved',
                      },
                    },
                  ],
                },
              ],
            },
          ],
        }),
      );
      const result = run(promtool ?? '', ['test', 'rules', testFile]);
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
        status: 0,
        output: expect.stringContaining('SUCCESS'),
      });
    },
    60_000,
  );
});

describe('nginx stub_status listener', () => {
  const template = readRepoFile('infra/nginx/templates/status.conf.template');

  it('listens on 8081 only, serves stub_status to private addresses, and nothing else', () => {
    expect([...template.matchAll(/^\s*listen\s+([^;]+);/gm)].map((m) => m[1])).toEqual(['8081']);
    expect(template).toMatch(/location = \/stub_status \{\s*stub_status;/);
    expect(template).toMatch(/allow 172\.16\.0\.0\/12;[\s\S]*deny all;/);
    // No ${VAR}: the envsubst step leaves it as it is.
    expect(envsubst(template, { DOMAIN })).toBe(template);
  });

  it('the port is not published, and nginx-exporter reads it over a network it shares with nginx', () => {
    const compose = loadCompose();
    const nginxService = compose.services.nginx;
    expect((nginxService?.ports ?? []).map(String).some((port) => port.includes('8081'))).toBe(false);
    const exporter = compose.services['nginx-exporter'];
    expect(exporter?.command).toContain('--nginx.scrape-uri=http://nginx:8081/stub_status');
    const shared = serviceNetworks(exporter ?? {}).filter((network) => serviceNetworks(nginxService ?? {}).includes(network));
    expect(shared.length).toBeGreaterThan(0);
    // nginx mounts the whole templates folder, so status.conf.template is rendered next to edge.conf.
    expect(nginxService?.volumes).toContain('./infra/nginx/templates:/etc/nginx/templates:ro');
  });

  itWithNginx(
    'nginx serves stub_status on the listener, 404 elsewhere, 403 to an address not allowed',
    async () => {
      const prefix = tempDir();
      mkdirSync(join(prefix, 'conf.d'), { recursive: true });
      mkdirSync(join(prefix, 'temp'), { recursive: true });
      const port = await freePort();
      const listen = { why: 'free loopback port', from: 'listen 8081;', to: `listen 127.0.0.1:${port};`, count: 1 };
      writeFileSync(join(prefix, 'conf.d', 'status.conf'), applyRewrites(template, [listen], 'status.conf.template'));
      const tempPaths = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
        (kind) => `    ${kind}_temp_path ${join(prefix, 'temp', kind)};`,
      );
      const conf = join(prefix, 'nginx.conf');
      writeFileSync(
        conf,
        [
          `pid ${join(prefix, 'nginx.pid')};`,
          'error_log stderr notice;',
          'events { worker_connections 64; }',
          'http {',
          ...tempPaths,
          '    access_log off;',
          '    include conf.d/*.conf;',
          '}',
          '',
        ].join('\n'),
      );
      chmodSync(prefix, 0o755);
      const check = run(nginx ?? '', ['-t', '-p', prefix, '-c', conf]);
      expect({ status: check.status, output: check.stderr }).toEqual({ status: 0, output: expect.stringContaining('syntax is ok') });

      const child = spawn(nginx ?? '', ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
      cleanups.push(() => child.kill('SIGTERM'));
      await waitFor(`http://127.0.0.1:${port}/`, 'nginx');
      const status = await fetch(`http://127.0.0.1:${port}/stub_status`);
      expect(status.status).toBe(200);
      expect(await status.text()).toMatch(/^Active connections: \d+\s+server accepts handled requests\n\s*\d+ \d+ \d+/);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      child.kill('SIGTERM');

      // Without loopback in the allow list, this client is one the list does not name: refused.
      const port2 = await freePort();
      writeFileSync(
        join(prefix, 'conf.d', 'status.conf'),
        applyRewrites(
          template,
          [
            { ...listen, to: `listen 127.0.0.1:${port2};` },
            { why: 'loopback not allowed', from: 'allow 127.0.0.1;', to: '', count: 1 },
          ],
          'status.conf.template',
        ),
      );
      const child2 = spawn(nginx ?? '', ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
      cleanups.push(() => child2.kill('SIGTERM'));
      await waitFor(`http://127.0.0.1:${port2}/`, 'nginx');
      expect((await fetch(`http://127.0.0.1:${port2}/stub_status`)).status).toBe(403);
    },
    40_000,
  );
});
