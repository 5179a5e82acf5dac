import { describe, it, expect, afterAll } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics, httpMetricsMiddleware } from './metrics.js';

describe('httpMetricsMiddleware', () => {
  const metrics = createMetrics('test');
  const app = express();
  app.use(httpMetricsMiddleware(metrics));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => void res.status(503).json({ status: 'not ready' }));
  app.get('/metrics', (_req, res) => void res.send('# metrics'));
  app.get('/users/:id', (_req, res) => void res.json({}));
  let server: Server;
  const started = new Promise<string>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function counted(): Promise<Record<string, number>> {
    const metric = await metrics.httpDuration.get();
    return Object.fromEntries(
      metric.values
        .filter((v) => v.metricName === 'http_request_duration_seconds_count')
        .map((v) => [`${String(v.labels.route)} ${String(v.labels.status_code)}`, v.value]),
    );
  }

  it('times requests by route pattern and status, but not health checks, readiness checks or scrapes', async () => {
    const base = await started;
    for (const path of ['/healthz', '/readyz', '/metrics', '/users/42', '/users/43']) await (await fetch(`${base}${path}`)).text();
    expect(await counted()).toEqual({ '/users/:id 200': 2 });
  });
});
