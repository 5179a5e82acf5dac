import type { RedisStore } from '@cbp/redis';
import type { ReadinessCheck } from '@cbp/service-kit';

/** The gateway is ready when Redis answers and every subgraph says it is ready. */
export function gatewayReadiness(urls: Record<string, string>, redis: RedisStore): ReadinessCheck[] {
  const subgraphChecks = Object.entries(urls).map(([name, url]) => ({
    name,
    check: async () => {
      const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1500) });
      if (!response.ok) throw new Error(`readyz answered ${response.status}`);
    },
  }));
  return [{ name: 'redis', check: () => redis.ping() }, ...subgraphChecks];
}
