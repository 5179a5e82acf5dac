// infra/alertmanager: the committed routing, the configuration entrypoint.sh renders from the environment, and the
// real Alertmanager tools on both: `amtool check-config`, `amtool config routes test` for every severity, then
// Alertmanager itself on loopback (the Watchdog reaches the dead man's switch; inhibitions hold).
import { describe, it, expect, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkToolPresence, findTool, loadCompose, parseYaml, readRepoFile, repoPath, run, serviceEnv, serviceNetworks } from './tools.js';

const amtool = findTool('amtool');
const alertmanager = findTool('prometheus-alertmanager') ?? findTool('alertmanager');
const itWithAmtool = amtool ? it : it.skip;
const itWithAlertmanager = amtool && alertmanager ? it : it.skip;

const TEMPLATE = repoPath('infra/alertmanager/alertmanager.yml');
const ENTRYPOINT = repoPath('infra/alertmanager/entrypoint.sh');

const temps: string[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cbp-alertmanager-'));
  temps.push(dir);
  return dir;
}

/** Runs entrypoint.sh in render-only mode; returns the rendered folder and the script's result. */
function render(env: Record<string, string>): { dir: string; status: number | null; stderr: string; config: string } {
  const dir = tempDir();
  const result = run('sh', [ENTRYPOINT], {
    env: {
      PATH: process.env.PATH,
      ALERTMANAGER_TEMPLATE: TEMPLATE,
      ALERTMANAGER_RENDERED_DIR: dir,
      ALERTMANAGER_RENDER_ONLY: '1',
      ...env,
    },
  });
  const config = join(dir, 'alertmanager.yml');
  return { dir, status: result.status, stderr: result.stderr, config };
}

const FULL_ENV = {
  ALERTMANAGER_EMAIL_TO: 'ops@example.test,oncall@example.test',
  ALERTMANAGER_EMAIL_FROM: 'Chat Bot Pro "alerts" <alerts@example.test>',
  ALERTMANAGER_SMTP_URL: 'smtps://alerts%40example.test:p%40ss%3Aw%22rd%5C@smtp.example.test:465',
  ALERTMANAGER_WEBHOOK_URL: 'https://hooks.example.test/services/T0/B0?token=abc',
  ALERTMANAGER_WATCHDOG_URL: 'https://hc-ping.example.test/uuid',
};

interface EmailConfig {
  to: string;
  from: string;
  smarthost: string;
  require_tls: boolean;
  send_resolved: boolean;
  auth_username?: string;
  auth_password_file?: string;
}
interface Receiver {
  name: string;
  email_configs?: EmailConfig[];
  webhook_configs?: { url: string; send_resolved: boolean }[];
}
interface AlertmanagerConfig {
  route: { receiver: string; group_by: string[]; routes: { receiver: string; matchers: string[] }[] };
  inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal?: string[] }[];
  receivers: Receiver[];
}

function receiver(config: AlertmanagerConfig, name: string): Receiver {
  const found = config.receivers.find((r) => r.name === name);
  if (!found) throw new Error(`no receiver ${name}`);
  return found;
}

describe('amtool', () => {
  it('is installed (required in CI: apt-get install -y prometheus-alertmanager, which provides amtool)', () => {
    checkToolPresence('amtool', amtool, 'prometheus-alertmanager');
  });

  itWithAmtool('accepts the committed configuration (no address, no secret in it)', () => {
    const result = run(amtool ?? '', ['check-config', TEMPLATE]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
    const text = readRepoFile('infra/alertmanager/alertmanager.yml');
    expect(text).not.toMatch(/@|https?:\/\/|password|smarthost/i);
  });

  itWithAmtool('accepts the configuration rendered from a full environment', () => {
    const rendered = render(FULL_ENV);
    expect(rendered.status).toBe(0);
    const result = run(amtool ?? '', ['check-config', rendered.config]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  (amtool ? it : it.skip).each([
    // [label set, receiver]
    [['alertname=PostgresDown', 'severity=critical', 'service=postgres'], 'page'],
    [['alertname=GatewayErrorBudgetBurn', 'severity=critical', 'service=gateway'], 'page'],
    [['alertname=GatewayErrorBudgetBurn', 'severity=warning', 'service=gateway'], 'notify'],
    [['alertname=DiskSpaceLow', 'severity=warning', 'service=host'], 'notify'],
    [['alertname=SomethingNew', 'severity=info', 'service=x'], 'blackhole'],
    [['alertname=Unlabelled'], 'notify'],
    [['alertname=Watchdog', 'severity=none', 'service=monitoring'], 'deadmans-switch'],
  ] as const)('routes %j to %s', (labels, expected) => {
    const result = run(amtool ?? '', [
      'config',
      'routes',
      'test',
      `--config.file=${TEMPLATE}`,
      `--verify.receivers=${expected}`,
      ...labels,
    ]);
    expect({ status: result.status, receiver: result.stdout.trim() }).toEqual({ status: 0, receiver: expected });
  });
});

describe('alertmanager.yml', () => {
  const config = parseYaml<AlertmanagerConfig>(readRepoFile('infra/alertmanager/alertmanager.yml'));

  it('groups by alertname, severity and service', () => {
    expect(config.route.group_by).toEqual(['alertname', 'severity', 'service']);
  });

  it('a critical alert inhibits the warning of the same alert and service; a down target inhibits its derived alerts', () => {
    expect(config.inhibit_rules).toEqual(
      expect.arrayContaining([
        { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'service'] },
        { source_matchers: ['alertname="ServiceDown"'], target_matchers: ['alertname!="ServiceDown"'], equal: ['service'] },
      ]),
    );
  });

  it('every alert name in the inhibit rules is a rule of infra/prometheus', () => {
    const ruleText = ['platform.yml', 'dependencies.yml', 'edge.yml', 'slo.yml']
      .map((f) => readRepoFile('infra/prometheus/rules', f))
      .join('\n');
    const names = new Set([...ruleText.matchAll(/- alert: (\w+)/g)].map((m) => m[1]));
    const mentioned = config.inhibit_rules
      .flatMap((rule) => [...rule.source_matchers, ...rule.target_matchers])
      .flatMap((matcher) => [...matcher.matchAll(/alertname!?=~?"([^"]+)"/g)].flatMap((m) => (m[1] ?? '').split('|')));
    expect(mentioned.length).toBeGreaterThan(5);
    for (const name of mentioned) expect({ name, exists: names.has(name) }).toEqual({ name, exists: true });
  });
});

describe('entrypoint.sh', () => {
  it('fills in e-mail (credentials decoded, password in a private file) and webhooks; pages send "resolved", tickets do not', () => {
    const rendered = render(FULL_ENV);
    expect(rendered.status).toBe(0);
    const text = readFileSync(rendered.config, 'utf8');
    const config = parseYaml<AlertmanagerConfig>(text);
    const email = {
      to: 'ops@example.test,oncall@example.test',
      from: 'Chat Bot Pro "alerts" <alerts@example.test>',
      smarthost: 'smtp.example.test:465',
      require_tls: false,
      auth_username: 'alerts@example.test',
      auth_password_file: join(rendered.dir, 'smtp-password'),
    };
    expect(receiver(config, 'notify')).toEqual({
      name: 'notify',
      email_configs: [{ ...email, send_resolved: false }],
      webhook_configs: [{ url: FULL_ENV.ALERTMANAGER_WEBHOOK_URL, send_resolved: false }],
    });
    expect(receiver(config, 'page')).toEqual({
      name: 'page',
      email_configs: [{ ...email, send_resolved: true }],
      webhook_configs: [{ url: FULL_ENV.ALERTMANAGER_WEBHOOK_URL, send_resolved: true }],
    });
    expect(receiver(config, 'deadmans-switch')).toEqual({
      name: 'deadmans-switch',
      webhook_configs: [{ url: FULL_ENV.ALERTMANAGER_WATCHDOG_URL, send_resolved: false }],
    });
    expect(receiver(config, 'blackhole')).toEqual({ name: 'blackhole' });
    expect(readFileSync(join(rendered.dir, 'smtp-password'), 'utf8')).toBe('p@ss:w"rd\\');
    expect(text).not.toContain('p@ss');
    expect(statSync(join(rendered.dir, 'smtp-password')).mode & 0o077).toBe(0);
    expect(statSync(rendered.config).mode & 0o077).toBe(0);
    // The routing and inhibitions are the committed ones.
    const committed = parseYaml<AlertmanagerConfig>(readFileSync(TEMPLATE, 'utf8'));
    expect(config.route).toEqual(committed.route);
    expect(config.inhibit_rules).toEqual(committed.inhibit_rules);
  });

  it.each([
    ['smtp://relay.example.test', {}, 'relay.example.test:587', true],
    ['smtp://relay.example.test:25', { ALERTMANAGER_SMTP_REQUIRE_TLS: 'false' }, 'relay.example.test:25', false],
    ['smtps://relay.example.test', {}, 'relay.example.test:465', false],
  ] as const)('derives the smarthost and TLS from %s', (url, extra, smarthost, requireTls) => {
    const rendered = render({
      ALERTMANAGER_EMAIL_TO: 'ops@example.test',
      ALERTMANAGER_EMAIL_FROM: 'a@example.test',
      ALERTMANAGER_SMTP_URL: url,
      ...extra,
    });
    expect(rendered.status).toBe(0);
    const email = receiver(parseYaml<AlertmanagerConfig>(readFileSync(rendered.config, 'utf8')), 'page').email_configs?.[0];
    expect({ smarthost: email?.smarthost, requireTls: email?.require_tls, user: email?.auth_username }).toEqual({
      smarthost,
      requireTls,
      user: undefined,
    });
  });

  it('with nothing configured, renders empty receivers and warns that alerts reach no one', () => {
    const rendered = render({});
    expect(rendered.status).toBe(0);
    expect(rendered.stderr).toContain('alerts reach no one');
    expect(rendered.stderr).toContain('ALERTMANAGER_WATCHDOG_URL is not set');
    const config = parseYaml<AlertmanagerConfig>(readFileSync(rendered.config, 'utf8'));
    expect(config.receivers).toEqual([{ name: 'notify' }, { name: 'page' }, { name: 'deadmans-switch' }, { name: 'blackhole' }]);
  });

  it.each([
    ['an e-mail recipient without a relay', { ALERTMANAGER_EMAIL_TO: 'a@example.test', ALERTMANAGER_EMAIL_FROM: 'b@example.test' }],
    [
      'a relay that is not smtp(s)',
      { ALERTMANAGER_EMAIL_TO: 'a@x.test', ALERTMANAGER_EMAIL_FROM: 'b@x.test', ALERTMANAGER_SMTP_URL: 'http://x.test' },
    ],
    [
      'smtps on a port other than 465',
      { ALERTMANAGER_EMAIL_TO: 'a@x.test', ALERTMANAGER_EMAIL_FROM: 'b@x.test', ALERTMANAGER_SMTP_URL: 'smtps://x.test:587' },
    ],
    ['a bad host', { ALERTMANAGER_EMAIL_TO: 'a@x.test', ALERTMANAGER_EMAIL_FROM: 'b@x.test', ALERTMANAGER_SMTP_URL: 'smtp://x y.test' }],
    ['a webhook that is not http(s)', { ALERTMANAGER_WEBHOOK_URL: 'file:///etc/passwd' }],
    ['a value with a newline (YAML injection)', { ALERTMANAGER_WEBHOOK_URL: 'https://x.test/\n  - name: evil' }],
  ])('refuses %s', (_why, env) => {
    const rendered = render(env);
    expect(rendered.status).toBe(2);
  });
});

describe('docker-compose.yml alertmanager', () => {
  const compose = loadCompose();
  const service = compose.services.alertmanager;

  it('runs entrypoint.sh on the mounted template, keeps silences in a volume, and is reachable by prometheus', () => {
    expect(service?.entrypoint).toEqual(['/bin/sh', '/etc/alertmanager/entrypoint.sh']);
    expect(service?.volumes).toEqual(
      expect.arrayContaining([
        './infra/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro',
        './infra/alertmanager/entrypoint.sh:/etc/alertmanager/entrypoint.sh:ro',
        'alertmanager-data:/alertmanager',
      ]),
    );
    expect(serviceNetworks(service ?? {})).toEqual(expect.arrayContaining(['monitoring']));
    expect(serviceNetworks(compose.services.prometheus ?? {})).toContain('monitoring');
  });

  it('takes every ALERTMANAGER_* setting from .env, defaulting the relay and sender to the platform mail settings', () => {
    const env = serviceEnv(service ?? {});
    expect(env.ALERTMANAGER_SMTP_URL).toMatch(/^\$\{ALERTMANAGER_SMTP_URL:-\$\{SMTP_URL:\?[^}]+\}\}$/);
    expect(env.ALERTMANAGER_EMAIL_FROM).toMatch(/^\$\{ALERTMANAGER_EMAIL_FROM:-\$\{MAIL_FROM:\?[^}]+\}\}$/);
    for (const name of ['ALERTMANAGER_EMAIL_TO', 'ALERTMANAGER_WEBHOOK_URL', 'ALERTMANAGER_WATCHDOG_URL']) {
      expect(env[name]).toBe(`\${${name}:-}`);
    }
  });
});

// ------------------------------------------------------------------------------------------------------------
// The real Alertmanager on loopback, with a webhook catcher.
// ------------------------------------------------------------------------------------------------------------
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface ApiAlert {
  labels: Record<string, string>;
  status: { state: string; inhibitedBy: string[] };
}

describe('Alertmanager, running', () => {
  itWithAlertmanager(
    "delivers the Watchdog to the dead man's switch at once, and applies the inhibitions",
    async () => {
      const received: { path: string; body: { alerts: { labels: Record<string, string> }[] } }[] = [];
      const hooks = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          received.push({ path: req.url ?? '', body: JSON.parse(body) as { alerts: { labels: Record<string, string> }[] } });
          res.end();
        });
      });
      await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => hooks.close());
      const hooksPort = (hooks.address() as net.AddressInfo).port;

      const rendered = render({
        ALERTMANAGER_WEBHOOK_URL: `http://127.0.0.1:${hooksPort}/notify`,
        ALERTMANAGER_WATCHDOG_URL: `http://127.0.0.1:${hooksPort}/watchdog`,
      });
      expect(rendered.status).toBe(0);
      const port = await freePort();
      const child: ChildProcess = spawn(
        alertmanager ?? '',
        [
          `--config.file=${rendered.config}`,
          `--storage.path=${tempDir()}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--cluster.listen-address=',
        ],
        { stdio: 'ignore' },
      );
      cleanups.push(() => child.kill('SIGTERM'));
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      for (;;) {
        const ready = await fetch(`${base}/-/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline) throw new Error('alertmanager did not start');
        await sleep(200);
      }

      const alert = (labels: Record<string, string>) => ({ labels, annotations: { summary: 'test' }, startsAt: new Date().toISOString() });
      const post = await fetch(`${base}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          alert({ alertname: 'Watchdog', severity: 'none', service: 'monitoring' }),
          alert({ alertname: 'CertificateExpiringSoon', severity: 'critical', service: 'edge' }),
          alert({ alertname: 'CertificateExpiringSoon', severity: 'warning', service: 'edge' }),
          alert({ alertname: 'ServiceDown', severity: 'critical', service: 'identity' }),
          alert({ alertname: 'OutboxBacklog', severity: 'warning', service: 'identity' }),
          alert({ alertname: 'OutboxBacklog', severity: 'warning', service: 'admin' }),
          alert({ alertname: 'ServiceDown', severity: 'critical', service: 'gateway' }),
          alert({ alertname: 'EdgeProbeFailed', severity: 'critical', service: 'edge' }),
        ]),
      });
      expect(post.status).toBe(200);

      // Watchdog: group_wait 0s.
      const watchdogDeadline = Date.now() + 10_000;
      while (!received.some((r) => r.path === '/watchdog') && Date.now() < watchdogDeadline) await sleep(100);
      const watchdog = received.find((r) => r.path === '/watchdog');
      expect(watchdog?.body.alerts.map((a) => a.labels.alertname)).toEqual(['Watchdog']);

      const alerts = (await (await fetch(`${base}/api/v2/alerts`)).json()) as ApiAlert[];
      const state = (labels: Record<string, string>): string => {
        const found = alerts.find((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v));
        return found ? `${found.status.state}${found.status.inhibitedBy.length > 0 ? ' (inhibited)' : ''}` : 'missing';
      };
      expect({
        watchdog: state({ alertname: 'Watchdog' }),
        certificateCritical: state({ alertname: 'CertificateExpiringSoon', severity: 'critical' }),
        certificateWarning: state({ alertname: 'CertificateExpiringSoon', severity: 'warning' }),
        identityOutbox: state({ alertname: 'OutboxBacklog', service: 'identity' }),
        adminOutbox: state({ alertname: 'OutboxBacklog', service: 'admin' }),
        edgeProbe: state({ alertname: 'EdgeProbeFailed' }),
      }).toEqual({
        watchdog: 'active',
        certificateCritical: 'active',
        certificateWarning: 'suppressed (inhibited)',
        identityOutbox: 'suppressed (inhibited)',
        adminOutbox: 'active',
        edgeProbe: 'suppressed (inhibited)',
      });
    },
    40_000,
  );
});
