import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';
import { assertSelfOrScope } from '@cbp/service-kit';
import type { UserFilter } from './admin-users.service.js';

/** RBAC and the operator's account operations. Authorization: the SDL directives, then each service again. */
export const adminResolvers: GraphQLResolverMap<IdentityContext> = {
  Query: {
    users: (
      _r: unknown,
      args: { search?: string | null; filter?: UserFilter | null; first?: number | null; after?: string | null },
      ctx: IdentityContext,
    ) => ctx.services.adminUsers.list(ctx.identity, args),
    user: (_r: unknown, args: { id: string }, ctx: IdentityContext) => ctx.services.adminUsers.find(ctx.identity, args.id),
  },
  Mutation: {
    grantRole: (_r: unknown, args: { userId: string; role: string }, ctx: IdentityContext) =>
      ctx.services.rbac.grant({ kind: 'caller', identity: ctx.identity }, args.userId, args.role, ctx.meta),
    revokeRole: (_r: unknown, args: { userId: string; role: string }, ctx: IdentityContext) =>
      ctx.services.rbac.revoke({ kind: 'caller', identity: ctx.identity }, args.userId, args.role, ctx.meta),
    lockUser: (_r: unknown, args: { userId: string; reason: string }, ctx: IdentityContext) =>
      ctx.services.adminUsers.lock(ctx.identity, args.userId, args.reason, ctx.meta),
    unlockUser: (_r: unknown, args: { userId: string }, ctx: IdentityContext) =>
      ctx.services.adminUsers.unlock(ctx.identity, args.userId, ctx.meta),
    revokeUserSessions: (_r: unknown, args: { userId: string }, ctx: IdentityContext) =>
      ctx.services.adminUsers.revokeUserSessions(ctx.identity, args.userId, ctx.meta),
    rotateSigningKey: (_r: unknown, _args: unknown, ctx: IdentityContext) =>
      ctx.services.adminUsers.rotateSigningKey(ctx.identity, ctx.meta),
  },
  User: {
    roles: async (user: { id: string; roles?: string[] }, _args: unknown, ctx: IdentityContext) => {
      assertSelfOrScope(ctx.identity, user.id, 'users:read');
      return user.roles ?? ctx.services.rbac.rolesOf(ctx.identity, user.id);
    },
    locked: async (user: { id: string; locked?: boolean }, _args: unknown, ctx: IdentityContext) => {
      assertSelfOrScope(ctx.identity, user.id, 'users:read');
      return user.locked ?? ctx.services.adminUsers.isLocked(user.id);
    },
  },
};
