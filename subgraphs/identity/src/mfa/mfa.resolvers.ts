import type { Resolvers } from '../generated/graphql.js';

/** TOTP two-factor: the GraphQL faces of `POST /auth/2fa/setup` and `/auth/2fa/verify`, plus disable and regenerate. */
export const mfaResolvers: Resolvers = {
  Mutation: {
    setupTotp: (_r, args, ctx) => ctx.services.mfa.setupTotp(ctx.identity, args.currentPassword, ctx.meta),
    enableTotp: (_r, args, ctx) => ctx.services.mfa.enableTotp(ctx.identity, args.code, ctx.meta),
    disableTotp: (_r, args, ctx) => ctx.services.mfa.disableTotp(ctx.identity, args.password, args.code, ctx.meta),
    regenerateRecoveryCodes: (_r, args, ctx) => ctx.services.mfa.regenerateRecoveryCodes(ctx.identity, args.currentPassword, ctx.meta),
  },
  User: {
    totpEnabled: (user, _a, ctx) => ctx.services.mfa.isEnabled(ctx.identity, user.id),
  },
};
