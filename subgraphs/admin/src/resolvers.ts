import { mergeResolvers } from '@cbp/service-kit';
import type { GraphQLResolverMap } from '@cbp/service-kit';
import { auditResolvers } from './audit/audit.resolvers.js';
import type { AdminContext } from './context.js';
import { overviewResolvers } from './overview/overview.resolvers.js';

/** All admin resolvers, merged per type. */
export function adminResolvers(): GraphQLResolverMap<AdminContext> {
  return mergeResolvers<AdminContext>(auditResolvers, overviewResolvers);
}
