import type { Resolvers } from '../generated/graphql.js';

/** Email verification: the GraphQL faces of the REST verification routes. */
export const verificationResolvers: Resolvers = {
  Mutation: {
    requestEmailVerification: async (_r, args, ctx) => {
      await ctx.services.emailVerification.request(args.email, ctx.meta);
      return true;
    },
    verifyEmail: (_r, args, ctx) => ctx.services.emailVerification.confirm(args.token, ctx.meta),
  },
};
