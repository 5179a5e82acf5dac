import { SCOPES } from '@cbp/contracts';
import { assertSelfOrScope } from '@cbp/service-kit';
import type { Resolvers } from '../generated/graphql.js';

/** The operator's lock and whether an account is locked. Authorization: the SDL directives, then the service again. */
export const lockoutResolvers: Resolvers = {
  Mutation: {
    lockUser: (_r, args, ctx) => ctx.services.lockout.lock(ctx.identity, args.userId, args.reason, ctx.meta),
    unlockUser: (_r, args, ctx) => ctx.services.lockout.unlock(ctx.identity, args.userId, ctx.meta),
  },
  User: {
    locked: async (user, _args, ctx) => {
      assertSelfOrScope(ctx.identity, user.id, SCOPES.USERS_READ);
      return 'locked' in user ? user.locked : ctx.services.lockout.isLocked(user.id);
    },
  },
};
