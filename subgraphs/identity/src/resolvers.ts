import { mergeResolvers } from '@cbp/service-kit';
import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from './context.js';
import { emailChangeResolvers } from './email-change/email-change.resolvers.js';
import { invitationsResolvers } from './invitations/invitations.resolvers.js';
import { keysResolvers } from './keys/keys.resolvers.js';
import { lockoutResolvers } from './lockout/lockout.resolvers.js';
import { loginResolvers } from './login/login.resolvers.js';
import { mfaResolvers } from './mfa/mfa.resolvers.js';
import { passwordChangeResolvers } from './password-change/password-change.resolvers.js';
import { passwordResetResolvers } from './password-reset/password-reset.resolvers.js';
import { rbacResolvers } from './rbac/rbac.resolvers.js';
import { registrationResolvers } from './registration/registration.resolvers.js';
import { sessionsResolvers } from './sessions/sessions.resolvers.js';
import { usersResolvers } from './users/users.resolvers.js';
import { verificationResolvers } from './verification/verification.resolvers.js';

/** All identity resolvers, merged per type: one entry per domain folder. */
export function identityResolvers(): GraphQLResolverMap<IdentityContext> {
  return mergeResolvers<IdentityContext>(
    usersResolvers,
    sessionsResolvers,
    registrationResolvers,
    verificationResolvers,
    loginResolvers,
    passwordResetResolvers,
    passwordChangeResolvers,
    emailChangeResolvers,
    rbacResolvers,
    lockoutResolvers,
    invitationsResolvers,
    mfaResolvers,
    keysResolvers,
  );
}
