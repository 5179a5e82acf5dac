import type { Resolvers } from '../generated/graphql.js';

/** Registration: the GraphQL face of the REST register route. */
export const registrationResolvers: Resolvers = {
  Mutation: {
    register: (_r, args, ctx) => ctx.services.registration.register(args.input, ctx.meta),
  },
};
