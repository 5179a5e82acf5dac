import type { Resolvers } from '../generated/graphql.js';

/** Password reset: the GraphQL faces of the REST password-reset routes. */
export const passwordResetResolvers: Resolvers = {
  Mutation: {
    requestPasswordReset: async (_r, args, ctx) => {
      await ctx.services.passwordReset.request(args.email, ctx.meta);
      return true;
    },
    resetPassword: async (_r, args, ctx) => {
      await ctx.services.passwordReset.confirm(args.token, args.newPassword, ctx.meta);
      return true;
    },
  },
};
