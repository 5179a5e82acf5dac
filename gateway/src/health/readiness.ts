import type { RedisStore } from '@cbp/redis';
import type { ReadinessCheck } from '@cbp/service-kit';

async function replicaReady(url: string): Promise<void> {
  const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1500) });
  if (!response.ok) throw new Error(`readyz answered ${response.status}`);
}

/**
 * The gateway is ready when Redis answers and every subgraph says it is ready; a subgraph with replicas is ready
 * when one of them is (the data source skips the others).
 */
export function gatewayReadiness(urls: Record<string, readonly string[]>, redis: RedisStore): ReadinessCheck[] {
  const subgraphChecks = Object.entries(urls).map(([name, replicas]) => ({
    name,
    check: async () => {
      if (replicas.length === 1) return replicaReady(replicas[0]!);
      await Promise.any(replicas.map(replicaReady)).catch(() => {
        throw new Error(`none of ${replicas.length} replicas is ready`);
      });
    },
  }));
  return [{ name: 'redis', check: () => redis.ping() }, ...subgraphChecks];
}
