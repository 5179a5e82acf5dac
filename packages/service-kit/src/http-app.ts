import express from 'express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError, COMMON_ERRORS, toRestError } from '@cbp/errors';
import { httpLogger } from '@cbp/logging';
import type { Logger } from '@cbp/logging';
import { httpMetricsMiddleware } from '@cbp/metrics';
import type { ServiceMetrics } from '@cbp/metrics';

/** A named dependency check for `/readyz`; throws (or rejects) when the dependency is not usable. */
export type ReadinessCheck = { name: string; check: () => Promise<unknown> };

export interface HttpAppOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  readiness: ReadinessCheck[];
  /** Per-check timeout, so a hung dependency makes `/readyz` fail instead of hang. */
  readinessTimeoutMs?: number;
  /** Express `trust proxy` (default false: `req.ip` is the socket peer). Set only from a configured proxy list. */
  trustProxy?: false | string[];
  /** Middleware run before every route, the built-in ones included (security headers, CORS). */
  before?: RequestHandler[];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Runs every readiness check; `ok` only when all pass. Failure reasons are short and carry no secrets. */
export async function runReadiness(checks: ReadinessCheck[], timeoutMs = 2000): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(Promise.resolve().then(check), timeoutMs);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, `failed: ${(err as Error).message.split('\n')[0]?.slice(0, 120)}`] as const;
      }
    }),
  );
  return { ok: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

/**
 * The HTTP frame every service shares: request logging with request ids, request metrics, `/healthz` (the
 * process is alive), `/readyz` (its dependencies answer) and `/metrics`. Routes are added by the caller;
 * `finishHttpApp` adds the JSON 404 and error handlers last.
 */
export function createHttpApp({
  logger,
  metrics,
  readiness,
  readinessTimeoutMs,
  trustProxy = false,
  before = [],
}: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  for (const handler of before) app.use(handler);
  app.use(httpLogger(logger));
  app.use(httpMetricsMiddleware(metrics));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const result = await runReadiness(readiness, readinessTimeoutMs);
    res.status(result.ok ? 200 : 503).json({ status: result.ok ? 'ready' : 'not ready', checks: result.checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  return app;
}

/** JSON 404 for unknown routes and the shared REST error body for anything thrown; never a stack trace. */
export function finishHttpApp(app: Express, logger: Logger): Express {
  app.use((_req: Request, _res: Response, next: NextFunction) => next(new AppError(COMMON_ERRORS.NOT_FOUND)));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = mapBodyParserError(err);
    const { status, body } = toRestError(mapped);
    const log = (req as Request & { log?: Logger }).log ?? logger;
    if (status >= 500) log.error({ err }, 'request failed');
    else log.info({ code: body.error.code }, 'request refused');
    if (!res.headersSent) res.status(status).json(body);
  });
  return app;
}

/** body-parser errors carry a `type`; turn them into our codes (malformed JSON, too large, wrong charset). */
export function mapBodyParserError(err: unknown): unknown {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed')
    return new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'The request body is not valid JSON.' });
  if (type === 'entity.too.large') return new AppError(COMMON_ERRORS.PAYLOAD_TOO_LARGE);
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new AppError(COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE);
  return err;
}
