import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';
import type { InvitationView } from './invitation.service.js';

export const invitationsResolvers: GraphQLResolverMap<IdentityContext> = {
  Query: {
    invitations: (_r: unknown, args: { all?: boolean | null; first?: number | null }, ctx: IdentityContext) =>
      ctx.services.invitations.list(ctx.identity, args),
  },
  Mutation: {
    createInvitation: (_r: unknown, args: { email?: string | null; expiresInHours?: number | null }, ctx: IdentityContext) =>
      ctx.services.invitations.create(ctx.identity, args, ctx.meta),
  },
  Invitation: {
    email: (i: InvitationView) => i.emailNormalized,
    createdAt: (i: InvitationView) => i.createdAt.toISOString(),
    expiresAt: (i: InvitationView) => i.expiresAt.toISOString(),
    acceptedAt: (i: InvitationView) => i.acceptedAt?.toISOString() ?? null,
    invitedBy: (i: InvitationView, _a: unknown, ctx: IdentityContext) => ctx.services.users.findById(i.inviterId),
    acceptedBy: (i: InvitationView, _a: unknown, ctx: IdentityContext) => (i.acceptedBy ? ctx.services.users.findById(i.acceptedBy) : null),
  },
};
