import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { AnalyticsContext } from './context.js';
import { riskResolvers } from './risk/risk.resolvers.js';
import { statsResolvers } from './stats/stats.resolvers.js';

/** All analytics resolvers, merged per type. */
export function analyticsResolvers(): GraphQLResolverMap<AnalyticsContext> {
  const parts = [statsResolvers, riskResolvers];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts)
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  return merged as GraphQLResolverMap<AnalyticsContext>;
}
