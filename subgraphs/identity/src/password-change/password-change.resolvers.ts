import type { Resolvers } from '../generated/graphql.js';

/** Password change of the signed-in user: the GraphQL face of `POST /auth/password/change`. */
export const passwordChangeResolvers: Resolvers = {
  Mutation: {
    changePassword: async (_r, args, ctx) => {
      await ctx.services.passwordChange.change(ctx.identity, args.currentPassword, args.newPassword, ctx.meta);
      return true;
    },
  },
};
