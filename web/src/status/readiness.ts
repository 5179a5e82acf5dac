import { UNREACHABLE_MESSAGE, friendlyHttpMessage } from '../ui/friendly-error';

/** The gateway's readiness route (proxied by the Vite dev server; see web/proxy.ts). */
export const READINESS_PATH = '/readyz';
/** A readiness answer slower than this counts as unreachable. */
export const READINESS_TIMEOUT_MS = 8000;

export type CheckState = 'ok' | 'failed' | 'unknown';

export interface CheckResult {
  name: string;
  label: string;
  state: CheckState;
}

/** The parts the gateway checks, in the order the page shows them; other checks it reports follow. */
export const KNOWN_CHECKS: ReadonlyArray<{ name: string; label: string }> = [
  { name: 'identity', label: 'Identity service' },
  { name: 'admin', label: 'Admin service' },
  { name: 'analytics', label: 'Analytics service' },
  { name: 'redis', label: 'Redis' },
];

export type ReadinessResult =
  | { kind: 'answered'; ready: boolean; checks: CheckResult[]; checkedAt: Date }
  | { kind: 'unavailable'; message: string; checks: CheckResult[]; checkedAt: Date };

function unknownChecks(): CheckResult[] {
  return KNOWN_CHECKS.map(({ name, label }) => ({ name, label, state: 'unknown' }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the gateway's `/readyz` body, `{status: 'ready' | 'not ready', checks: {name: 'ok' | 'failed: …'}}`.
 * Returns null when the body is not of that shape. The failure reasons are not kept: the page says "failed".
 */
export function parseReadiness(body: unknown): { ready: boolean; checks: CheckResult[] } | null {
  if (!isRecord(body) || !isRecord(body.checks)) return null;
  const reported = body.checks;
  const stateOf = (value: unknown): CheckState => (value === 'ok' ? 'ok' : value === undefined ? 'unknown' : 'failed');
  const checks: CheckResult[] = KNOWN_CHECKS.map(({ name, label }) => ({ name, label, state: stateOf(reported[name]) }));
  for (const [name, value] of Object.entries(reported)) {
    if (!KNOWN_CHECKS.some((known) => known.name === name)) checks.push({ name, label: name, state: stateOf(value) });
  }
  const ready = body.status === 'ready' && checks.every((check) => check.state === 'ok');
  return { ready, checks };
}

/**
 * Asks the gateway whether the platform is ready. Never throws: a network failure, a timeout, an answer
 * without the readiness body (nginx does not publish `/readyz`, a proxy answers 502 …) all become
 * `unavailable` with a sentence for a person.
 */
export async function fetchReadiness(signal?: AbortSignal): Promise<ReadinessResult> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort, { once: true });
  const timer = setTimeout(abort, READINESS_TIMEOUT_MS);
  const unavailable = (message: string): ReadinessResult => ({
    kind: 'unavailable',
    message,
    checks: unknownChecks(),
    checkedAt: new Date(),
  });
  try {
    let response: Response;
    try {
      response = await fetch(READINESS_PATH, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch {
      return unavailable(UNREACHABLE_MESSAGE);
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    const parsed = parseReadiness(body);
    if (parsed === null) {
      return unavailable(
        response.ok ? 'The platform answered in a way this page does not understand.' : friendlyHttpMessage(response.status),
      );
    }
    return { kind: 'answered', ready: parsed.ready, checks: parsed.checks, checkedAt: new Date() };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
}
