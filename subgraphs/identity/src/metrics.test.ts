import { describe, expect, it } from '@jest/globals';
import { Registry } from '@cbp/metrics';
import { createAuthMetrics, registerSigningKeyAge } from './metrics.js';

/** The registry's text exposition, without comments: what Prometheus scrapes. */
async function scrape(registry: Registry): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((line) => line && !line.startsWith('#'));
}

describe('identity metrics', () => {
  it('auth_lockouts_total counts new lockouts by kind', async () => {
    const registry = new Registry();
    const metrics = createAuthMetrics(registry, async () => 0);
    metrics.lockout('temporary');
    metrics.lockout('temporary');
    metrics.lockout('permanent');
    metrics.attempt('login', 'failure', 'ACCOUNT_LOCKED');
    const lines = await scrape(registry);
    expect(lines).toContain('auth_lockouts_total{kind="temporary"} 2');
    expect(lines).toContain('auth_lockouts_total{kind="permanent"} 1');
  });

  it('signing_key_current_age_seconds is the current key age at scrape time; a failed read keeps the last value', async () => {
    const registry = new Registry();
    let now = new Date('2026-01-31T00:00:00Z');
    let current: () => Promise<{ createdAt: Date } | null> = async () => ({ createdAt: new Date('2026-01-01T00:00:00Z') });
    registerSigningKeyAge(
      registry,
      () => current(),
      () => now,
    );
    expect(await scrape(registry)).toContain(`signing_key_current_age_seconds ${30 * 86400}`);
    now = new Date('2026-02-01T00:00:00Z');
    expect(await scrape(registry)).toContain(`signing_key_current_age_seconds ${31 * 86400}`);
    current = () => Promise.reject(new Error('database down'));
    expect(await scrape(registry)).toContain(`signing_key_current_age_seconds ${31 * 86400}`);
    current = async () => null;
    expect(await scrape(registry)).toContain('signing_key_current_age_seconds 0');
  });
});
