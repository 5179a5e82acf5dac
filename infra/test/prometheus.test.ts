// infra/prometheus: the scrape configuration and the alert rules. The real promtool checks the syntax, runs the
// rule unit tests (infra/prometheus/tests) and resolves the blackbox probe targets; the YAML is also read here for
// the contract: every alert is labelled, documented in docs/operations.md, and shown firing by a unit test.
import { describe, it, expect, afterAll } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkToolPresence, findTool, loadCompose, parseYaml, readRepoFile, repoPath, run, serviceEnv, serviceNetworks } from './tools.js';

const promtool = findTool('promtool');
const itWithPromtool = promtool ? it : it.skip;

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  params?: Record<string, string[]>;
  static_configs?: { targets: string[] }[];
  file_sd_configs?: { files: string[] }[];
}

interface RuleTestFile {
  rule_files: string[];
  tests: { name: string; alert_rule_test?: { alertname: string; exp_alerts: { exp_labels?: Record<string, string> }[] }[] }[];
}

const ruleFiles = readdirSync(repoPath('infra/prometheus/rules')).filter((name) => name.endsWith('.yml'));
const rules: Rule[] = ruleFiles.flatMap((name) =>
  parseYaml<RuleFile>(readRepoFile('infra/prometheus/rules', name)).groups.flatMap((group) => group.rules),
);
const alertRules = rules.filter((rule) => rule.alert);
const recordRules = rules.filter((rule) => rule.record);
const testFiles = readdirSync(repoPath('infra/prometheus/tests')).filter((name) => name.endsWith('.yml'));
const ruleTests = testFiles.map((name) => parseYaml<RuleTestFile>(readRepoFile('infra/prometheus/tests', name)));
const config = parseYaml<{
  rule_files: string[];
  alerting?: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: ScrapeConfig[];
}>(readRepoFile('infra/prometheus/prometheus.yml'));
const operationsDoc = readRepoFile('docs/operations.md');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cbp-prometheus-'));
  temps.push(dir);
  return dir;
}

function alertVariants(name: string): Rule[] {
  const found = alertRules.filter((rule) => rule.alert === name);
  if (found.length === 0) throw new Error(`no alert ${name}`);
  return found;
}

function alert(name: string): Rule {
  const [first] = alertVariants(name);
  if (!first) throw new Error(`no alert ${name}`);
  return first;
}

/** Collapses whitespace so multi-line expressions compare on one line. */
function oneLine(expr: string): string {
  return expr.replace(/\s+/g, ' ').trim();
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      (m[1] ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\w\- ]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('promtool', () => {
  it('is installed (required in CI: apt-get install -y prometheus, which provides /usr/bin/promtool)', () => {
    checkToolPresence('promtool', promtool, 'prometheus');
  });

  itWithPromtool('accepts every rule file', () => {
    const result = run(promtool ?? '', ['check', 'rules', ...ruleFiles.map((name) => repoPath('infra/prometheus/rules', name))]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  itWithPromtool('passes the rule unit tests (alerts fire, and only when they should)', () => {
    expect(testFiles.length).toBeGreaterThan(0);
    const result = run(promtool ?? '', ['test', 'rules', ...testFiles.map((name) => repoPath('infra/prometheus/tests', name))]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
    expect(result.stdout + result.stderr).not.toContain('FAILED');
  });

  itWithPromtool('accepts prometheus.yml, with the rule files it loads in the container', () => {
    // Point rule_files at the repository copy of what compose mounts at /etc/prometheus/rules.
    const dir = tempDir();
    const text = readRepoFile('infra/prometheus/prometheus.yml');
    const mounted = '/etc/prometheus/rules/*.yml';
    expect(text.split(mounted).length - 1).toBe(1);
    writeFileSync(join(dir, 'prometheus.yml'), text.replace(mounted, repoPath('infra/prometheus/rules/*.yml')));
    const result = run(promtool ?? '', ['check', 'config', join(dir, 'prometheus.yml')]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringMatching(/SUCCESS: \d+ rules found/),
    });
  });

  itWithPromtool('probes https://$DOMAIN/healthz through the blackbox exporter (entrypoint.sh writes the target list)', () => {
    const dir = tempDir();
    const targets = join(dir, 'targets');
    const entry = run('sh', [repoPath('infra/prometheus/entrypoint.sh'), '--config.file=x'], {
      env: { PATH: process.env.PATH, DOMAIN: 'chat.example.test', PROBE_TARGETS_DIR: targets, PROMETHEUS_BIN: 'true' },
    });
    expect(entry.status).toBe(0);
    expect(JSON.parse(readFileSync(join(targets, 'edge.json'), 'utf8'))).toEqual([
      { targets: ['https://chat.example.test/healthz'], labels: { domain: 'chat.example.test' } },
    ]);
    const text = readRepoFile('infra/prometheus/prometheus.yml')
      .split('/etc/prometheus/targets/edge.json')
      .join(join(targets, 'edge.json'))
      .replace('/etc/prometheus/rules/*.yml', repoPath('infra/prometheus/rules/*.yml'));
    writeFileSync(join(dir, 'prometheus.yml'), text);
    for (const [job, module] of [
      ['edge-https', 'https_verified'],
      ['edge-certificate', 'https_chain'],
    ] as const) {
      const result = run(promtool ?? '', ['check', 'service-discovery', '--timeout=2s', join(dir, 'prometheus.yml'), job]);
      expect({ job, status: result.status }).toEqual({ job, status: 0 });
      const discovered = JSON.parse(result.stdout) as { labels: Record<string, string> }[];
      expect(discovered.map((target) => target.labels)).toEqual([
        expect.objectContaining({
          __address__: 'blackbox-exporter:9115',
          __metrics_path__: '/probe',
          __param_module: module,
          __param_target: 'https://chat.example.test/healthz',
          instance: 'https://chat.example.test/healthz',
          job,
        }),
      ]);
    }
  });

  it('entrypoint.sh refuses a DOMAIN that is not a host name', () => {
    const dir = tempDir();
    for (const domain of ['', 'a b', '-x', 'evil"],"x']) {
      const result = run('sh', [repoPath('infra/prometheus/entrypoint.sh')], {
        env: { PATH: process.env.PATH, DOMAIN: domain, PROBE_TARGETS_DIR: dir, PROMETHEUS_BIN: 'true' },
      });
      expect({ domain, refused: result.status !== 0 }).toEqual({ domain, refused: true });
    }
  });
});

describe('alert rules', () => {
  it('every alert has expr, for, a severity, a service, a summary, a description and a runbook link', () => {
    expect(alertRules.length).toBeGreaterThan(0);
    for (const rule of alertRules) {
      expect({
        alert: rule.alert,
        expr: typeof rule.expr === 'string' && rule.expr.trim().length > 0,
        for: rule.for,
        severity: rule.labels?.severity,
        service: Boolean(rule.labels?.service),
        summary: Boolean(rule.annotations?.summary),
        description: Boolean(rule.annotations?.description),
        runbook: rule.annotations?.runbook_url,
      }).toEqual({
        alert: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
        expr: true,
        for: expect.stringMatching(/^\d+[smh]$/),
        // `none` is the Watchdog's alone: it is routed to the dead man's switch, never to a person.
        severity: rule.alert === 'Watchdog' ? 'none' : expect.stringMatching(/^(critical|warning|info)$/),
        service: true,
        summary: true,
        description: true,
        runbook: `docs/operations.md#${(rule.alert ?? '').toLowerCase()}`,
      });
    }
  });

  it('every runbook link points at a heading of docs/operations.md', () => {
    const anchors = headingAnchors(operationsDoc);
    for (const rule of alertRules) {
      const anchor = (rule.annotations?.runbook_url ?? '').split('#')[1] ?? '';
      expect({ alert: rule.alert, anchor, documented: anchors.has(anchor) }).toEqual({ alert: rule.alert, anchor, documented: true });
    }
  });

  it('every other rule is a recording rule named level:metric:operation', () => {
    expect(alertRules.length + recordRules.length).toBe(rules.length);
    for (const rule of recordRules) expect(rule.record).toMatch(/^[a-z_]+:[a-z_]+:[a-z0-9_]+$/);
  });

  it('an alert name appears once per severity', () => {
    const keys = alertRules.map((rule) => `${rule.alert}/${rule.labels?.severity}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every rule file is unit-tested, and every alert (each severity) is shown firing by a promtool test', () => {
    const tested = new Set(ruleTests.flatMap((file) => file.rule_files.map((path) => path.replace(/^\.\.\/rules\//, ''))));
    expect([...tested].sort()).toEqual([...ruleFiles].sort());
    const fired = new Set(
      ruleTests.flatMap((file) =>
        file.tests.flatMap((test) =>
          (test.alert_rule_test ?? []).flatMap((check) =>
            check.exp_alerts.map((expected) => `${check.alertname}/${expected.exp_labels?.severity ?? ''}`),
          ),
        ),
      ),
    );
    for (const rule of alertRules) {
      const key = `${rule.alert}/${rule.labels?.severity}`;
      expect({ key, fired: fired.has(key) }).toEqual({ key, fired: true });
    }
  });

  it('ServiceDown: up == 0 for 1m on the four services, critical', () => {
    const rule = alert('ServiceDown');
    expect(oneLine(rule.expr)).toBe('up{job=~"gateway|identity|admin|analytics"} == 0');
    expect(rule.for).toBe('1m');
    expect(rule.labels?.severity).toBe('critical');
    expect(rule.labels?.service).toBe('{{ $labels.job }}');
  });

  it('Watchdog always fires', () => {
    expect(oneLine(alert('Watchdog').expr)).toBe('vector(1)');
  });

  it('GatewayHigh5xxRate: share of 5xx in the gateway histogram count', () => {
    const expr = oneLine(alert('GatewayHigh5xxRate').expr);
    expect(expr).toContain('http_request_duration_seconds_count{job="gateway",status_code=~"5.."}');
    expect(expr).toContain('sum(rate(http_request_duration_seconds_count{job="gateway"}[5m]))');
  });

  it('HighP95Latency: p95 of http_request_duration_seconds per service', () => {
    expect(oneLine(alert('HighP95Latency').expr)).toContain(
      'histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])) ) > 1',
    );
  });

  it('LoginFailureSpike is a failure share with a volume floor; AccountLockouts counts new lockouts only', () => {
    const spike = oneLine(alert('LoginFailureSpike').expr);
    expect(spike).toContain(
      'sum(rate(auth_attempts_total{flow="login",result="failure"}[5m])) / sum(rate(auth_attempts_total{flow="login"}[5m]))',
    );
    expect(spike).toContain('sum(increase(auth_attempts_total{flow="login"}[5m])) >= 50');
    const lockouts = oneLine(alert('AccountLockouts').expr);
    expect(lockouts).toContain('auth_lockouts_total');
    expect(lockouts).not.toContain('ACCOUNT_LOCKED');
  });

  it('the security and delivery alerts read the metrics the code emits', () => {
    expect(alert('RefreshTokenReuse').expr).toContain('auth_attempts_total{flow="refresh",reason="REUSE_DETECTED"}');
    for (const rule of alertVariants('MailDeliveryFailures')) expect(rule.expr).toContain('mail_sent_total{result="failed"}');
    expect(alert('EventsDeadLettered').expr).toContain('events_consumed_total{result=~"dead_lettered|malformed"}');
    expect(alert('SigningKeyTooOld').expr).toContain('signing_key_current_age_seconds');
    expect(oneLine(alert('SigningKeyTooOld').expr)).toContain('> 31 * 86400');
  });

  it('EventConsumerLag and OutboxBacklog read the event metrics', () => {
    expect(alert('EventConsumerLag').expr).toContain('events_consumer_lag');
    expect(alert('OutboxBacklog').expr).toContain('events_outbox_pending');
  });

  it('the SLO alerts page on 14.4x (1h, 5m) and 6x (6h, 30m), and open tickets on 3x (1d, 2h) and 1x (3d, 6h)', () => {
    for (const [name, recorded, budget] of [
      ['GatewayErrorBudgetBurn', 'gateway:slo_errors', '0.005'],
      ['GatewayLatencyBudgetBurn', 'gateway:slo_slow_requests', '0.01'],
    ] as const) {
      const variants = alertVariants(name);
      const page = oneLine(variants.find((rule) => rule.labels?.severity === 'critical')?.expr ?? '');
      const ticket = oneLine(variants.find((rule) => rule.labels?.severity === 'warning')?.expr ?? '');
      for (const [window, burn] of [
        ['1h', '14.4'],
        ['5m', '14.4'],
        ['6h', '6'],
        ['30m', '6'],
      ]) {
        expect(page).toContain(`${recorded}:ratio_rate${window} > (${burn} * ${budget})`);
      }
      for (const [window, burn] of [
        ['1d', '3'],
        ['2h', '3'],
        ['3d', '1'],
        ['6h', '1'],
      ]) {
        expect(ticket).toContain(`${recorded}:ratio_rate${window} > (${burn} * ${budget})`);
      }
      const windows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
      for (const window of windows) expect(recordRules.map((rule) => rule.record)).toContain(`${recorded}:ratio_rate${window}`);
    }
  });

  it('the placeholder certificate is recognised by an issuer equal to its subject', () => {
    const expr = oneLine(alert('PlaceholderCertificateServed').expr);
    expect(expr).toContain('and on (instance, subject)');
    expect(expr).toContain('label_replace(probe_ssl_last_chain_info{job="edge-certificate"}, "subject", "$1", "issuer", "(.*)")');
    expect(alert('PlaceholderCertificateServed').for).toBe('1h');
  });
});

describe('prometheus.yml', () => {
  const compose = loadCompose();
  const prometheus = compose.services.prometheus;

  it('loads the rule files compose mounts, and runs through entrypoint.sh with DOMAIN and a writable target folder', () => {
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    expect(prometheus?.volumes).toEqual(
      expect.arrayContaining([
        './infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        './infra/prometheus/rules:/etc/prometheus/rules:ro',
        './infra/prometheus/entrypoint.sh:/etc/prometheus/entrypoint.sh:ro',
      ]),
    );
    expect(prometheus?.entrypoint).toEqual(['/bin/sh', '/etc/prometheus/entrypoint.sh']);
    expect(serviceEnv(prometheus ?? {}).DOMAIN).toMatch(/^\$\{DOMAIN:\?/);
    expect(prometheus?.tmpfs).toContain('/etc/prometheus/targets');
  });

  it('sends alerts to the alertmanager service', () => {
    expect(config.alerting?.alertmanagers.flatMap((am) => am.static_configs.flatMap((c) => c.targets))).toEqual(['alertmanager:9093']);
    expect(compose.services.alertmanager).toBeDefined();
  });

  const STATIC_TARGETS: [job: string, target: string][] = [
    ['prometheus', 'localhost:9090'],
    ['gateway', 'gateway:8080'],
    ['identity', 'identity:4001'],
    ['admin', 'admin:4002'],
    ['analytics', 'analytics:8000'],
    ['alertmanager', 'alertmanager:9093'],
    ['postgres', 'postgres-exporter:9187'],
    ['redis', 'redis-exporter:9121'],
    ['nginx', 'nginx-exporter:9113'],
    ['node', 'node-exporter:9100'],
    ['blackbox', 'blackbox-exporter:9115'],
  ];

  it('scrapes exactly the platform services, the exporters and the two edge probes', () => {
    expect(config.scrape_configs.map((c) => c.job_name).sort()).toEqual(
      [...STATIC_TARGETS.map(([job]) => job), 'edge-https', 'edge-certificate'].sort(),
    );
  });

  it.each(STATIC_TARGETS)('scrapes %s at %s/metrics', (job, target) => {
    const scrape = config.scrape_configs.find((c) => c.job_name === job);
    expect(scrape?.static_configs?.flatMap((c) => c.targets)).toEqual([target]);
    expect(scrape?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('every scrape target is a compose service that prometheus shares a network with, on the port it listens on', () => {
    const prometheusNetworks = serviceNetworks(prometheus ?? {});
    const nodePortVars: Record<string, string> = {
      gateway: 'GATEWAY_PORT',
      identity: 'IDENTITY_PORT',
      admin: 'ADMIN_PORT',
      analytics: 'ANALYTICS_PORT',
    };
    // The exporters' own defaults when the command does not name one (postgres-exporter, redis-exporter).
    const imageDefaultPorts: Record<string, string> = { 'postgres-exporter': '9187', 'redis-exporter': '9121' };
    for (const [, target] of STATIC_TARGETS) {
      const [host = '', port = ''] = target.split(':');
      if (host === 'localhost') continue;
      const service = compose.services[host];
      expect({ host, defined: Boolean(service) }).toEqual({ host, defined: true });
      if (!service) continue;
      const shared = serviceNetworks(service).filter((network) => prometheusNetworks.includes(network));
      expect({ host, shared: shared.length > 0 }).toEqual({ host, shared: true });
      const command = Array.isArray(service.command) ? service.command : [];
      const listen = command.find((arg) => arg.startsWith('--web.listen-address='));
      const listening = nodePortVars[host]
        ? serviceEnv(service)[nodePortVars[host] ?? '']
        : (listen?.split(':').pop() ?? imageDefaultPorts[host]);
      expect({ host, port: listening }).toEqual({ host, port });
    }
  });

  it('the edge probes use the blackbox modules that exist, through the blackbox-exporter service', () => {
    const blackbox = parseYaml<{ modules: Record<string, unknown> }>(readRepoFile('infra/blackbox/blackbox.yml'));
    for (const job of ['edge-https', 'edge-certificate']) {
      const scrape = config.scrape_configs.find((c) => c.job_name === job);
      expect(scrape?.metrics_path).toBe('/probe');
      expect(Object.keys(blackbox.modules)).toContain(scrape?.params?.module?.[0]);
      expect(scrape?.file_sd_configs?.[0]?.files).toEqual(['/etc/prometheus/targets/edge.json']);
    }
  });
});
