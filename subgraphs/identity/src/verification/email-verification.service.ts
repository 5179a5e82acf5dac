import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { LinkRequestQueue } from '../link-requests/link-request-queue.js';
import type { AuthMetrics } from '../metrics.js';
import { normalizeEmail } from '../users/email-address.js';
import type { RbacService } from '../rbac/rbac.service.js';
import { oneTimeTokens } from '../tokens/one-time-token.service.js';

export interface EmailVerificationDeps {
  transact: Transact<Pick<Repositories, 'users' | 'tokens' | 'rbac' | 'events'>>;
  /** BOOTSTRAP_ADMIN_EMAIL (normalised on use): verifying this address grants `admin`, in the same transaction. */
  bootstrapAdminEmail?: string | null;
  /** Grants `user` (and `admin` for BOOTSTRAP_ADMIN_EMAIL) when the email is verified: never to an unverified account. */
  rbac: Pick<RbacService, 'grantInTransaction'>;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  verificationTtlSeconds: number;
  onEventsRecorded: () => void;
  /** Where requests wait until {@link EmailVerificationService.issue} handles them, after the response. */
  linkRequests: Pick<LinkRequestQueue, 'enqueue'>;
}

export class EmailVerificationService {
  constructor(private readonly deps: EmailVerificationDeps) {}

  /**
   * Sends a fresh link when the email belongs to an unverified account. Answers the same either way (the caller
   * learns nothing about which emails exist); a new link supersedes older ones.
   */
  async request(rawEmail: unknown, meta: RequestMeta): Promise<void> {
    if (typeof rawEmail !== 'string')
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'email is required.', details: { field: 'email' } });
    // The same work for every email: the lookup happens after the response (docs/design.md §7 (Rate limits, lockout and GraphQL limits)).
    await this.deps.linkRequests.enqueue('email_verification', normalizeEmail(rawEmail), meta);
  }

  /** A queued request: mails a fresh link when the email belongs to an unverified account; nothing otherwise. */
  async issue(email: string, meta: RequestMeta): Promise<void> {
    const now = this.deps.clock();
    const token = await this.deps.transact(async (tx) => {
      const user = await tx.users.findByEmail(email);
      if (!user || user.emailVerifiedAt !== null) return null;
      tx.events.record({ type: EVENT_TYPES.EMAIL_VERIFICATION_REQUESTED, actorId: null, subjectId: user.id, meta, data: {} });
      return oneTimeTokens.issue(tx.tokens, user.id, 'email_verification', this.deps.verificationTtlSeconds, now);
    });
    if (token) {
      this.deps.onEventsRecorded();
      this.deps.mail.enqueue(this.deps.templates.verifyEmail(email, token));
    }
  }

  /** Burns the token and marks the email verified; INVALID_TOKEN when unknown, expired or used. */
  async confirm(rawToken: unknown, meta: RequestMeta): Promise<{ verified: true }> {
    const now = this.deps.clock();
    try {
      await this.deps.transact(async (tx) => {
        const token = await oneTimeTokens.redeemToken(tx.tokens, rawToken, 'email_verification', now);
        const userId = token.userId;
        // The row lock a re-registration takes: it either committed first (and killed this token) or waits and
        // then finds the account verified.
        await tx.users.findSummaryForUpdate(userId);
        const user = await tx.users.findById(userId);
        if (user && user.emailVerifiedAt === null) {
          // The link activates the password registered with it (an earlier registrant's password dies here).
          if (token.pendingPasswordHash) user.passwordHash = token.pendingPasswordHash;
          user.emailVerifiedAt = now;
          user.updatedAt = now;
          tx.events.record({ type: EVENT_TYPES.EMAIL_VERIFIED, actorId: userId, subjectId: userId, meta, data: {} });
          // Roles are never granted to an unverified account (docs/design.md §6 (Authorization)): every account
          // becomes a `user` here, in the transaction that verifies it.
          await this.deps.rbac.grantInTransaction(tx, userId, 'user', meta, false);
          if (this.deps.bootstrapAdminEmail && normalizeEmail(this.deps.bootstrapAdminEmail) === user.emailNormalized) {
            await this.deps.rbac.grantInTransaction(tx, userId, 'admin', meta, true);
          }
        }
      });
    } catch (err) {
      this.deps.metrics.attempt('verify_email', 'failure', 'INVALID_TOKEN');
      throw err;
    }
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('verify_email', 'success', 'OK');
    return { verified: true };
  }
}
