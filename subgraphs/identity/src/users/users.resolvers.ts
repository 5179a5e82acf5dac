import type { Resolvers } from '../generated/graphql.js';

export const usersResolvers: Resolvers = {
  Query: {
    me: (_root, _args, ctx) => ctx.services.users.me(ctx.identity),
    users: (_r, args, ctx) => ctx.services.users.list(ctx.identity, args),
    user: (_r, args, ctx) => ctx.services.users.find(ctx.identity, args.id),
  },
  User: {
    __resolveReference: (ref, ctx) => ctx.services.users.findById(ref.id),
    email: (user, _args, ctx) => ctx.services.users.emailOf(ctx.identity, user),
    emailVerified: (user) => user.emailVerifiedAt !== null,
    createdAt: (user) => user.createdAt.toISOString(),
  },
};
