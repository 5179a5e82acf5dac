import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry };

/** One Prometheus registry per service: default process metrics plus the HTTP request histogram. */
export interface ServiceMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
}

export function createMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** Probes and scrapes, not users' requests: counting them would dilute the latency and error-rate SLOs. */
const UNTIMED_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Express middleware timing every request but health checks, readiness checks and scrapes. The `route` label is
 * the matched route pattern (never the raw URL, which would explode label cardinality with ids and tokens).
 */
export function httpMetricsMiddleware({ httpDuration }: ServiceMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNTIMED_PATHS.has(req.path)) {
      next();
      return;
    }
    const stop = httpDuration.startTimer();
    res.on('finish', () => {
      const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? `${req.baseUrl}${routePath}` : req.baseUrl || 'unmatched';
      stop({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };
}
