import type { GraphQLResolverMap } from '@cbp/service-kit';
import { auditResolvers } from './audit/audit.resolvers.js';
import type { AdminContext } from './context.js';
import { overviewResolvers } from './overview/overview.resolvers.js';

/** All admin resolvers, merged per type. */
export function adminResolvers(): GraphQLResolverMap<AdminContext> {
  const parts = [auditResolvers, overviewResolvers];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts)
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  return merged as GraphQLResolverMap<AdminContext>;
}
