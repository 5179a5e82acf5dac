import type { GraphQLResolverMap } from '@cbp/service-kit';
import { adminResolvers } from './admin-users/admin.resolvers.js';
import type { IdentityContext } from './context.js';
import { keysResolvers } from './keys/keys.resolvers.js';
import { invitationsResolvers } from './invitations/invitations.resolvers.js';
import { authResolvers } from './login/auth.resolvers.js';
import { mfaResolvers } from './mfa/mfa.resolvers.js';
import { sessionsResolvers } from './sessions/sessions.resolvers.js';
import { usersResolvers } from './users/users.resolvers.js';

/** All identity resolvers, merged per type. */
export function identityResolvers(): GraphQLResolverMap<IdentityContext> {
  const parts = [usersResolvers, sessionsResolvers, authResolvers, adminResolvers, invitationsResolvers, mfaResolvers, keysResolvers];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts)
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  return merged as GraphQLResolverMap<IdentityContext>;
}
