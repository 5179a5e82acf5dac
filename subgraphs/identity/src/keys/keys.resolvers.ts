import type { Resolvers } from '../generated/graphql.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Key rotation, and identity's part of the operator's overview (admin owns `SystemOverview`; identity owns the keys). */
export const keysResolvers: Resolvers = {
  Mutation: {
    rotateSigningKey: (_r, _args, ctx) => ctx.services.keys.rotateSigningKey(ctx.identity, ctx.meta),
  },
  SystemOverview: {
    __resolveReference: (ref) => ({ id: ref.id }),
    signingKeys: async (_overview, _args, ctx) =>
      (await ctx.services.keys.keyStatus(ctx.identity)).map((k) => ({
        ...k,
        createdAt: k.createdAt.toISOString(),
        retiredAt: iso(k.retiredAt),
        leavesJwksAt: iso(k.leavesJwksAt),
      })),
  },
};
