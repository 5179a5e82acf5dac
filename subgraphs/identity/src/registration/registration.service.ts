import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { InvitationService } from '../invitations/invitation.service.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuthMetrics } from '../metrics.js';
import { normalizeEmail } from '../users/email-address.js';
import type { User } from '../users/user.entity.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAcceptable } from '../passwords/password-policy.js';
import { oneTimeTokens } from '../tokens/one-time-token.service.js';

export interface RegistrationDeps {
  transact: Transact<Pick<Repositories, 'users' | 'tokens' | 'invitations' | 'events'>>;
  hasher: PasswordHasher;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  passwordMinLength: number;
  verificationTtlSeconds: number;
  onEventsRecorded: () => void;
  /** `invite-only`: a valid invitation code is required (REGISTRATION_MODE). */
  registrationMode: 'open' | 'invite-only';
  invitations: Pick<InvitationService, 'redeemInTransaction'>;
}

/**
 * Creates unverified accounts and sends the verification link. An email whose account is not verified yet may be
 * registered again (someone may have registered the owner's address first): that answers like a new registration,
 * with the same id, sets the password given, and issues a fresh link carrying it while the older links die; the
 * link, mailed to the address, activates the password registered with it (docs/design.md §5 (Authentication
 * model)). EMAIL_IN_USE is for verified accounts only.
 */
export class RegistrationService {
  constructor(private readonly deps: RegistrationDeps) {}

  async register(input: { email: unknown; password: unknown; inviteCode?: unknown }, meta: RequestMeta): Promise<{ userId: string }> {
    if (typeof input.email !== 'string')
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'email is required.', details: { field: 'email' } });
    if (typeof input.password !== 'string')
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'password is required.', details: { field: 'password' } });
    const displayEmail = input.email.trim();
    const email = normalizeEmail(displayEmail);
    const password = assertPasswordAcceptable(input.password, { minLength: this.deps.passwordMinLength, email });
    const inviteCode = typeof input.inviteCode === 'string' && input.inviteCode.trim() ? input.inviteCode.trim() : null;
    if (inviteCode === null && this.deps.registrationMode === 'invite-only') throw new AppError(AUTH_ERRORS.INVITE_REQUIRED);
    const passwordHash = await this.deps.hasher.hash(password);
    const now = this.deps.clock();
    const write = () =>
      this.deps.transact(async (tx) => {
        const existing = await tx.users.findByEmail(email);
        if (existing)
          return { userId: existing.id, token: await this.registerAgain(tx, existing, displayEmail, passwordHash, inviteCode, meta, now) };
        const userId = randomUUID();
        await tx.users.create({
          id: userId,
          email: displayEmail,
          emailNormalized: email,
          passwordHash,
          emailVerifiedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        // An invitation, when given, is burnt in the same transaction. The `user` role comes with verification.
        if (inviteCode !== null) await this.deps.invitations.redeemInTransaction(tx, inviteCode, userId, email, now, meta);
        const raw = await oneTimeTokens.issue(
          tx.tokens,
          userId,
          'email_verification',
          this.deps.verificationTtlSeconds,
          now,
          null,
          passwordHash,
        );
        tx.events.record({ type: EVENT_TYPES.USER_REGISTERED, actorId: userId, subjectId: userId, meta, data: {} });
        return { userId, token: raw };
      });
    // Two first registrations of one email race: the loser meets the winner's (unverified) row, so it registers again.
    const { userId, token } = await write().catch((err: unknown) => {
      if (err instanceof AppError && err.code === AUTH_ERRORS.EMAIL_IN_USE.code && err.cause instanceof UniqueConstraintViolationException)
        return write();
      throw err;
    });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('register', 'success', 'OK');
    this.deps.mail.enqueue(this.deps.templates.verifyEmail(email, token));
    return { userId };
  }

  /** A registration of an email whose account exists: allowed only while it is unverified (see the class). */
  private async registerAgain(
    tx: Pick<Repositories, 'users' | 'tokens' | 'invitations' | 'events'>,
    existing: User,
    displayEmail: string,
    passwordHash: string,
    inviteCode: string | null,
    meta: RequestMeta,
    now: Date,
  ): Promise<string> {
    // Under the row lock email verification takes: a verification that committed first is seen here.
    const locked = await tx.users.findSummaryForUpdate(existing.id);
    if (!locked || locked.emailVerifiedAt !== null || existing.emailVerifiedAt !== null) throw new AppError(AUTH_ERRORS.EMAIL_IN_USE);
    if (inviteCode !== null)
      await this.deps.invitations.redeemInTransaction(tx, inviteCode, existing.id, existing.emailNormalized, now, meta);
    // The latest registration's password is the account's until a link is verified: only it gets the
    // password-gated EMAIL_NOT_VERIFIED answer, and an earlier registrant's password stops working at once.
    existing.passwordHash = passwordHash;
    existing.email = displayEmail;
    existing.updatedAt = now;
    tx.events.record({ type: EVENT_TYPES.EMAIL_VERIFICATION_REQUESTED, actorId: null, subjectId: existing.id, meta, data: {} });
    return oneTimeTokens.issue(tx.tokens, existing.id, 'email_verification', this.deps.verificationTtlSeconds, now, null, passwordHash);
  }
}
