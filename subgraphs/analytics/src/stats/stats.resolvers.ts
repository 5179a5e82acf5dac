import type { Resolvers } from '../generated/graphql.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export const statsResolvers: Resolvers = {
  Query: {
    authStats: async (_root, args, ctx) => {
      const stats = await ctx.services.stats.authStats(ctx.identity, args.from, args.to);
      return { ...stats, from: stats.from.toISOString(), to: stats.to.toISOString() };
    },
    signupsByDay: (_root, args, ctx) => ctx.services.stats.signupsByDay(ctx.identity, args.from, args.to),
  },
  User: {
    // Analytics does not own users; a reference is all it needs to hang its fields on.
    __resolveReference: (ref) => ({ id: ref.id }),
    loginStats: async (user, _args, ctx) => {
      const counters = await ctx.services.stats.loginStatsOf(ctx.identity, user.id);
      return { ...counters, lastLoginAt: iso(counters.lastLoginAt), lastFailureAt: iso(counters.lastFailureAt) };
    },
  },
};
