import { randomUUID } from 'node:crypto';
import { SCOPES } from '@cbp/contracts';
import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import { assertScope, assertSelfOrScope, dependencyCall } from '@cbp/service-kit';
import type { RequestIdentity, RequestMeta, SessionCache } from '@cbp/service-kit';
import type { AccessTokenSigner } from '../keys/access-token-signer.js';
import type { AuthMetrics } from '../metrics.js';
import { assertUserIdShape } from '../rbac/rbac.service.js';
import { newCompositeToken, parseCompositeToken, secretMatches, sha256Hex } from '../tokens/secret-token.js';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { Device, RefreshToken, Session } from './session.entity.js';
import type { SessionSelection } from './session.repository.js';

/** What a successful login or refresh hands back (docs/design.md §8 (REST contract)). */
export interface AuthTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
}

export interface SessionServiceDeps {
  transact: Transact<Pick<Repositories, 'users' | 'sessions' | 'lockout' | 'events'>>;
  cache: Pick<SessionCache, 'putActive' | 'putRevoked'>;
  signer: Pick<AccessTokenSigner, 'signAccessToken'>;
  clock: () => Date;
  metrics: AuthMetrics;
  sessionTtlSeconds: number;
  accessTokenTtlSeconds: number;
  /** REFRESH_REUSE_GRACE_SECONDS: how long a rotated token's one grace reuse stays possible (0: never). */
  refreshReuseGraceSeconds: number;
  /** Roles and scopes of a user now (RBAC); read when a session starts and on every refresh. */
  grantsOf: (userId: string) => Promise<{ roles: string[]; scopes: string[] }>;
  onEventsRecorded: () => void;
}

/** A device as the fingerprint the client sent, or its user agent when it sent none. */
export function fingerprintHashOf(deviceFingerprint: string | null | undefined, userAgent: string | null): string {
  const basis = deviceFingerprint?.trim() ? `fp:${deviceFingerprint.trim().slice(0, 512)}` : `ua:${userAgent ?? ''}`;
  return sha256Hex(basis);
}

/**
 * Sessions: start (after a successful login), refresh with rotation and reuse detection, list, revoke.
 * Sessions last 30 days from login (absolute); refreshing does not extend them.
 */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /** Starts a session inside the caller's transaction; returns what to finish after commit. */
  async startInTransaction(
    tx: Pick<Repositories, 'sessions' | 'events'>,
    input: { userId: string; amr: string[]; deviceFingerprint?: string | null; meta: RequestMeta },
  ): Promise<{ session: Session; refreshToken: string; newDevice: Device | null }> {
    const now = this.deps.clock();
    const fingerprintHash = fingerprintHashOf(input.deviceFingerprint, input.meta.userAgent);
    let device = await tx.sessions.findDevice(input.userId, fingerprintHash);
    let newDevice: Device | null = null;
    if (device) {
      device.lastSeenAt = now;
      device.lastIp = input.meta.ip;
      device.userAgent = input.meta.userAgent;
    } else {
      // The very first device of an account is where it signed up; only later ones are news to the user.
      const known = await tx.sessions.countDevices(input.userId);
      device = {
        id: randomUUID(),
        userId: input.userId,
        fingerprintHash,
        userAgent: input.meta.userAgent,
        firstSeenAt: now,
        lastSeenAt: now,
        lastIp: input.meta.ip,
      };
      tx.sessions.createDevice(device);
      if (known > 0) newDevice = device;
    }
    const session: Session = {
      id: randomUUID(),
      userId: input.userId,
      deviceId: device.id,
      amr: input.amr,
      ip: input.meta.ip,
      userAgent: input.meta.userAgent,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.deps.sessionTtlSeconds * 1000),
      revokedAt: null,
      revokeReason: null,
    };
    tx.sessions.createSession(session);
    const refresh = newCompositeToken();
    tx.sessions.createRefreshToken({
      id: refresh.id,
      sessionId: session.id,
      secretHash: refresh.secretHash,
      createdAt: now,
      expiresAt: session.expiresAt,
      rotatedAt: null,
      replacedById: null,
      graceUsedAt: null,
    });
    if (newDevice) {
      tx.events.record({
        type: EVENT_TYPES.LOGIN_NEW_DEVICE,
        actorId: input.userId,
        subjectId: input.userId,
        meta: input.meta,
        data: { deviceId: device.id, sessionId: session.id },
      });
    }
    return { session, refreshToken: refresh.token, newDevice };
  }

  /** After commit: cache the session and sign its first access token. */
  async issueTokens(session: Session, refreshToken: string): Promise<AuthTokens> {
    const grants = await this.deps.grantsOf(session.userId);
    // Redis unreachable: 503 SERVICE_UNAVAILABLE, not a 500 (docs/design.md §10 (Errors)). A refresh retried within
    // the refresh grace still gets its pair.
    await dependencyCall(() =>
      this.deps.cache.putActive({
        sessionId: session.id,
        userId: session.userId,
        expiresAt: session.expiresAt.getTime(),
        revoked: false,
        amr: session.amr,
        ...grants,
      }),
    );
    const { token, expiresIn } = await this.deps.signer.signAccessToken({
      sub: session.userId,
      sid: session.id,
      roles: grants.roles,
      amr: session.amr,
    });
    return { accessToken: token, tokenType: 'Bearer', expiresIn, refreshToken, sessionId: session.id };
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it leaked (or was replayed): the
   * whole session is revoked (docs/design.md §5 (Authentication model)), except for the refresh grace: within
   * REFRESH_REUSE_GRACE_SECONDS of its rotation, a token whose successor was never used is accepted once more (the
   * client lost the response) and the successor dies. Every failure is the same INVALID_TOKEN (401).
   */
  async refresh(rawToken: unknown, meta: RequestMeta): Promise<AuthTokens> {
    const invalid = () => new AppError(AUTH_ERRORS.INVALID_TOKEN, { status: 401 });
    const parsed = parseCompositeToken(rawToken);
    if (!parsed) {
      this.deps.metrics.attempt('refresh', 'failure', 'MALFORMED');
      throw invalid();
    }
    const now = this.deps.clock();
    const outcome = await this.deps.transact(async (tx) => {
      const found = await tx.sessions.findRefreshTokenForUpdate(parsed.id);
      if (!found || !secretMatches(parsed.secret, found.token.secretHash)) return { kind: 'invalid' as const, reason: 'UNKNOWN' };
      const { token, session } = found;
      if (session.revokedAt !== null || session.expiresAt <= now || token.expiresAt <= now)
        return { kind: 'invalid' as const, reason: 'SESSION_ENDED' };
      // An operator's lock ends the account's sessions; until that revocation commits, refuse them here as well.
      if ((await tx.lockout.adminLockOf(session.userId)) !== null) return { kind: 'invalid' as const, reason: 'ACCOUNT_LOCKED' };
      if (token.rotatedAt !== null) {
        const successor = await this.graceSuccessor(tx, token, now);
        if (successor) {
          // The pair the lost response carried dies: its refresh token can never be used, nor graced itself.
          successor.rotatedAt = now;
          token.graceUsedAt = now;
          session.lastSeenAt = now;
          const next = this.rotate(tx, token, session, now);
          tx.events.record({
            type: EVENT_TYPES.SESSION_REFRESHED,
            actorId: session.userId,
            subjectId: session.userId,
            meta,
            data: { sessionId: session.id, grace: true },
          });
          return { kind: 'rotated' as const, session, refreshToken: next };
        }
        session.revokedAt = now;
        session.revokeReason = 'refresh_token_reuse';
        tx.events.record({
          type: EVENT_TYPES.REFRESH_REUSE_DETECTED,
          actorId: session.userId,
          subjectId: session.userId,
          meta,
          data: { sessionId: session.id },
        });
        return { kind: 'reuse' as const, session };
      }
      token.rotatedAt = now;
      session.lastSeenAt = now;
      const next = this.rotate(tx, token, session, now);
      tx.events.record({
        type: EVENT_TYPES.SESSION_REFRESHED,
        actorId: session.userId,
        subjectId: session.userId,
        meta,
        data: { sessionId: session.id },
      });
      return { kind: 'rotated' as const, session, refreshToken: next };
    });
    this.deps.onEventsRecorded();
    if (outcome.kind === 'invalid') {
      this.deps.metrics.attempt('refresh', 'failure', outcome.reason);
      throw invalid();
    }
    if (outcome.kind === 'reuse') {
      this.deps.metrics.attempt('refresh', 'failure', 'REUSE_DETECTED');
      await dependencyCall(() =>
        this.deps.cache.putRevoked([outcome.session.id], outcome.session.userId, this.deps.accessTokenTtlSeconds * 1000),
      );
      throw invalid();
    }
    this.deps.metrics.attempt('refresh', 'success', 'OK');
    return this.issueTokens(outcome.session, outcome.refreshToken);
  }

  /** Issues the token that replaces `token` (already marked rotated) and links it; returns the raw new token. */
  private rotate(tx: Pick<Repositories, 'sessions'>, token: RefreshToken, session: Session, now: Date): string {
    const next = newCompositeToken();
    tx.sessions.createRefreshToken({
      id: next.id,
      sessionId: session.id,
      secretHash: next.secretHash,
      createdAt: now,
      expiresAt: session.expiresAt,
      rotatedAt: null,
      replacedById: null,
      graceUsedAt: null,
    });
    token.replacedById = next.id;
    return next.token;
  }

  /**
   * The successor a rotated token may still be swapped for: only the immediate predecessor of the newest token
   * (its successor never used), only once, only within the grace window; otherwise null (a reuse).
   */
  private async graceSuccessor(tx: Pick<Repositories, 'sessions'>, token: RefreshToken, now: Date): Promise<RefreshToken | null> {
    const graceMs = this.deps.refreshReuseGraceSeconds * 1000;
    if (graceMs <= 0 || token.graceUsedAt !== null || token.replacedById === null || token.rotatedAt === null) return null;
    if (now.getTime() - token.rotatedAt.getTime() > graceMs) return null;
    const successor = await tx.sessions.findRefreshTokenForUpdate(token.replacedById);
    return successor && successor.token.rotatedAt === null ? successor.token : null;
  }

  /**
   * Ends sessions of the caller: the current one, one by id, every other one, or all. Returns how many were revoked
   * (0 for 'others' when the caller has no other session). @throws UNAUTHENTICATED; NOT_FOUND for an id that is not
   * one of the caller's unrevoked sessions.
   */
  async revokeOwn(identity: RequestIdentity, which: 'current' | 'others' | 'all' | { id: string }, meta: RequestMeta): Promise<number> {
    if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    const selection: SessionSelection | undefined =
      which === 'current'
        ? { ids: [identity.sessionId] }
        : which === 'others'
          ? { exceptId: identity.sessionId }
          : which === 'all'
            ? undefined
            : { ids: [which.id] };
    const reason =
      which === 'current' ? 'logout' : which === 'others' ? 'logout_others' : which === 'all' ? 'logout_all' : 'revoked_by_user';
    const revoked = await this.revokeSessions(identity.userId, reason, identity.userId, meta, selection);
    // Another user's session id (or a made-up one) is indistinguishable from one that does not exist (no IDOR).
    if (typeof which === 'object' && revoked === 0) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such session.' });
    return revoked;
  }

  /**
   * Revokes sessions of `userId` (all unrevoked ones when `which` is omitted), records it, and tombstones the cache.
   * The sessions are chosen and revoked in one transaction, their rows locked FOR UPDATE: a concurrent refresh of
   * one of them waits for the commit and then finds it revoked.
   */
  async revokeSessions(
    userId: string,
    reason: string,
    actorId: string | null,
    meta: RequestMeta,
    which?: SessionSelection,
  ): Promise<number> {
    const revoked = await this.deps.transact((tx) => this.revokeInTransaction(tx, { userId, reason, actorId, meta, which }));
    await this.afterRevoke(revoked, userId);
    return revoked.length;
  }

  /**
   * Revokes and records inside the caller's transaction (which may hold other changes that must commit with it: a
   * factor change, an operator's lock); returns the ids. Call {@link afterRevoke} with them after the commit.
   */
  async revokeInTransaction(
    tx: Pick<Repositories, 'sessions' | 'events'>,
    input: { userId: string; reason: string; actorId: string | null; meta: RequestMeta; which?: SessionSelection | undefined },
  ): Promise<string[]> {
    const { userId, reason, actorId, meta, which } = input;
    const done = await tx.sessions.revoke(userId, reason, this.deps.clock(), which);
    if (done.length > 0) {
      tx.events.record(
        done.length === 1 && which && 'ids' in which
          ? { type: EVENT_TYPES.SESSION_REVOKED, actorId, subjectId: userId, meta, data: { sessionId: done[0], reason } }
          : { type: EVENT_TYPES.SESSIONS_REVOKED, actorId, subjectId: userId, meta, data: { count: done.length, reason } },
      );
    }
    return done;
  }

  /** After the commit of a revocation: wakes the relay and tombstones the cache. */
  async afterRevoke(revoked: readonly string[], userId: string): Promise<void> {
    if (revoked.length === 0) return;
    this.deps.onEventsRecorded();
    // Tombstones: the gateway refuses these sessions' access tokens on the very next request, not at expiry.
    await dependencyCall(() => this.deps.cache.putRevoked(revoked, userId, this.deps.accessTokenTtlSeconds * 1000));
  }

  /** An operator ends every active session of a user; returns how many. @throws FORBIDDEN (sessions:revoke), NOT_FOUND. */
  async revokeUserSessions(identity: RequestIdentity, userId: string, meta: RequestMeta): Promise<number> {
    assertScope(identity, SCOPES.SESSIONS_REVOKE);
    assertUserIdShape(userId);
    const user = await this.deps.transact((tx) => tx.users.findSummaryForUpdate(userId));
    if (!user) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
    return this.revokeSessions(userId, 'revoked_by_admin', identity.userId, meta);
  }

  async listOwn(identity: RequestIdentity, userId: string): Promise<Session[]> {
    assertSelfOrScope(identity, userId, SCOPES.SESSIONS_READ);
    return this.deps.transact((tx) => tx.sessions.listActive(userId, this.deps.clock()));
  }

  async devicesOf(identity: RequestIdentity, userId: string): Promise<Device[]> {
    assertSelfOrScope(identity, userId, SCOPES.USERS_READ);
    return this.deps.transact((tx) => tx.sessions.listDevices(userId));
  }

  /** Devices by id, for the `Session.device` loader (the sessions were already authorised). */
  devicesByIds(ids: readonly string[]): Promise<Device[]> {
    return this.deps.transact((tx) => tx.sessions.findDevicesByIds(ids));
  }
}
