import { Counter, Gauge } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';

/** Counters of every auth outcome, for the Grafana dashboards and alert rules. */
export interface AuthMetrics {
  attempt(flow: string, result: 'success' | 'failure', reason: string): void;
}

export function createAuthMetrics(registry: Registry, countActiveSessions: () => Promise<number>): AuthMetrics {
  const attempts = new Counter({
    name: 'auth_attempts_total',
    help: 'Authentication attempts by flow (login, refresh, register, verify_email, password_reset…), result and reason.',
    labelNames: ['flow', 'result', 'reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'auth_active_sessions',
    help: 'Sessions neither revoked nor expired.',
    registers: [registry],
    async collect() {
      this.set(await countActiveSessions());
    },
  });
  return { attempt: (flow, result, reason) => attempts.inc({ flow, result, reason }) };
}
