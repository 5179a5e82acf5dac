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
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { assertPasswordAcceptable } from '../passwords/password-policy.js';
import type { RbacService } from '../rbac/rbac.service.js';
import { oneTimeTokens } from '../tokens/one-time-token.service.js';

export interface RegistrationDeps {
  transact: Transact<Pick<Repositories, 'users' | 'tokens' | 'rbac' | 'invitations' | 'events'>>;
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
  rbac: Pick<RbacService, 'grantInTransaction'>;
}

/** Creates unverified accounts and sends the verification link. */
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
    const userId = randomUUID();
    const token = await this.deps.transact(async (tx) => {
      if (await tx.users.findByEmail(email)) throw new AppError(AUTH_ERRORS.EMAIL_IN_USE);
      await tx.users.create({
        id: userId,
        email: displayEmail,
        emailNormalized: email,
        passwordHash,
        emailVerifiedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      // Every account is a `user` (RBAC); an invitation, when given, is burnt in the same transaction.
      await this.deps.rbac.grantInTransaction(tx, userId, 'user', meta, false);
      if (inviteCode !== null) await this.deps.invitations.redeemInTransaction(tx, inviteCode, userId, email, now, meta);
      const raw = await oneTimeTokens.issue(tx.tokens, userId, 'email_verification', this.deps.verificationTtlSeconds, now);
      tx.events.record({ type: EVENT_TYPES.USER_REGISTERED, actorId: userId, subjectId: userId, meta, data: {} });
      return raw;
    });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('register', 'success', 'OK');
    this.deps.mail.enqueue(this.deps.templates.verifyEmail(email, token));
    return { userId };
  }
}
