import type { Resolvers } from '../generated/graphql.js';

export const riskResolvers: Resolvers = {
  User: {
    riskEvents: async (user, args, ctx) => {
      const scored = await ctx.services.risk.riskEventsOf(ctx.identity, user.id, args.first);
      return scored.map((s) => ({
        eventId: s.eventId,
        occurredAt: s.occurredAt.toISOString(),
        score: s.score,
        reasons: s.reasons,
        ip: s.ip,
        userAgent: s.userAgent,
      }));
    },
  },
};
