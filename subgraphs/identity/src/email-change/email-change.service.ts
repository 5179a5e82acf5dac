import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuthMetrics } from '../metrics.js';
import type { CurrentPasswordCheck } from '../passwords/current-password.js';
import { oneTimeTokens } from '../tokens/one-time-token.service.js';
import { emailDomain, normalizeEmail } from '../users/email-address.js';

export interface EmailChangeDeps {
  transact: Transact<Pick<Repositories, 'users' | 'tokens' | 'events'>>;
  /** Re-authentication with the current password, counted by the login's lockout. */
  verifyCurrentPassword: CurrentPasswordCheck;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  /** How long the confirmation link works (the verification link's lifetime). */
  tokenTtlSeconds: number;
  onEventsRecorded: () => void;
}

/** The normalised form of `newEmail`, refused as a VALIDATION_FAILED on the `newEmail` field. */
function normalizeNewEmail(raw: string): string {
  try {
    return normalizeEmail(raw);
  } catch (err) {
    if (err instanceof AppError)
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: err.message, details: { field: 'newEmail' } });
    throw err;
  }
}

/**
 * A signed-in user moves their account to another address (docs/design.md §5 (Authentication model)). The request
 * needs the current password (a wrong one is a failed login) and mails a single-use link to the new address and a
 * notice to the old one; nothing changes until the link is opened, and then only if the address is still free.
 * Sessions keep working throughout.
 */
export class EmailChangeService {
  constructor(private readonly deps: EmailChangeDeps) {}

  /**
   * @throws UNAUTHENTICATED; INVALID_CREDENTIALS, ACCOUNT_LOCKED (current password); VALIDATION_FAILED (malformed
   * or unchanged address); EMAIL_IN_USE (a verified account has it).
   */
  async request(identity: RequestIdentity, currentPassword: unknown, newEmail: unknown, meta: RequestMeta): Promise<void> {
    if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    const { userId } = identity;
    if (typeof newEmail !== 'string') {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'newEmail is required.', details: { field: 'newEmail' } });
    }
    const user = await this.deps.verifyCurrentPassword(userId, currentPassword, meta);
    const display = newEmail.trim();
    const normalized = normalizeNewEmail(display);
    if (normalized === user.emailNormalized) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, {
        message: 'This is already your email address.',
        details: { field: 'newEmail' },
      });
    }
    const now = this.deps.clock();
    const token = await this.deps.transact(async (tx) => {
      const holder = await tx.users.findByEmail(normalized);
      // Only a verified account owns an address; an unverified one is checked again when the link is opened.
      if (holder && holder.emailVerifiedAt !== null) throw new AppError(AUTH_ERRORS.EMAIL_IN_USE);
      tx.events.record({
        type: EVENT_TYPES.EMAIL_CHANGE_REQUESTED,
        actorId: userId,
        subjectId: userId,
        meta,
        data: { newEmailDomain: emailDomain(normalized) },
      });
      return oneTimeTokens.issue(tx.tokens, userId, 'email_change', this.deps.tokenTtlSeconds, now, display);
    });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('email_change_request', 'success', 'OK');
    this.deps.mail.enqueue(this.deps.templates.emailChange(normalized, token));
    this.deps.mail.enqueue(this.deps.templates.emailChangeRequested(user.email, { at: now, newEmail: display, ip: meta.ip }));
  }

  /**
   * Opens the link: burns the token and moves the account to the address it carries, which counts as verified
   * (the link proves the mailbox). Older reset and verification links, mailed to the old address, stop working.
   * @throws INVALID_TOKEN (unknown, expired or used); EMAIL_IN_USE (another account has the address now).
   */
  async confirm(rawToken: unknown, meta: RequestMeta): Promise<{ email: string }> {
    const now = this.deps.clock();
    const changed = await this.deps
      .transact(async (tx) => {
        const token = await oneTimeTokens.redeemToken(tx.tokens, rawToken, 'email_change', now);
        const user = await tx.users.findById(token.userId);
        if (!user || !token.newEmail) throw new AppError(AUTH_ERRORS.INVALID_TOKEN);
        const normalized = normalizeNewEmail(token.newEmail);
        const holder = await tx.users.findByEmail(normalized);
        if (holder && holder.id !== user.id) throw new AppError(AUTH_ERRORS.EMAIL_IN_USE);
        const previous = user.emailNormalized;
        user.email = token.newEmail;
        user.emailNormalized = normalized;
        user.emailVerifiedAt ??= now;
        user.updatedAt = now;
        await tx.tokens.invalidateAll(user.id, 'password_reset', now);
        await tx.tokens.invalidateAll(user.id, 'email_verification', now);
        tx.events.record({
          type: EVENT_TYPES.EMAIL_CHANGED,
          actorId: user.id,
          subjectId: user.id,
          meta,
          data: { previousEmailDomain: emailDomain(previous), newEmailDomain: emailDomain(normalized) },
        });
        return { email: user.email };
      })
      .catch((err: unknown) => {
        // The unique index decides a race with a registration of the same address committed meanwhile.
        const error = err instanceof UniqueConstraintViolationException ? new AppError(AUTH_ERRORS.EMAIL_IN_USE, { cause: err }) : err;
        this.deps.metrics.attempt('email_change_confirm', 'failure', error instanceof AppError ? error.code : 'ERROR');
        throw error;
      });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('email_change_confirm', 'success', 'OK');
    return changed;
  }
}
