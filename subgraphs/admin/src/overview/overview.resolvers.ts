import type { Resolvers } from '../generated/graphql.js';

export const overviewResolvers: Resolvers = {
  Query: {
    adminPing: (_root, _args, ctx) => {
      const pong = ctx.services.overview.ping(ctx.identity);
      return { ok: pong.ok, at: pong.at.toISOString() };
    },
    systemOverview: async (_root, _args, ctx) => {
      const overview = await ctx.services.overview.overview(ctx.identity);
      return { id: 'system', ...overview, checkedAt: overview.checkedAt.toISOString() };
    },
  },
  SystemOverview: {
    // Only the one overview exists; a reference from another subgraph resolves to a fresh check.
    __resolveReference: async (_ref, ctx) => {
      const overview = await ctx.services.overview.overview(ctx.identity);
      return { id: 'system', ...overview, checkedAt: overview.checkedAt.toISOString() };
    },
  },
};
