import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { AnalyticsContext } from '../context.js';

interface RangeArgs {
  from: string;
  to: string;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export const statsResolvers: GraphQLResolverMap<AnalyticsContext> = {
  Query: {
    authStats: async (_root: unknown, args: RangeArgs, ctx: AnalyticsContext) => {
      const stats = await ctx.services.stats.authStats(ctx.identity, args.from, args.to);
      return { ...stats, from: stats.from.toISOString(), to: stats.to.toISOString() };
    },
    signupsByDay: (_root: unknown, args: RangeArgs, ctx: AnalyticsContext) =>
      ctx.services.stats.signupsByDay(ctx.identity, args.from, args.to),
  },
  User: {
    // Analytics does not own users; a reference is all it needs to hang its fields on.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    loginStats: async (user: { id: string }, _args: unknown, ctx: AnalyticsContext) => {
      const counters = await ctx.services.stats.loginStatsOf(ctx.identity, user.id);
      return { ...counters, lastLoginAt: iso(counters.lastLoginAt), lastFailureAt: iso(counters.lastFailureAt) };
    },
  },
};
