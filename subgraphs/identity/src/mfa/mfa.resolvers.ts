import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';
import type { User } from '../users/user.entity.js';

/** TOTP two-factor: the GraphQL faces of `POST /auth/2fa/setup` and `/auth/2fa/verify`, plus disable and regenerate. */
export const mfaResolvers: GraphQLResolverMap<IdentityContext> = {
  Mutation: {
    setupTotp: (_r: unknown, _a: unknown, ctx: IdentityContext) => ctx.services.mfa.setupTotp(ctx.identity),
    enableTotp: (_r: unknown, args: { code: string }, ctx: IdentityContext) =>
      ctx.services.mfa.enableTotp(ctx.identity, args.code, ctx.meta),
    disableTotp: (_r: unknown, args: { password: string; code: string }, ctx: IdentityContext) =>
      ctx.services.mfa.disableTotp(ctx.identity, args.password, args.code, ctx.meta),
    regenerateRecoveryCodes: (_r: unknown, args: { code: string }, ctx: IdentityContext) =>
      ctx.services.mfa.regenerateRecoveryCodes(ctx.identity, args.code, ctx.meta),
  },
  User: {
    totpEnabled: (user: User, _a: unknown, ctx: IdentityContext) => ctx.services.mfa.isEnabled(ctx.identity, user.id),
  },
};
