import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { Transact } from '../container.js';
import type { RotationContext, RotationResult } from '../keys/key.service.js';
import { assertScope } from '@cbp/service-kit';
import { assertUserIdShape, isUserIdShape } from '../rbac/rbac.service.js';
import type { SessionService } from '../sessions/session.service.js';
import type { User } from '../users/user.entity.js';
import type { AdminUserRow } from './admin-user.repository.js';

export const MAX_PAGE_SIZE = 100;

export interface AdminUsersServiceDeps {
  transact: Transact;
  sessions: Pick<SessionService, 'revokeSessions'>;
  keys: { rotate(context: RotationContext): Promise<RotationResult> };
  /** After a rotation commits: tells the gateway (Redis `keys:rotated`) to reload the JWKS at once. */
  announceKeyRotation: (kid: string) => Promise<void>;
  clock: () => Date;
  onEventsRecorded: () => void;
}

export interface UserFilter {
  verified?: boolean | null;
  totpEnabled?: boolean | null;
  locked?: boolean | null;
  role?: string | null;
}

export interface UserPage {
  edges: { cursor: string; node: AdminUserRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Opaque cursor over (created_at, id). */
export const userCursor = {
  encode: (row: { createdAt: Date; id: string }) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url'),
  decode(cursor: string): { createdAt: Date; id: string } {
    const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    const createdAt = new Date(at ?? '');
    if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'after is not a valid cursor.', details: { field: 'after' } });
    }
    return { createdAt, id };
  },
};

/**
 * The operator's account operations. Every method checks its scope here, whatever the entry point (GraphQL
 * directive, REST, CLI), and records an event with the actor, subject, IP and user agent.
 */
export class AdminUsersService {
  constructor(private readonly deps: AdminUsersServiceDeps) {}

  /** @throws UNAUTHENTICATED, FORBIDDEN (users:read), VALIDATION_FAILED (first outside 1..100, bad cursor). */
  async list(
    identity: RequestIdentity,
    input: { search?: string | null; filter?: UserFilter | null; first?: number | null; after?: string | null },
  ): Promise<UserPage> {
    assertScope(identity, 'users:read');
    const first = input.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, {
        message: `first must be from 1 to ${MAX_PAGE_SIZE}.`,
        details: { field: 'first' },
      });
    }
    if (input.search && input.search.length > 320)
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'search is too long.', details: { field: 'search' } });
    const after = input.after ? userCursor.decode(input.after) : null;
    const rows = await this.deps.transact((tx) =>
      tx.adminUsers.list({
        search: input.search,
        verified: input.filter?.verified,
        totpEnabled: input.filter?.totpEnabled,
        locked: input.filter?.locked,
        role: input.filter?.role,
        after,
        limit: first + 1,
      }),
    );
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ cursor: userCursor.encode(node), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * One account by id, for the admin console's user detail; null when there is none. The User field resolvers
   * apply their own rules (sessions need sessions:read, auditTrail audit:read, …).
   * @throws UNAUTHENTICATED, FORBIDDEN (users:read), VALIDATION_FAILED (an id that is not a UUID).
   */
  async find(identity: RequestIdentity, userId: string): Promise<User | null> {
    assertScope(identity, 'users:read');
    // A lookup answers null for an unknown id; a malformed one is the caller's mistake, not an absent user.
    if (!isUserIdShape(userId))
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'id is not a valid user id.', details: { field: 'id' } });
    return this.deps.transact((tx) => tx.users.findById(userId));
  }

  /**
   * Locks an account until `unlock`: login answers ACCOUNT_LOCKED (423) and every session ends now.
   * @throws FORBIDDEN (users:lock), NOT_FOUND, CONFLICT (locking yourself).
   */
  async lock(identity: RequestIdentity, userId: string, reason: string, meta: RequestMeta): Promise<AdminUserRow> {
    assertScope(identity, 'users:lock');
    const why = reason.trim().slice(0, 500);
    if (!why) throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'reason is required.', details: { field: 'reason' } });
    if (identity.userId === userId) throw new AppError(COMMON_ERRORS.CONFLICT, { message: 'You cannot lock your own account.' });
    assertUserIdShape(userId);
    const now = this.deps.clock();
    await this.deps.transact(async (tx) => {
      if (!(await tx.adminUsers.findForUpdate(userId))) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
      await tx.adminUsers.setAdminLock(userId, { at: now, reason: why });
      tx.events.record({
        type: EVENT_TYPES.ACCOUNT_LOCKED,
        actorId: identity.userId,
        subjectId: userId,
        meta,
        data: { by: 'admin', reason: why, until: null },
      });
    });
    this.deps.onEventsRecorded();
    await this.deps.sessions.revokeSessions(userId, 'account_locked', identity.userId, meta);
    return this.getUser(userId);
  }

  /** Ends the operator's lock and any failed-login lockout. @throws FORBIDDEN (users:lock), NOT_FOUND. */
  async unlock(identity: RequestIdentity, userId: string, meta: RequestMeta): Promise<AdminUserRow> {
    assertScope(identity, 'users:lock');
    assertUserIdShape(userId);
    await this.deps.transact(async (tx) => {
      const user = await tx.adminUsers.findForUpdate(userId);
      if (!user) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
      // Ends the operator's lock and the failed-login lockout alike (a permanent lockout ends only this way or by reset).
      if (!(await tx.adminUsers.clearLocks(userId))) return;
      tx.events.record({ type: EVENT_TYPES.ACCOUNT_UNLOCKED, actorId: identity.userId, subjectId: userId, meta, data: { by: 'admin' } });
    });
    this.deps.onEventsRecorded();
    return this.getUser(userId);
  }

  /** Ends every active session of a user; returns how many. @throws FORBIDDEN (sessions:revoke), NOT_FOUND. */
  async revokeUserSessions(identity: RequestIdentity, userId: string, meta: RequestMeta): Promise<number> {
    assertScope(identity, 'sessions:revoke');
    await this.getUser(userId);
    return this.deps.sessions.revokeSessions(userId, 'revoked_by_admin', identity.userId, meta);
  }

  /**
   * Rotates the signing key (the old one stays in the JWKS until its tokens expire) and announces it, so the
   * gateway accepts tokens of the new key at once. @throws FORBIDDEN (keys:rotate), CONFLICT (concurrent rotation).
   */
  async rotateSigningKey(identity: RequestIdentity, meta: RequestMeta): Promise<{ kid: string }> {
    assertScope(identity, 'keys:rotate');
    const { kid } = await this.deps.keys.rotate({
      actorId: identity.userId,
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    this.deps.onEventsRecorded();
    await this.deps.announceKeyRotation(kid);
    return { kid };
  }

  /** Locked now, by an operator or by the failed-login lockout. */
  async isLocked(userId: string): Promise<boolean> {
    return (await this.deps.transact((tx) => tx.adminUsers.findForUpdate(userId)))?.locked ?? false;
  }

  /** Whether an operator locked the account (login refuses it). */
  async isAdminLocked(userId: string): Promise<boolean> {
    return (await this.deps.transact((tx) => tx.adminUsers.adminLockOf(userId))) !== null;
  }

  private async getUser(userId: string): Promise<AdminUserRow> {
    assertUserIdShape(userId);
    const row = await this.deps.transact((tx) => tx.adminUsers.findForUpdate(userId));
    if (!row) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
    return row;
  }
}
