// infra/grafana: provisioned datasource and dashboard provider, and the platform dashboard.
// Every panel query is also parsed by the real PromQL parser (promtool) when it is installed.
import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { findTool, loadCompose, parseVolume, parseYaml, readRepoFile, run } from './tools.js';

interface DatasourceRef {
  type?: string;
  uid?: string;
}

interface Target {
  refId: string;
  expr?: string;
  datasource?: DatasourceRef;
  legendFormat?: string;
}

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: DatasourceRef;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  panels?: Panel[];
  fieldConfig?: { defaults?: { unit?: string } };
}

interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; datasource?: DatasourceRef; query?: unknown }[] };
  time: { from: string; to: string };
}

const dashboard = JSON.parse(readRepoFile('infra/grafana/dashboards/platform.json')) as Dashboard;
const datasources = parseYaml<{ datasources: { name: string; uid: string; type: string; url: string; isDefault?: boolean }[] }>(
  readRepoFile('infra/grafana/provisioning/datasources/prometheus.yml'),
).datasources;
const providers = parseYaml<{ providers: { type: string; options: { path: string } }[] }>(
  readRepoFile('infra/grafana/provisioning/dashboards/dashboards.yml'),
).providers;
const prometheusDatasource = datasources.find((ds) => ds.type === 'prometheus');
const queryPanels = dashboard.panels.filter((panel) => panel.type !== 'row');
const allExprs = queryPanels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr ?? ''));
const compose = loadCompose();

describe('grafana provisioning', () => {
  it('provisions one default Prometheus datasource with a fixed uid, pointing at the compose service', () => {
    expect(datasources).toHaveLength(1);
    expect(prometheusDatasource).toMatchObject({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090', isDefault: true });
  });

  it('loads dashboards from the folder compose mounts, and provisioning from the mounted folder', () => {
    expect(providers).toHaveLength(1);
    expect(providers[0]?.type).toBe('file');
    const mounts = (compose.services.grafana?.volumes ?? []).map(parseVolume);
    const dashboardsMount = mounts.find((m) => m.source === './infra/grafana/dashboards');
    expect(dashboardsMount?.target).toBe(providers[0]?.options.path);
    expect(mounts.find((m) => m.source === './infra/grafana/provisioning')?.target).toBe('/etc/grafana/provisioning');
  });
});

describe('platform dashboard', () => {
  it('has the expected uid, title and a current schema', () => {
    expect(dashboard.uid).toBe('cbp-platform');
    expect(dashboard.title).toBe('Chat Bot Pro V2 — Platform');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.schemaVersion).toBeLessThanOrEqual(41);
    expect(dashboard.time).toEqual({ from: expect.stringMatching(/^now-/), to: 'now' });
  });

  it('panel ids are unique positive integers', () => {
    const ids = dashboard.panels.map((panel) => panel.id);
    for (const id of ids) expect(Number.isInteger(id) && id > 0).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rows are flat (expanded) and every other panel has at least one target with a PromQL expr', () => {
    for (const panel of dashboard.panels.filter((p) => p.type === 'row')) expect(panel.panels ?? []).toEqual([]);
    expect(queryPanels.length).toBeGreaterThanOrEqual(12);
    for (const panel of queryPanels) {
      expect({ title: panel.title, targets: (panel.targets ?? []).length > 0 }).toEqual({ title: panel.title, targets: true });
      for (const target of panel.targets ?? []) {
        expect({ title: panel.title, expr: (target.expr ?? '').trim().length > 0 }).toEqual({ title: panel.title, expr: true });
      }
      const refIds = (panel.targets ?? []).map((t) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
    }
  });

  it('every panel, target and variable uses the provisioned Prometheus datasource uid', () => {
    const uid = prometheusDatasource?.uid;
    for (const panel of queryPanels) {
      expect({ title: panel.title, datasource: panel.datasource }).toEqual({ title: panel.title, datasource: { type: 'prometheus', uid } });
      for (const target of panel.targets ?? []) expect(target.datasource).toEqual({ type: 'prometheus', uid });
    }
    for (const variable of dashboard.templating.list) expect(variable.datasource).toEqual({ type: 'prometheus', uid });
  });

  it('panels sit on the 24-column grid without overlapping', () => {
    const placed = dashboard.panels.map((p) => ({ title: p.title, ...p.gridPos }));
    for (const panel of placed) {
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.w).toBeLessThanOrEqual(24);
      expect(panel.h).toBeGreaterThan(0);
    }
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const a = placed[i];
        const b = placed[j];
        if (!a || !b) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect({ a: a.title, b: b.title, overlap }).toEqual({ a: a.title, b: b.title, overlap: false });
      }
    }
  });

  it.each([
    ['request rate by service', /sum by \(job\) \(rate\(http_request_duration_seconds_count\{/],
    ['p95 latency by service', /histogram_quantile\(0\.95, sum by \(job, le\) \(rate\(http_request_duration_seconds_bucket/],
    [
      'p95 latency by service and route',
      /histogram_quantile\(0\.95, sum by \(job, route, le\) \(rate\(http_request_duration_seconds_bucket/,
    ],
    ['5xx rate', /status_code=~"5\.\."/],
    ['auth attempts by flow and result', /sum by \(flow, result\) \(rate\(auth_attempts_total/],
    ['login failures by reason', /sum by \(reason\) \(increase\(auth_attempts_total\{flow="login",result="failure"\}/],
    ['active sessions', /auth_active_sessions/],
    ['argon2 hash duration p95', /histogram_quantile\(0\.95, sum by \(le\) \(rate\(password_hash_duration_seconds_bucket/],
    ['event consumer lag', /events_consumer_lag/],
    ['outbox pending', /events_outbox_pending/],
    ['event loop lag', /nodejs_eventloop_lag_p99_seconds/],
    ['process memory', /process_resident_memory_bytes/],
  ])('charts %s', (_what, pattern) => {
    expect(allExprs.some((expr) => pattern.test(expr))).toBe(true);
  });

  const promtool = findTool('promtool');
  (promtool ? it : it.skip)('every query parses as PromQL (promtool, Grafana variables substituted)', () => {
    const substitute = (expr: string): string =>
      expr.replaceAll('$__rate_interval', '1m').replaceAll('$service', 'gateway|identity|admin|analytics');
    const rules = queryPanels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        record: `dashboard:panel_${panel.id}:${target.refId.toLowerCase()}`,
        expr: substitute(target.expr ?? ''),
      })),
    );
    const dir = mkdtempSync(join(tmpdir(), 'cbp-grafana-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
      const result = run(promtool ?? '', ['check', 'rules', file]);
      expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({
        status: 0,
        output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
