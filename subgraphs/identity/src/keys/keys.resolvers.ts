import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Identity's part of the operator's overview (admin owns `SystemOverview`; identity owns the keys). */
export const keysResolvers: GraphQLResolverMap<IdentityContext> = {
  SystemOverview: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    signingKeys: async (_overview: unknown, _args: unknown, ctx: IdentityContext) =>
      (await ctx.services.keys.keyStatus(ctx.identity)).map((k) => ({
        ...k,
        createdAt: iso(k.createdAt),
        retiredAt: iso(k.retiredAt),
        leavesJwksAt: iso(k.leavesJwksAt),
      })),
  },
};
