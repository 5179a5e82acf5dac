import type { Resolvers } from '../generated/graphql.js';

export const invitationsResolvers: Resolvers = {
  Query: {
    invitations: (_r, args, ctx) => ctx.services.invitations.list(ctx.identity, args),
  },
  Mutation: {
    createInvitation: (_r, args, ctx) => ctx.services.invitations.create(ctx.identity, args, ctx.meta),
  },
  Invitation: {
    email: (i) => i.emailNormalized,
    createdAt: (i) => i.createdAt.toISOString(),
    expiresAt: (i) => i.expiresAt.toISOString(),
    acceptedAt: (i) => i.acceptedAt?.toISOString() ?? null,
    invitedBy: async (i, _a, ctx) => {
      const inviter = await ctx.services.users.findById(i.inviterId);
      // invitedBy is non-null and accounts are never deleted: a missing inviter is a broken row, not an answer.
      if (!inviter) throw new Error(`invitation ${i.id}: inviter ${i.inviterId} not found`);
      return inviter;
    },
    acceptedBy: (i, _a, ctx) => (i.acceptedBy ? ctx.services.users.findById(i.acceptedBy) : null),
  },
};
