import { randomBytes } from 'node:crypto';
import { AppError, AUTH_ERRORS, COMMON_ERRORS, MFA_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import { emailDigester } from '../lockout/email-digest.js';
import { afterFailure, lockoutSourceOf, lockStatus } from '../lockout/lockout-policy.js';
import type { LockoutPolicy, LockoutState, LockStatus } from '../lockout/lockout-policy.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuthMetrics } from '../metrics.js';
import type { MfaService } from '../mfa/mfa.service.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { normalizeEmail } from '../users/email-address.js';
import type { AuthTokens, SessionService } from '../sessions/session.service.js';
import type { User } from '../users/user.entity.js';

export interface LoginInput {
  email: unknown;
  password: unknown;
  otp?: unknown;
  recoveryCode?: unknown;
  deviceFingerprint?: unknown;
}

export interface LoginServiceDeps {
  transact: Transact<Pick<Repositories, 'users' | 'lockout' | 'mfa' | 'sessions' | 'events'>>;
  hasher: PasswordHasher & { verifyAgainstDummy(password: string): Promise<boolean> };
  sessions: SessionService;
  mfa: Pick<MfaService, 'enabledCredential' | 'verifyForLogin'>;
  lockout: LockoutPolicy;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  onEventsRecorded: () => void;
  /** Whether an operator locked the account (admin `lockUser`); login then answers ACCOUNT_LOCKED (423). */
  isAdminLocked?: (userId: string) => Promise<boolean>;
  /**
   * A keyed digest of a normalised email: the lockout key of an email without an account (never stored in clear).
   * The composition root derives it from KEY_ENCRYPTION_KEY; without it, a key of this process's own.
   */
  emailDigest?: (normalizedEmail: string) => string;
}

type FailureReason = 'INVALID_CREDENTIALS' | 'INVALID_OTP';
type LockedNow = { until: Date | null; failures: number } | null;

/**
 * Password login, then the second factor when the account has one. Unknown email and wrong password are the same
 * INVALID_CREDENTIALS after the same work (a verify against a dummy hash), and whether an email is verified is
 * only revealed to someone who knows the password (ASVS 6.3.8).
 *
 * Brute-force lockout (lockout/lockout-policy.ts): every wrong password or OTP is counted on the account, in a
 * transaction holding the user row FOR UPDATE, so parallel attempts are evaluated one at a time and never exceed
 * the budget. A locked account answers ACCOUNT_LOCKED (423) after the same argon2 work, whatever the password.
 * An email without an account is counted and locked the same way (by a digest of it), so the answers to repeated
 * wrong passwords never tell whether an account exists; the permanent lock is per account and source
 * (docs/design.md §7 (Rate limits, lockout and GraphQL limits)).
 */
export class LoginService {
  private readonly emailDigest: (normalizedEmail: string) => string;

  constructor(private readonly deps: LoginServiceDeps) {
    this.emailDigest = deps.emailDigest ?? emailDigester(randomBytes(32));
  }

  async login(input: LoginInput, meta: RequestMeta): Promise<AuthTokens> {
    if (typeof input.email !== 'string' || typeof input.password !== 'string' || input.password.length === 0) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'email and password are required.' });
    }
    if (input.password.length > 1024) return this.refuse(null, 'INVALID_CREDENTIALS', meta, () => this.deps.hasher.verifyAgainstDummy('x'));
    const email = normalizeEmail(input.email);
    const password = input.password.normalize('NFC');
    const user = await this.deps.transact((tx) => tx.users.findByEmail(email));
    if (!user) return this.failUnknown(email, password, meta);

    const before = await this.deps.transact((tx) => this.readLockout(tx, user.id, meta));
    // The hash is verified even for a locked account: its answer is not used then, but the time it takes is
    // what a right or wrong password costs, so a locked account's 423 reveals nothing about the password.
    const passwordOk = await this.deps.hasher.verify(user.passwordHash, password);
    const early = before
      ? lockStatus(this.deps.lockout, before.state, this.deps.clock(), before.sourceFailures)
      : { locked: false as const };
    if (early.locked) return this.refuseLocked(user.id, early, meta);
    if (!passwordOk) return this.fail(user.id, user.email, 'INVALID_CREDENTIALS', meta);
    if (user.emailVerifiedAt === null) return this.refuse(user.id, 'EMAIL_NOT_VERIFIED', meta);
    // An operator's lock holds until unlockUser; only revealed to someone who knows the password.
    if (await this.deps.isAdminLocked?.(user.id)) return this.refuseAdminLocked(user.id, meta);

    const totp = await this.deps.mfa.enabledCredential(user.id);
    const otp = typeof input.otp === 'string' && input.otp.trim() !== '' ? input.otp : null;
    const recoveryCode = typeof input.recoveryCode === 'string' && input.recoveryCode.trim() !== '' ? input.recoveryCode : null;
    // The second factor is asked for only after the password was right (and is not itself a failure).
    if (totp && otp === null && recoveryCode === null) return this.refuse(user.id, 'OTP_REQUIRED', meta);

    const amr = totp ? ['pwd', 'otp'] : ['pwd'];
    const rehash = this.deps.hasher.needsRehash(user.passwordHash) ? await this.deps.hasher.hash(password) : null;
    const deviceFingerprint = typeof input.deviceFingerprint === 'string' ? input.deviceFingerprint : null;
    const now = this.deps.clock();
    const outcome = await this.deps.transact(async (tx) => {
      // Serialises this account's attempts: a lock set by a concurrent failure is seen here.
      const state = await tx.lockout.lockForUpdate(user.id);
      const source = lockoutSourceOf(meta.ip);
      const status = state
        ? lockStatus(this.deps.lockout, state, now, await tx.lockout.sourceFailures(user.id, source))
        : { locked: false as const };
      if (status.locked) return { kind: 'locked' as const, status };
      // Under the same row lock an operator's lockUser takes: a lock that committed after the early check is seen
      // here, and one that comes later finds this session and ends it.
      if ((await tx.lockout.adminLockOf(user.id)) !== null) return { kind: 'adminLocked' as const };
      if (totp) {
        const second = await this.deps.mfa.verifyForLogin(tx, user.id, totp, { otp, recoveryCode }, meta, now);
        if (!second.ok) return { kind: 'failed' as const, lockedNow: await this.countFailure(tx, user.id, 'INVALID_OTP', meta, now) };
      }
      if (state && (state.failedLoginCount > 0 || state.lockedUntil !== null)) await tx.lockout.clear(user.id);
      // Only this source's count: another source that reached the permanent lock stays locked (until a reset).
      await tx.lockout.clearSources(user.id, source);
      if (rehash) {
        const fresh = await tx.users.findById(user.id);
        if (fresh) {
          fresh.passwordHash = rehash;
          fresh.updatedAt = now;
        }
      }
      const result = await this.deps.sessions.startInTransaction(tx, { userId: user.id, amr, deviceFingerprint, meta });
      tx.events.record({
        type: EVENT_TYPES.LOGIN_SUCCEEDED,
        actorId: user.id,
        subjectId: user.id,
        meta,
        data: { sessionId: result.session.id, amr, deviceId: result.session.deviceId, newDevice: result.newDevice !== null },
      });
      return { kind: 'started' as const, ...result };
    });
    this.deps.onEventsRecorded();
    if (outcome.kind === 'locked') return this.refuseLocked(user.id, outcome.status, meta);
    if (outcome.kind === 'adminLocked') return this.refuseAdminLocked(user.id, meta);
    if (outcome.kind === 'failed') {
      this.deps.metrics.attempt('otp', 'failure', 'INVALID_OTP');
      this.notifyLocked(user.email, outcome.lockedNow);
      throw new AppError(MFA_ERRORS.INVALID_OTP);
    }
    if (totp) this.deps.metrics.attempt('otp', 'success', 'OK');
    this.deps.metrics.attempt('login', 'success', 'OK');
    if (outcome.newDevice) {
      this.deps.mail.enqueue(this.deps.templates.newDevice(user.email, { at: now, ip: meta.ip, userAgent: meta.userAgent }));
    }
    return this.deps.sessions.issueTokens(outcome.session, outcome.refreshToken);
  }

  /**
   * Re-authentication of a signed-in user before a sensitive change (docs/design.md §5 (Authentication model)):
   * the current password, held to the login's lockout. A wrong one is a failed login (same counter, events and
   * lock email); a locked account answers ACCOUNT_LOCKED whatever the password, after the same argon2 work.
   * Returns the user, as read before the check.
   * @throws UNAUTHENTICATED (no such user), INVALID_CREDENTIALS, ACCOUNT_LOCKED.
   */
  async verifyCurrentPassword(userId: string, password: unknown, meta: RequestMeta): Promise<User> {
    const user = await this.deps.transact((tx) => tx.users.findById(userId));
    if (!user) throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    const given = typeof password === 'string' && password.length <= 1024 ? password.normalize('NFC') : null;
    const before = await this.deps.transact((tx) => this.readLockout(tx, userId, meta));
    const passwordOk = given !== null && given.length > 0 && (await this.deps.hasher.verify(user.passwordHash, given));
    const early = before
      ? lockStatus(this.deps.lockout, before.state, this.deps.clock(), before.sourceFailures)
      : { locked: false as const };
    if (early.locked) return this.refuseLocked(userId, early, meta);
    if (!passwordOk) return this.fail(userId, user.email, 'INVALID_CREDENTIALS', meta);
    return user;
  }

  /** A wrong password: counted atomically; answers INVALID_CREDENTIALS, or ACCOUNT_LOCKED if a concurrent failure locked it first. */
  private async fail(userId: string, email: string, reason: FailureReason, meta: RequestMeta): Promise<never> {
    const now = this.deps.clock();
    const outcome = await this.deps.transact(async (tx) => {
      const state = await tx.lockout.lockForUpdate(userId);
      const sourceFailures = await tx.lockout.sourceFailures(userId, lockoutSourceOf(meta.ip));
      const status = state ? lockStatus(this.deps.lockout, state, now, sourceFailures) : { locked: false as const };
      if (status.locked) return { kind: 'locked' as const, status };
      return { kind: 'counted' as const, lockedNow: await this.countFailure(tx, userId, reason, meta, now) };
    });
    this.deps.onEventsRecorded();
    if (outcome.kind === 'locked') return this.refuseLocked(userId, outcome.status, meta);
    this.deps.metrics.attempt('login', 'failure', reason);
    this.notifyLocked(email, outcome.lockedNow);
    throw new AppError(AUTH_ERRORS.INVALID_CREDENTIALS);
  }

  /** The lockout state of `subject` and the failures counted from this request's source. */
  private async readLockout(
    tx: Pick<Repositories, 'lockout'>,
    userId: string,
    meta: RequestMeta,
  ): Promise<{ state: LockoutState; sourceFailures: number } | null> {
    const state = await tx.lockout.read(userId);
    return state && { state, sourceFailures: await tx.lockout.sourceFailures(userId, lockoutSourceOf(meta.ip)) };
  }

  /**
   * A login for an email without an account: the same work (a verify against a dummy hash, a read, then a counted
   * failure under a row lock) and the same answers as a wrong password for an account, lock included. Nothing is
   * mailed, there is nobody to tell.
   */
  private async failUnknown(email: string, password: string, meta: RequestMeta): Promise<never> {
    const digest = this.emailDigest(email);
    const subject = `email:${digest}`;
    const source = lockoutSourceOf(meta.ip);
    const before = await this.deps.transact(async (tx) => {
      const state = await tx.lockout.readUnknown(digest);
      return state && { state, sourceFailures: await tx.lockout.sourceFailures(subject, source) };
    });
    await this.deps.hasher.verifyAgainstDummy(password);
    const early = before
      ? lockStatus(this.deps.lockout, before.state, this.deps.clock(), before.sourceFailures)
      : { locked: false as const };
    if (early.locked) return this.refuseLocked(null, early, meta);
    const now = this.deps.clock();
    const outcome = await this.deps.transact(async (tx) => {
      const state = await tx.lockout.lockUnknownForUpdate(digest, now);
      const sourceFailures = await tx.lockout.sourceFailures(subject, source);
      const status = lockStatus(this.deps.lockout, state, now, sourceFailures);
      if (status.locked) return { kind: 'locked' as const, status };
      const next = afterFailure(this.deps.lockout, state, now, sourceFailures);
      await tx.lockout.writeUnknown(digest, { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil }, now);
      await tx.lockout.countSourceFailure(subject, source, now);
      tx.events.record({ type: EVENT_TYPES.LOGIN_FAILED, actorId: null, subjectId: null, meta, data: { reason: 'INVALID_CREDENTIALS' } });
      return { kind: 'counted' as const };
    });
    this.deps.onEventsRecorded();
    if (outcome.kind === 'locked') return this.refuseLocked(null, outcome.status, meta);
    this.deps.metrics.attempt('login', 'failure', 'INVALID_CREDENTIALS');
    throw new AppError(AUTH_ERRORS.INVALID_CREDENTIALS);
  }

  /** One more consecutive failure, in `tx` (which holds the row lock); records the lock when this one earns it. */
  private async countFailure(
    tx: Pick<Repositories, 'lockout' | 'events'>,
    userId: string,
    reason: FailureReason,
    meta: RequestMeta,
    now: Date,
  ): Promise<LockedNow> {
    const state = (await tx.lockout.lockForUpdate(userId)) ?? { failedLoginCount: 0, lockedUntil: null };
    const source = lockoutSourceOf(meta.ip);
    const next = afterFailure(this.deps.lockout, state, now, await tx.lockout.sourceFailures(userId, source));
    await tx.lockout.write(userId, { failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil });
    await tx.lockout.countSourceFailure(userId, source, now);
    tx.events.record({
      type: EVENT_TYPES.LOGIN_FAILED,
      actorId: userId,
      subjectId: userId,
      meta,
      data: { reason, failures: next.failedLoginCount },
    });
    if (next.lockedNow === null) return null;
    const until = next.lockedNow === 'temporary' ? next.lockedUntil : null;
    tx.events.record({
      type: EVENT_TYPES.ACCOUNT_LOCKED,
      actorId: null,
      subjectId: userId,
      meta,
      data: { until: until ? until.toISOString() : null, failures: next.failedLoginCount },
    });
    return { until, failures: next.failedLoginCount };
  }

  /** The accountLocked email and the lockout count, once per lock (only the failure that set the lock gets here). */
  private notifyLocked(email: string, lockedNow: LockedNow): void {
    if (lockedNow) {
      this.deps.metrics.lockout(lockedNow.until ? 'temporary' : 'permanent');
      this.deps.mail.enqueue(this.deps.templates.accountLocked(email, { until: lockedNow.until }));
    }
  }

  /** 423 for every attempt on a locked account, right or wrong password: one body, with the wait when it ends by itself. */
  private async refuseLocked(userId: string | null, status: Extract<LockStatus, { locked: true }>, meta: RequestMeta): Promise<never> {
    await this.recordFailed(userId, 'ACCOUNT_LOCKED', meta);
    this.deps.metrics.attempt('login', 'failure', 'ACCOUNT_LOCKED');
    if (status.permanent) {
      throw new AppError(AUTH_ERRORS.ACCOUNT_LOCKED, {
        message: 'This account is locked after too many failed sign-in attempts. Reset your password to unlock it.',
      });
    }
    throw new AppError(AUTH_ERRORS.ACCOUNT_LOCKED, { details: { retryAfterSeconds: status.retryAfterSeconds } });
  }

  /** 423 for an operator's lock; it holds until unlockUser. */
  private async refuseAdminLocked(userId: string, meta: RequestMeta): Promise<never> {
    await this.recordFailed(userId, 'ACCOUNT_LOCKED', meta);
    this.deps.metrics.attempt('login', 'failure', 'ACCOUNT_LOCKED');
    throw new AppError(AUTH_ERRORS.ACCOUNT_LOCKED, { message: 'This account is locked by an administrator.' });
  }

  private async recordFailed(userId: string | null, reason: string, meta: RequestMeta): Promise<void> {
    await this.deps.transact(async (tx) => {
      tx.events.record({ type: EVENT_TYPES.LOGIN_FAILED, actorId: userId, subjectId: userId, meta, data: { reason } });
    });
    this.deps.onEventsRecorded();
  }

  private async refuse(
    userId: string | null,
    reason: 'INVALID_CREDENTIALS' | 'EMAIL_NOT_VERIFIED' | 'OTP_REQUIRED',
    meta: RequestMeta,
    work?: () => Promise<unknown>,
  ): Promise<never> {
    if (work) await work();
    await this.recordFailed(userId, reason, meta);
    this.deps.metrics.attempt('login', 'failure', reason);
    throw new AppError(reason === 'OTP_REQUIRED' ? MFA_ERRORS.OTP_REQUIRED : AUTH_ERRORS[reason]);
  }
}
