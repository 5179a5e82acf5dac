import type { GraphQLResolverMap } from '@cbp/service-kit';
import type { IdentityContext } from '../context.js';
import type { User } from '../users/user.entity.js';
import type { Device, Session } from './session.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const sessionsResolvers: GraphQLResolverMap<IdentityContext> = {
  Query: {
    mySessions: (_r: unknown, _a: unknown, ctx: IdentityContext) =>
      ctx.identity.kind === 'user' ? ctx.services.sessions.listOwn(ctx.identity, ctx.identity.userId) : [],
  },
  Mutation: {
    refreshSession: (_r: unknown, args: { refreshToken: string }, ctx: IdentityContext) =>
      ctx.services.sessions.refresh(args.refreshToken, ctx.meta),
    logout: async (_r: unknown, _a: unknown, ctx: IdentityContext) =>
      (await ctx.services.sessions.revokeOwn(ctx.identity, 'current', ctx.meta)) >= 0,
    logoutOthers: (_r: unknown, _a: unknown, ctx: IdentityContext) => ctx.services.sessions.revokeOwn(ctx.identity, 'others', ctx.meta),
    logoutAll: (_r: unknown, _a: unknown, ctx: IdentityContext) => ctx.services.sessions.revokeOwn(ctx.identity, 'all', ctx.meta),
    revokeSession: async (_r: unknown, args: { id: string }, ctx: IdentityContext) =>
      (await ctx.services.sessions.revokeOwn(ctx.identity, { id: args.id }, ctx.meta)) > 0,
  },
  User: {
    sessions: (user: User, _a: unknown, ctx: IdentityContext) => ctx.services.sessions.listOwn(ctx.identity, user.id),
    devices: (user: User, _a: unknown, ctx: IdentityContext) => ctx.services.sessions.devicesOf(ctx.identity, user.id),
  },
  Session: {
    createdAt: (s: Session) => iso(s.createdAt),
    lastSeenAt: (s: Session) => iso(s.lastSeenAt),
    expiresAt: (s: Session) => iso(s.expiresAt),
    current: (s: Session, _a: unknown, ctx: IdentityContext) => ctx.identity.kind === 'user' && ctx.identity.sessionId === s.id,
    device: (s: Session, _a: unknown, ctx: IdentityContext) => (s.deviceId ? ctx.loaders.device.load(s.deviceId) : null),
  },
  Device: {
    firstSeenAt: (d: Device) => iso(d.firstSeenAt),
    lastSeenAt: (d: Device) => iso(d.lastSeenAt),
  },
};
