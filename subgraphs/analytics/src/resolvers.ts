import { mergeResolvers } from '@cbp/service-kit';
import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { AnalyticsContext } from './context.js';
import { riskResolvers } from './risk/risk.resolvers.js';
import { statsResolvers } from './stats/stats.resolvers.js';

/** All analytics resolvers, merged per type. */
export function analyticsResolvers(): GraphQLResolverMap<AnalyticsContext> {
  return mergeResolvers<AnalyticsContext>(statsResolvers, riskResolvers);
}
