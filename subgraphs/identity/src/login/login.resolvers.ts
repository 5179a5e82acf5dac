import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';
import type { LoginInput } from './login.service.js';

/** Registration, verification, login and password reset: the GraphQL faces of the REST auth routes. */
export const authResolvers: GraphQLResolverMap<IdentityContext> = {
  Mutation: {
    register: (_r: unknown, args: { input: { email: string; password: string; inviteCode?: string | null } }, ctx: IdentityContext) =>
      ctx.services.registration.register(args.input, ctx.meta),
    requestEmailVerification: async (_r: unknown, args: { email: string }, ctx: IdentityContext) => {
      await ctx.services.emailVerification.request(args.email, ctx.meta);
      return true;
    },
    verifyEmail: (_r: unknown, args: { token: string }, ctx: IdentityContext) =>
      ctx.services.emailVerification.confirm(args.token, ctx.meta),
    login: (_r: unknown, args: { input: LoginInput }, ctx: IdentityContext) => ctx.services.login.login(args.input, ctx.meta),
    requestPasswordReset: async (_r: unknown, args: { email: string }, ctx: IdentityContext) => {
      await ctx.services.passwordReset.request(args.email, ctx.meta);
      return true;
    },
    resetPassword: async (_r: unknown, args: { token: string; newPassword: string }, ctx: IdentityContext) => {
      await ctx.services.passwordReset.confirm(args.token, args.newPassword, ctx.meta);
      return true;
    },
  },
};
