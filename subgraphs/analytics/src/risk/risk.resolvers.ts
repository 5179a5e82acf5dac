import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { AnalyticsContext } from '../context.js';
import type { ScoredLogin } from './login-risk.repository.js';

export const riskResolvers: GraphQLResolverMap<AnalyticsContext> = {
  User: {
    riskEvents: async (user: { id: string }, args: { first: number }, ctx: AnalyticsContext) => {
      const scored = await ctx.services.risk.riskEventsOf(ctx.identity, user.id, args.first);
      return scored.map((s: ScoredLogin) => ({
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
