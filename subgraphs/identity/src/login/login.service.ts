import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import type { RequestMeta } from '@cbp/service-kit';
import type { Transact } from '../container.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuthMetrics } from '../metrics.js';
import type { PasswordHasher } from '../passwords/password-hasher.js';
import { normalizeEmail } from '../passwords/email-address.js';
import type { AuthTokens, SessionService } from '../sessions/session.service.js';

export interface LoginInput {
  email: unknown;
  password: unknown;
  otp?: unknown;
  recoveryCode?: unknown;
  deviceFingerprint?: unknown;
}

export interface LoginServiceDeps {
  transact: Transact;
  hasher: PasswordHasher & { verifyAgainstDummy(password: string): Promise<boolean> };
  sessions: SessionService;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  onEventsRecorded: () => void;
}

/**
 * Password login. Unknown email and wrong password are the same INVALID_CREDENTIALS after the same work (a
 * verify against a dummy hash), and whether an email is verified is only revealed to someone who knows the
 * password (ASVS 6.3.8).
 */
export class LoginService {
  constructor(private readonly deps: LoginServiceDeps) {}

  async login(input: LoginInput, meta: RequestMeta): Promise<AuthTokens> {
    if (typeof input.email !== 'string' || typeof input.password !== 'string' || input.password.length === 0) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'email and password are required.' });
    }
    if (input.password.length > 1024) return this.refuse(null, 'INVALID_CREDENTIALS', meta, () => this.deps.hasher.verifyAgainstDummy('x'));
    const email = normalizeEmail(input.email);
    const password = input.password.normalize('NFC');
    const user = await this.deps.transact((tx) => tx.users.findByEmail(email));
    if (!user) return this.refuse(null, 'INVALID_CREDENTIALS', meta, () => this.deps.hasher.verifyAgainstDummy(password));
    if (!(await this.deps.hasher.verify(user.passwordHash, password))) return this.refuse(user.id, 'INVALID_CREDENTIALS', meta);
    if (user.emailVerifiedAt === null) return this.refuse(user.id, 'EMAIL_NOT_VERIFIED', meta);

    const amr = ['pwd'];
    const rehash = this.deps.hasher.needsRehash(user.passwordHash) ? await this.deps.hasher.hash(password) : null;
    const deviceFingerprint = typeof input.deviceFingerprint === 'string' ? input.deviceFingerprint : null;
    const started = await this.deps.transact(async (tx) => {
      if (rehash) {
        const fresh = await tx.users.findById(user.id);
        if (fresh) {
          fresh.passwordHash = rehash;
          fresh.updatedAt = this.deps.clock();
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
      return result;
    });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('login', 'success', 'OK');
    if (started.newDevice) {
      this.deps.mail.enqueue(this.deps.templates.newDevice(user.email, { at: this.deps.clock(), ip: meta.ip, userAgent: meta.userAgent }));
    }
    return this.deps.sessions.issueTokens(started.session, started.refreshToken);
  }

  private async refuse(userId: string | null, reason: 'INVALID_CREDENTIALS' | 'EMAIL_NOT_VERIFIED', meta: RequestMeta, work?: () => Promise<unknown>): Promise<never> {
    if (work) await work();
    await this.deps.transact(async (tx) => {
      tx.events.record({ type: EVENT_TYPES.LOGIN_FAILED, actorId: userId, subjectId: userId, meta, data: { reason } });
    });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('login', 'failure', reason);
    throw new AppError(AUTH_ERRORS[reason]);
  }
}
