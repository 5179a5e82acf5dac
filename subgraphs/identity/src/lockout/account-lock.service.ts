import { SCOPES } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import { assertScope } from '@cbp/service-kit';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import { assertUserIdShape } from '../rbac/rbac.service.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { UserSummary } from '../users/user.repository.js';

export interface AccountLockServiceDeps {
  transact: Transact<Pick<Repositories, 'users' | 'lockout' | 'sessions' | 'events'>>;
  sessions: Pick<SessionService, 'revokeInTransaction' | 'afterRevoke'>;
  clock: () => Date;
  onEventsRecorded: () => void;
}

/**
 * The operator's lock on an account, and whether an account is locked at all (by an operator or by the
 * failed-login lockout). Each operation checks its scope here, whatever the entry point (GraphQL directive, REST,
 * CLI), and records an event with the actor, subject, IP and user agent.
 */
export class AccountLockService {
  constructor(private readonly deps: AccountLockServiceDeps) {}

  /**
   * Locks an account until `unlock`: login answers ACCOUNT_LOCKED (423) and every session ends now.
   * @throws FORBIDDEN (users:lock), NOT_FOUND, CONFLICT (locking yourself).
   */
  async lock(identity: RequestIdentity, userId: string, reason: string, meta: RequestMeta): Promise<UserSummary> {
    assertScope(identity, SCOPES.USERS_LOCK);
    const why = reason.trim().slice(0, 500);
    if (!why) throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'reason is required.', details: { field: 'reason' } });
    if (identity.userId === userId) throw new AppError(COMMON_ERRORS.CONFLICT, { message: 'You cannot lock your own account.' });
    assertUserIdShape(userId);
    const now = this.deps.clock();
    // The lock and the end of every session commit together, under the user row lock a login takes: no login or
    // refresh can slip a live session in between.
    const revoked = await this.deps.transact(async (tx) => {
      if (!(await tx.users.findSummaryForUpdate(userId))) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
      await tx.lockout.setAdminLock(userId, { at: now, reason: why });
      tx.events.record({
        type: EVENT_TYPES.ACCOUNT_LOCKED,
        actorId: identity.userId,
        subjectId: userId,
        meta,
        data: { by: 'admin', reason: why, until: null },
      });
      return this.deps.sessions.revokeInTransaction(tx, { userId, reason: 'account_locked', actorId: identity.userId, meta });
    });
    this.deps.onEventsRecorded();
    await this.deps.sessions.afterRevoke(revoked, userId);
    return this.getUser(userId);
  }

  /** Ends the operator's lock and any failed-login lockout. @throws FORBIDDEN (users:lock), NOT_FOUND. */
  async unlock(identity: RequestIdentity, userId: string, meta: RequestMeta): Promise<UserSummary> {
    assertScope(identity, SCOPES.USERS_LOCK);
    assertUserIdShape(userId);
    await this.deps.transact(async (tx) => {
      const user = await tx.users.findSummaryForUpdate(userId);
      if (!user) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
      // Ends the operator's lock and the failed-login lockout alike (a permanent lockout ends only this way or by reset).
      await tx.lockout.clearSources(userId);
      if (!(await tx.lockout.clearLocks(userId))) return;
      tx.events.record({ type: EVENT_TYPES.ACCOUNT_UNLOCKED, actorId: identity.userId, subjectId: userId, meta, data: { by: 'admin' } });
    });
    this.deps.onEventsRecorded();
    return this.getUser(userId);
  }

  /** Locked now, by an operator or by the failed-login lockout. */
  async isLocked(userId: string): Promise<boolean> {
    return (await this.deps.transact((tx) => tx.users.findSummaryForUpdate(userId)))?.locked ?? false;
  }

  /** Whether an operator locked the account (login refuses it). */
  async isAdminLocked(userId: string): Promise<boolean> {
    return (await this.deps.transact((tx) => tx.lockout.adminLockOf(userId))) !== null;
  }

  private async getUser(userId: string): Promise<UserSummary> {
    assertUserIdShape(userId);
    const row = await this.deps.transact((tx) => tx.users.findSummaryForUpdate(userId));
    if (!row) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
    return row;
  }
}
