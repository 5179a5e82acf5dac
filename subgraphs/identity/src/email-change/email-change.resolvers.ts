import type { Resolvers } from '../generated/graphql.js';

/** Email change of the signed-in user: the GraphQL faces of `POST /auth/email/change/request` and `/confirm`. */
export const emailChangeResolvers: Resolvers = {
  Mutation: {
    requestEmailChange: async (_r, args, ctx) => {
      await ctx.services.emailChange.request(ctx.identity, args.currentPassword, args.newEmail, ctx.meta);
      return true;
    },
    confirmEmailChange: (_r, args, ctx) => ctx.services.emailChange.confirm(args.token, ctx.meta),
  },
};
