import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';
import type { User } from './user.entity.js';

export const usersResolvers: GraphQLResolverMap<IdentityContext> = {
  Query: {
    me: (_root: unknown, _args: unknown, ctx: IdentityContext) => ctx.services.users.me(ctx.identity),
  },
  User: {
    __resolveReference: (ref: { id: string }, ctx: IdentityContext) => ctx.services.users.findById(ref.id),
    email: (user: User, _args: unknown, ctx: IdentityContext) => ctx.services.users.emailOf(ctx.identity, user),
    emailVerified: (user: User) => user.emailVerifiedAt !== null,
    createdAt: (user: User) => user.createdAt.toISOString(),
  },
};
