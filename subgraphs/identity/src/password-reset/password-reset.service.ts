import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestMeta, SessionCache } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { LinkRequestQueue } from '../link-requests/link-request-queue.js';
import type { AuthMetrics } from '../metrics.js';
import { normalizeEmail } from '../users/email-address.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAcceptable } from '../passwords/password-policy.js';
import { oneTimeTokens } from '../tokens/one-time-token.service.js';

export interface PasswordResetDeps {
  transact: Transact<Pick<Repositories, 'users' | 'tokens' | 'lockout' | 'sessions' | 'events'>>;
  hasher: PasswordHasher;
  cache: SessionCache;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  passwordMinLength: number;
  resetTtlSeconds: number;
  accessTokenTtlSeconds: number;
  onEventsRecorded: () => void;
  /** Where requests wait until {@link PasswordResetService.issue} handles them, after the response. */
  linkRequests: Pick<LinkRequestQueue, 'enqueue'>;
}

/** Forgot-password (OWASP cheat sheet): same answer for every email, hashed single-use links, all sessions end. */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  async request(rawEmail: unknown, meta: RequestMeta): Promise<void> {
    if (typeof rawEmail !== 'string')
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'email is required.', details: { field: 'email' } });
    // The same work for every email: the lookup happens after the response (docs/design.md §7 (Rate limits, lockout and GraphQL limits)).
    await this.deps.linkRequests.enqueue('password_reset', normalizeEmail(rawEmail), meta);
  }

  /** A queued request: mails a fresh link when the email has an account; nothing otherwise. */
  async issue(email: string, meta: RequestMeta): Promise<void> {
    const now = this.deps.clock();
    const token = await this.deps.transact(async (tx) => {
      const user = await tx.users.findByEmail(email);
      if (!user) return null;
      tx.events.record({ type: EVENT_TYPES.PASSWORD_RESET_REQUESTED, actorId: null, subjectId: user.id, meta, data: {} });
      return oneTimeTokens.issue(tx.tokens, user.id, 'password_reset', this.deps.resetTtlSeconds, now);
    });
    if (token) {
      this.deps.onEventsRecorded();
      this.deps.mail.enqueue(this.deps.templates.passwordReset(email, token));
    }
  }

  /**
   * Sets the new password, burns the link and revokes every session of the user in one transaction; the user is
   * told by email and is not signed in automatically.
   */
  async confirm(rawToken: unknown, newPassword: unknown, meta: RequestMeta): Promise<void> {
    if (typeof newPassword !== 'string')
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'newPassword is required.', details: { field: 'newPassword' } });
    const now = this.deps.clock();
    // Validate the token before spending a hash on the password, without burning it yet.
    const result = await this.deps
      .transact(async (tx) => {
        const userId = await oneTimeTokens.redeem(tx.tokens, rawToken, 'password_reset', now);
        const user = await tx.users.findById(userId);
        if (!user) throw new AppError(COMMON_ERRORS.NOT_FOUND);
        const password = assertPasswordAcceptable(newPassword, {
          minLength: this.deps.passwordMinLength,
          email: user.emailNormalized,
          field: 'newPassword',
        });
        user.passwordHash = await this.deps.hasher.hash(password);
        user.updatedAt = now;
        const revoked = await tx.sessions.revoke(userId, 'password_reset', now);
        // A reset proves control of the mailbox: it lifts a brute-force lock, permanent ones included.
        await tx.lockout.clear(userId);
        await tx.lockout.clearSources(userId);
        tx.events.record({
          type: EVENT_TYPES.PASSWORD_RESET,
          actorId: userId,
          subjectId: userId,
          meta,
          data: { revokedSessions: revoked.length },
        });
        return { userId, email: user.email, revoked };
      })
      .catch((err: unknown) => {
        this.deps.metrics.attempt('password_reset', 'failure', err instanceof AppError ? err.code : 'ERROR');
        throw err;
      });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('password_reset', 'success', 'OK');
    await this.deps.cache.putRevoked(result.revoked, result.userId, this.deps.accessTokenTtlSeconds * 1000);
    this.deps.mail.enqueue(this.deps.templates.passwordChanged(result.email, { at: now, ip: meta.ip }));
  }
}
