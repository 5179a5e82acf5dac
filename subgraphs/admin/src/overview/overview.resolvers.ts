import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { AdminContext } from '../context.js';

export const overviewResolvers: GraphQLResolverMap<AdminContext> = {
  Query: {
    adminPing: (_root: unknown, _args: unknown, ctx: AdminContext) => {
      const pong = ctx.services.overview.ping(ctx.identity);
      return { ok: pong.ok, at: pong.at.toISOString() };
    },
    systemOverview: async (_root: unknown, _args: unknown, ctx: AdminContext) => {
      const overview = await ctx.services.overview.overview(ctx.identity);
      return { id: 'system', ...overview, checkedAt: overview.checkedAt.toISOString() };
    },
  },
  SystemOverview: {
    // Only the one overview exists; a reference from another subgraph resolves to a fresh check.
    __resolveReference: async (_ref: { id: string }, ctx: AdminContext) => {
      const overview = await ctx.services.overview.overview(ctx.identity);
      return { id: 'system', ...overview, checkedAt: overview.checkedAt.toISOString() };
    },
  },
};
