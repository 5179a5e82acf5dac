import { SCOPES } from '@cbp/contracts';
import { assertSelfOrScope } from '@cbp/service-kit';
import type { Resolvers } from '../generated/graphql.js';

/** Granting and revoking roles, and a user's roles. Authorization: the SDL directives, then the service again. */
export const rbacResolvers: Resolvers = {
  Mutation: {
    grantRole: (_r, args, ctx) => ctx.services.rbac.grant({ kind: 'caller', identity: ctx.identity }, args.userId, args.role, ctx.meta),
    revokeRole: (_r, args, ctx) => ctx.services.rbac.revoke({ kind: 'caller', identity: ctx.identity }, args.userId, args.role, ctx.meta),
  },
  User: {
    roles: async (user, _args, ctx) => {
      assertSelfOrScope(ctx.identity, user.id, SCOPES.USERS_READ);
      return 'roles' in user ? user.roles : ctx.services.rbac.rolesOf(ctx.identity, user.id);
    },
  },
};
