import { Counter, Gauge } from '@cbp/metrics';
import type { Registry } from '@cbp/metrics';

/** Counters of every auth outcome, for the Grafana dashboards and alert rules. */
export interface AuthMetrics {
  attempt(flow: string, result: 'success' | 'failure', reason: string): void;
  /** An account was just locked by failed attempts (once per lock, not per refused attempt while locked). */
  lockout(kind: 'temporary' | 'permanent'): void;
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
  const lockouts = new Counter({
    name: 'auth_lockouts_total',
    help: 'Accounts locked by consecutive failed sign-in attempts, by kind (temporary or permanent).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  return {
    attempt: (flow, result, reason) => attempts.inc({ flow, result, reason }),
    lockout: (kind) => lockouts.inc({ kind }),
  };
}

/**
 * `signing_key_current_age_seconds`: how long the key signing new access tokens has been in use, read from the key
 * store at each scrape (the SigningKeyTooOld alert asks for a rotation after 31 days). A failed read keeps the last
 * value rather than failing the whole scrape.
 */
export function registerSigningKeyAge(registry: Registry, findCurrent: () => Promise<{ createdAt: Date } | null>, clock: () => Date): void {
  new Gauge({
    name: 'signing_key_current_age_seconds',
    help: 'Age in seconds of the current signing key (the one that signs new access tokens).',
    registers: [registry],
    async collect() {
      const current = await findCurrent().catch(() => undefined);
      if (current === undefined) return;
      this.set(current ? Math.max(0, (clock().getTime() - current.createdAt.getTime()) / 1000) : 0);
    },
  });
}
