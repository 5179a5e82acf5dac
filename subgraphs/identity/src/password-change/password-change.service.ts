import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuthMetrics } from '../metrics.js';
import type { CurrentPasswordCheck } from '../passwords/current-password.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAcceptable } from '../passwords/password-policy.js';
import type { SessionService } from '../sessions/session.service.js';

export interface PasswordChangeDeps {
  transact: Transact<Pick<Repositories, 'users' | 'sessions' | 'events'>>;
  /** Re-authentication with the current password, counted by the login's lockout. */
  verifyCurrentPassword: CurrentPasswordCheck;
  hasher: PasswordHasher;
  sessions: Pick<SessionService, 'revokeInTransaction' | 'afterRevoke'>;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  passwordMinLength: number;
  onEventsRecorded: () => void;
}

/**
 * A signed-in user changes their password (docs/design.md §5 (Authentication model)): the current password first
 * (a wrong one is a failed login), then the password policy; the new hash and the end of every other session
 * commit together, and the user is told by email. The caller's own session keeps working.
 */
export class PasswordChangeService {
  constructor(private readonly deps: PasswordChangeDeps) {}

  /** @throws UNAUTHENTICATED; INVALID_CREDENTIALS, ACCOUNT_LOCKED (current password); VALIDATION_FAILED (policy). */
  async change(identity: RequestIdentity, currentPassword: unknown, newPassword: unknown, meta: RequestMeta): Promise<void> {
    if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    const { userId, sessionId } = identity;
    if (typeof newPassword !== 'string') {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'newPassword is required.', details: { field: 'newPassword' } });
    }
    const result = await this.run(userId, sessionId, currentPassword, newPassword, meta).catch((err: unknown) => {
      this.deps.metrics.attempt('password_change', 'failure', err instanceof AppError ? err.code : 'ERROR');
      throw err;
    });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('password_change', 'success', 'OK');
    await this.deps.sessions.afterRevoke(result.revoked, userId);
    this.deps.mail.enqueue(this.deps.templates.passwordChanged(result.email, { at: result.at, ip: meta.ip, keptCurrentSession: true }));
  }

  private async run(userId: string, sessionId: string, currentPassword: unknown, newPassword: string, meta: RequestMeta) {
    const user = await this.deps.verifyCurrentPassword(userId, currentPassword, meta);
    const password = assertPasswordAcceptable(newPassword, {
      minLength: this.deps.passwordMinLength,
      email: user.emailNormalized,
      field: 'newPassword',
    });
    const hash = await this.deps.hasher.hash(password);
    const now = this.deps.clock();
    return this.deps.transact(async (tx) => {
      const fresh = await tx.users.findById(userId);
      if (!fresh) throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
      // The password verified above must still be the current one: a reset or change that committed meanwhile wins.
      if (fresh.passwordHash !== user.passwordHash) throw new AppError(AUTH_ERRORS.INVALID_CREDENTIALS);
      fresh.passwordHash = hash;
      fresh.updatedAt = now;
      const revoked = await this.deps.sessions.revokeInTransaction(tx, {
        userId,
        reason: 'password_changed',
        actorId: userId,
        meta,
        which: { exceptId: sessionId },
      });
      tx.events.record({
        type: EVENT_TYPES.PASSWORD_CHANGED,
        actorId: userId,
        subjectId: userId,
        meta,
        data: { revokedSessions: revoked.length },
      });
      return { revoked, email: fresh.email, at: now };
    });
  }
}
