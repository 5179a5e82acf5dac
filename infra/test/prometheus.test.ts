// infra/prometheus: the scrape configuration and the alert rules. The real promtool checks the syntax
// and runs the rule unit tests (infra/prometheus/tests); the YAML is also read here for the contract.
import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  static_configs: { targets: string[] }[];
}

const ruleFiles = readdirSync(repoPath('infra/prometheus/rules')).filter((name) => name.endsWith('.yml'));
const rules: Rule[] = ruleFiles.flatMap((name) =>
  parseYaml<RuleFile>(readRepoFile('infra/prometheus/rules', name)).groups.flatMap((group) => group.rules),
);
const alerts = new Map(rules.filter((rule) => rule.alert).map((rule) => [rule.alert ?? '', rule]));
const config = parseYaml<{ rule_files: string[]; scrape_configs: ScrapeConfig[] }>(readRepoFile('infra/prometheus/prometheus.yml'));

function alert(name: string): Rule {
  const rule = alerts.get(name);
  if (!rule) throw new Error(`no alert ${name}`);
  return rule;
}

/** Collapses whitespace so multi-line expressions compare on one line. */
function oneLine(expr: string): string {
  return expr.replace(/\s+/g, ' ').trim();
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
    const tests = readdirSync(repoPath('infra/prometheus/tests')).filter((name) => name.endsWith('.yml'));
    expect(tests.length).toBeGreaterThan(0);
    const result = run(promtool ?? '', ['test', 'rules', ...tests.map((name) => repoPath('infra/prometheus/tests', name))]);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });

  itWithPromtool('accepts prometheus.yml, with the rule files it loads in the container', () => {
    // Point rule_files at the repository copy of what compose mounts at /etc/prometheus/rules.
    const dir = mkdtempSync(join(tmpdir(), 'cbp-prometheus-'));
    try {
      const text = readRepoFile('infra/prometheus/prometheus.yml');
      const mounted = '/etc/prometheus/rules/*.yml';
      expect(text.split(mounted).length - 1).toBe(1);
      writeFileSync(join(dir, 'prometheus.yml'), text.replace(mounted, repoPath('infra/prometheus/rules/*.yml')));
      const result = run(promtool ?? '', ['check', 'config', join(dir, 'prometheus.yml')]);
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
        status: 0,
        output: expect.stringMatching(/SUCCESS: \d+ rules found/),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('alert rules', () => {
  it('every rule is an alert with expr, for, a severity and a summary and description', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect({
        alert: rule.alert,
        expr: typeof rule.expr === 'string' && rule.expr.trim().length > 0,
        for: rule.for,
        severity: rule.labels?.severity,
        summary: Boolean(rule.annotations?.summary),
        description: Boolean(rule.annotations?.description),
      }).toEqual({
        alert: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
        expr: true,
        for: expect.stringMatching(/^\d+[smh]$/),
        severity: expect.stringMatching(/^(critical|warning|info)$/),
        summary: true,
        description: true,
      });
    }
  });

  it('alert names are unique', () => {
    const names = rules.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
  });

  it('ServiceDown: up == 0 for 1m on the four services, critical', () => {
    const rule = alert('ServiceDown');
    expect(oneLine(rule.expr)).toBe('up{job=~"gateway|identity|admin|analytics"} == 0');
    expect(rule.for).toBe('1m');
    expect(rule.labels?.severity).toBe('critical');
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

  it('LoginFailureSpike and AccountLockouts read auth_attempts_total', () => {
    expect(alert('LoginFailureSpike').expr).toContain('auth_attempts_total{flow="login",result="failure"}');
    expect(alert('AccountLockouts').expr).toContain('auth_attempts_total{reason="ACCOUNT_LOCKED"}');
  });

  it('EventConsumerLag and OutboxBacklog read the event metrics', () => {
    expect(alert('EventConsumerLag').expr).toContain('events_consumer_lag');
    expect(alert('OutboxBacklog').expr).toContain('events_outbox_pending');
  });
});

describe('prometheus.yml', () => {
  const compose = loadCompose();

  it('loads the rule files compose mounts', () => {
    expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
    expect(compose.services.prometheus?.volumes).toEqual(
      expect.arrayContaining([
        './infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        './infra/prometheus/rules:/etc/prometheus/rules:ro',
      ]),
    );
  });

  it.each([
    ['gateway', 'gateway:8080'],
    ['identity', 'identity:4001'],
    ['admin', 'admin:4002'],
    ['analytics', 'analytics:8000'],
    ['prometheus', 'localhost:9090'],
  ])('scrapes %s at %s/metrics', (job, target) => {
    const scrape = config.scrape_configs.find((c) => c.job_name === job);
    expect(scrape?.static_configs.flatMap((c) => c.targets)).toEqual([target]);
    expect(scrape?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('scrape targets are compose services listening on the configured port', () => {
    for (const scrape of config.scrape_configs) {
      for (const target of scrape.static_configs.flatMap((c) => c.targets)) {
        const [host = '', port = ''] = target.split(':');
        if (host === 'localhost') continue;
        const service = compose.services[host];
        expect(service).toBeDefined();
        if (!service) continue;
        const portVar = { gateway: 'GATEWAY_PORT', identity: 'IDENTITY_PORT', admin: 'ADMIN_PORT', analytics: 'ANALYTICS_PORT' }[host];
        expect(serviceEnv(service)[portVar ?? '']).toBe(port);
        // Prometheus reaches them over the internal network.
        expect(serviceNetworks(service)).toContain('internal');
      }
    }
  });
});
