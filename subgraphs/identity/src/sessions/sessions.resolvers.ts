import type { Resolvers } from '../generated/graphql.js';

export const sessionsResolvers: Resolvers = {
  Query: {
    mySessions: (_r, _a, ctx) => (ctx.identity.kind === 'user' ? ctx.services.sessions.listOwn(ctx.identity, ctx.identity.userId) : []),
  },
  Mutation: {
    refreshSession: (_r, args, ctx) => ctx.services.sessions.refresh(args.refreshToken, ctx.meta),
    logout: async (_r, _a, ctx) => (await ctx.services.sessions.revokeOwn(ctx.identity, 'current', ctx.meta)) >= 0,
    logoutOthers: (_r, _a, ctx) => ctx.services.sessions.revokeOwn(ctx.identity, 'others', ctx.meta),
    logoutAll: (_r, _a, ctx) => ctx.services.sessions.revokeOwn(ctx.identity, 'all', ctx.meta),
    revokeUserSessions: (_r, args, ctx) => ctx.services.sessions.revokeUserSessions(ctx.identity, args.userId, ctx.meta),
    revokeSession: async (_r, args, ctx) => (await ctx.services.sessions.revokeOwn(ctx.identity, { id: args.id }, ctx.meta)) > 0,
  },
  User: {
    sessions: (user, _a, ctx) => ctx.services.sessions.listOwn(ctx.identity, user.id),
    devices: (user, _a, ctx) => ctx.services.sessions.devicesOf(ctx.identity, user.id),
  },
  Session: {
    createdAt: (s) => s.createdAt.toISOString(),
    lastSeenAt: (s) => s.lastSeenAt.toISOString(),
    expiresAt: (s) => s.expiresAt.toISOString(),
    current: (s, _a, ctx) => ctx.identity.kind === 'user' && ctx.identity.sessionId === s.id,
    device: (s, _a, ctx) => (s.deviceId ? ctx.loaders.device.load(s.deviceId) : null),
  },
  Device: {
    firstSeenAt: (d) => d.firstSeenAt.toISOString(),
    lastSeenAt: (d) => d.lastSeenAt.toISOString(),
  },
};
