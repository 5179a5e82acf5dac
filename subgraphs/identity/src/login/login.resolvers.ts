import type { Resolvers } from '../generated/graphql.js';

/** Login: the GraphQL face of the REST login route. */
export const loginResolvers: Resolvers = {
  Mutation: {
    login: (_r, args, ctx) => ctx.services.login.login(args.input, ctx.meta),
  },
};
