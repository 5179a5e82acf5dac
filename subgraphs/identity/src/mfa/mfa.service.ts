import QRCode from 'qrcode';
import { SCOPES } from '@cbp/contracts';
import { AppError, COMMON_ERRORS, MFA_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import { assertSelfOrScope } from '@cbp/service-kit';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import { decryptSecretWithAny, encryptSecret } from '../keys/key-encryption.js';
import type { MailQueue } from '../mail/mail-queue.js';
import type { MailTemplates } from '../mail/templates.js';
import type { AuthMetrics } from '../metrics.js';
import type { CurrentPasswordCheck } from '../passwords/current-password.js';
import type { SessionService } from '../sessions/session.service.js';
import type { TotpCredential } from './mfa.repository.js';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes/recovery-codes.js';
import { newTotpSecret, totpKeyUri } from './totp/totp.js';
import type { TotpVerifier } from './totp/totp.js';

export interface TotpSetup {
  /** Base32, 160 bits: for typing into an app by hand. */
  secret: string;
  otpauthUrl: string;
  /** `data:image/png;base64,…` of the otpauth URL. */
  qrCodeDataUrl: string;
}

export interface MfaServiceDeps {
  transact: Transact<Pick<Repositories, 'users' | 'mfa' | 'sessions' | 'events'>>;
  /** Re-authentication with the current password, counted by the login's lockout. */
  verifyCurrentPassword: CurrentPasswordCheck;
  sessions: SessionService;
  totp: TotpVerifier;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  /** KEY_ENCRYPTION_KEY: seals TOTP secrets at rest (AES-256-GCM, aad `totp:<userId>`). */
  encryptionKey: Buffer;
  /** KEY_ENCRYPTION_KEY_PREVIOUS during a rotation: opens secrets not yet re-sealed; never seals. */
  previousEncryptionKey?: Buffer;
  /** The issuer shown in authenticator apps. */
  issuer: string;
  onEventsRecorded: () => void;
}

/** A second factor presented at login: a TOTP code or a recovery code. */
export interface SecondFactorInput {
  otp?: string | null;
  recoveryCode?: string | null;
}

export type SecondFactorOutcome = { ok: true; method: 'totp' } | { ok: true; method: 'recovery_code'; remaining: number } | { ok: false };

/**
 * One way to prove the second factor at login (STYLE: one interface per method). Each runs inside the login
 * transaction and burns what it accepts there, so a rollback leaves the code unused and a commit leaves it spent.
 */
export interface MfaStrategy {
  readonly name: 'totp' | 'recovery_code';
  applies(input: SecondFactorInput): boolean;
  verify(
    tx: Pick<Repositories, 'mfa'>,
    userId: string,
    credential: TotpCredential,
    input: SecondFactorInput,
    now: Date,
  ): Promise<SecondFactorOutcome>;
}

const aadOf = (userId: string) => `totp:${userId}`;

/**
 * TOTP two-factor authentication (RFC 6238) with recovery codes: setup, enable, disable, regenerate codes, and
 * the login check. Every accepted TOTP step is recorded, and only a later step is accepted again (RFC 6238 §5.2).
 */
export class MfaService {
  private readonly strategies: MfaStrategy[];

  constructor(private readonly deps: MfaServiceDeps) {
    const totpStrategy = {
      name: 'totp',
      applies: (input) => typeof input.otp === 'string' && input.otp.length > 0,
      verify: async (tx, userId, credential, input) =>
        (await this.acceptTotp(tx, userId, credential, input.otp ?? '')) ? { ok: true, method: 'totp' } : { ok: false },
    } satisfies MfaStrategy;
    const recoveryStrategy = {
      name: 'recovery_code',
      applies: (input) => typeof input.recoveryCode === 'string' && input.recoveryCode.length > 0,
      verify: async (tx, userId, _credential, input, now) => {
        const code = normalizeRecoveryCode(input.recoveryCode ?? '');
        // Single use: the conditional UPDATE burns the code or finds nothing; two logins cannot share one code.
        if (!code || !(await tx.mfa.burnRecoveryCode(userId, hashRecoveryCode(code), now))) return { ok: false };
        return { ok: true, method: 'recovery_code', remaining: await tx.mfa.countUnusedRecoveryCodes(userId) };
      },
    } satisfies MfaStrategy;
    // A recovery code, when given, takes precedence over an OTP in the same request.
    this.strategies = [recoveryStrategy, totpStrategy];
  }

  /**
   * Whether the user has TOTP enabled (for `User.totpEnabled`): the user themself, or a holder of `users:read`.
   * @throws UNAUTHENTICATED for anonymous callers; FORBIDDEN for anyone else.
   */
  async isEnabled(identity: RequestIdentity, userId: string): Promise<boolean> {
    assertSelfOrScope(identity, userId, SCOPES.USERS_READ);
    const credential = await this.deps.transact((tx) => tx.mfa.findTotp(userId));
    return credential?.enabledAt != null;
  }

  /**
   * Starts enrolment: a fresh secret, stored sealed and pending until {@link enableTotp} sees a correct code.
   * Calling it again before enabling replaces the pending secret. Needs the current password (ASVS 7.5.1: a
   * stolen session alone cannot enrol the thief's authenticator).
   * @throws UNAUTHENTICATED for anonymous callers; INVALID_CREDENTIALS, ACCOUNT_LOCKED; MFA_ALREADY_ENABLED (409).
   */
  async setupTotp(identity: RequestIdentity, currentPassword: unknown, meta: RequestMeta): Promise<TotpSetup> {
    const userId = this.userIdOf(identity);
    await this.deps.verifyCurrentPassword(userId, currentPassword, meta);
    const secret = newTotpSecret();
    const sealed = encryptSecret(secret, this.deps.encryptionKey, aadOf(userId));
    const email = await this.deps.transact(async (tx) => {
      const user = await tx.users.findById(userId);
      if (!user) throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
      if (!(await tx.mfa.savePendingSecret(userId, sealed))) throw new AppError(MFA_ERRORS.MFA_ALREADY_ENABLED);
      return user.email;
    });
    const otpauthUrl = totpKeyUri({ issuer: this.deps.issuer, account: email, secret });
    const qrCodeDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUrl, qrCodeDataUrl };
  }

  /**
   * Enables TOTP after a correct code for the pending secret; returns 10 recovery codes, shown this once.
   * Ends every other session of the user (ASVS 7.4.3) and emails them.
   * @throws MFA_SETUP_REQUIRED without a pending secret; MFA_ALREADY_ENABLED; INVALID_OTP.
   */
  async enableTotp(identity: RequestIdentity, code: unknown, meta: RequestMeta): Promise<{ enabled: true; recoveryCodes: string[] }> {
    const userId = this.userIdOf(identity);
    const now = this.deps.clock();
    const recoveryCodes = newRecoveryCodes();
    const { email, revoked } = await this.deps
      .transact(async (tx) => {
        const credential = await tx.mfa.findTotp(userId);
        if (!credential) throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
        if (credential.enabledAt) throw new AppError(MFA_ERRORS.MFA_ALREADY_ENABLED);
        if (!credential.secretEncrypted) throw new AppError(MFA_ERRORS.MFA_SETUP_REQUIRED);
        const secret = this.openSecret(credential.secretEncrypted, userId);
        const result =
          typeof code === 'string'
            ? await this.deps.totp.verify({ secret, code, afterStep: credential.lastStep })
            : { valid: false as const };
        // Compare-and-set on the sealed secret that was read and verified: a setupTotp that replaced it meanwhile
        // makes this enable nothing, so the enabled secret is always the one the code proved.
        if (!result.valid || !(await tx.mfa.enable(userId, now, result.step, credential.secretEncrypted))) {
          throw new AppError(MFA_ERRORS.INVALID_OTP);
        }
        await tx.mfa.replaceRecoveryCodes(userId, recoveryCodes.map(hashRecoveryCode), now);
        tx.events.record({ type: EVENT_TYPES.MFA_ENABLED, actorId: userId, subjectId: userId, meta, data: {} });
        const user = await tx.users.findById(userId);
        return { email: user?.email ?? null, revoked: await this.endOtherSessions(tx, identity, 'mfa_enabled', meta) };
      })
      .catch((err: unknown) => {
        this.deps.metrics.attempt('mfa_enable', 'failure', err instanceof AppError ? err.code : 'ERROR');
        throw err;
      });
    this.deps.onEventsRecorded();
    this.deps.metrics.attempt('mfa_enable', 'success', 'OK');
    await this.deps.sessions.afterRevoke(revoked, userId);
    if (email) this.deps.mail.enqueue(this.deps.templates.mfaChanged(email, { at: now, enabled: true, ip: meta.ip }));
    return { enabled: true, recoveryCodes };
  }

  /**
   * Turns TOTP off; needs the password and a current code (ASVS 7.5.1). Removes the recovery codes, ends every
   * other session and emails the user. A wrong password counts as a failed login.
   * @throws MFA_NOT_ENABLED; INVALID_CREDENTIALS (wrong password), ACCOUNT_LOCKED; INVALID_OTP.
   */
  async disableTotp(identity: RequestIdentity, password: unknown, code: unknown, meta: RequestMeta): Promise<boolean> {
    const userId = this.userIdOf(identity);
    const now = this.deps.clock();
    const user = await this.deps.verifyCurrentPassword(userId, password, meta);
    const revoked = await this.deps.transact(async (tx) => {
      const credential = await tx.mfa.findTotp(userId);
      if (!credential?.enabledAt) throw new AppError(MFA_ERRORS.MFA_NOT_ENABLED);
      if (typeof code !== 'string' || !(await this.acceptTotp(tx, userId, credential, code))) throw new AppError(MFA_ERRORS.INVALID_OTP);
      await tx.mfa.disable(userId);
      tx.events.record({ type: EVENT_TYPES.MFA_DISABLED, actorId: userId, subjectId: userId, meta, data: {} });
      return this.endOtherSessions(tx, identity, 'mfa_disabled', meta);
    });
    this.deps.onEventsRecorded();
    await this.deps.sessions.afterRevoke(revoked, userId);
    this.deps.mail.enqueue(this.deps.templates.mfaChanged(user.email, { at: now, enabled: false, ip: meta.ip }));
    return true;
  }

  /**
   * Replaces every recovery code with 10 new ones, after the current password (a wrong one counts as a failed
   * login); the old ones stop working.
   * @throws INVALID_CREDENTIALS, ACCOUNT_LOCKED; MFA_NOT_ENABLED.
   */
  async regenerateRecoveryCodes(identity: RequestIdentity, currentPassword: unknown, meta: RequestMeta): Promise<string[]> {
    const userId = this.userIdOf(identity);
    await this.deps.verifyCurrentPassword(userId, currentPassword, meta);
    const now = this.deps.clock();
    const recoveryCodes = newRecoveryCodes();
    await this.deps.transact(async (tx) => {
      const credential = await tx.mfa.findTotp(userId);
      if (!credential?.enabledAt) throw new AppError(MFA_ERRORS.MFA_NOT_ENABLED);
      await tx.mfa.replaceRecoveryCodes(userId, recoveryCodes.map(hashRecoveryCode), now);
      tx.events.record({
        type: EVENT_TYPES.MFA_ENABLED,
        actorId: userId,
        subjectId: userId,
        meta,
        data: { recoveryCodesRegenerated: true },
      });
    });
    this.deps.onEventsRecorded();
    return recoveryCodes;
  }

  /** The user's TOTP credential when 2FA is enabled, else null (read outside the login transaction). */
  async enabledCredential(userId: string): Promise<TotpCredential | null> {
    const credential = await this.deps.transact((tx) => tx.mfa.findTotp(userId));
    return credential?.enabledAt ? credential : null;
  }

  /**
   * The login check, inside the login transaction: a recovery code when one is given, else the TOTP code.
   * Records `mfa.recovery_code_used` with the count left.
   */
  async verifyForLogin(
    tx: Pick<Repositories, 'mfa' | 'events'>,
    userId: string,
    credential: TotpCredential,
    input: SecondFactorInput,
    meta: RequestMeta,
    now: Date,
  ): Promise<SecondFactorOutcome> {
    const strategy = this.strategies.find((s) => s.applies(input));
    if (!strategy) return { ok: false };
    const outcome = await strategy.verify(tx, userId, credential, input, now);
    if (outcome.ok && outcome.method === 'recovery_code') {
      tx.events.record({
        type: EVENT_TYPES.RECOVERY_CODE_USED,
        actorId: userId,
        subjectId: userId,
        meta,
        data: { remaining: outcome.remaining },
      });
    }
    return outcome;
  }

  /** Verifies a TOTP code and records its step as used, in `tx`; false for a wrong or already used code. */
  private async acceptTotp(tx: Pick<Repositories, 'mfa'>, userId: string, credential: TotpCredential, code: string): Promise<boolean> {
    if (!credential.secretEncrypted) return false;
    const secret = this.openSecret(credential.secretEncrypted, userId);
    const result = await this.deps.totp.verify({ secret, code, afterStep: credential.lastStep });
    // RFC 6238 §5.2: the conditional UPDATE is the real replay check; afterStep above only saves a write.
    return result.valid && (await tx.mfa.advanceStep(userId, result.step));
  }

  /** ASVS 7.4.3: after a factor change, every other session of the user ends; the caller's own stays. */
  /**
   * Ends every other session of the caller in the factor change's own transaction (one atomic `exceptId` revocation,
   * as logoutOthers does), so no session started meanwhile survives the change; recorded as one
   * `session.revoked_all` with the count. The caller tombstones the returned ids after the commit.
   */
  private endOtherSessions(
    tx: Pick<Repositories, 'sessions' | 'events'>,
    identity: RequestIdentity,
    reason: string,
    meta: RequestMeta,
  ): Promise<string[]> {
    if (identity.kind !== 'user') return Promise.resolve([]);
    const { userId, sessionId } = identity;
    return this.deps.sessions.revokeInTransaction(tx, { userId, reason, actorId: userId, meta, which: { exceptId: sessionId } });
  }

  /** The TOTP secret sealed for `userId`, under the current key or (during a rotation) the previous one. */
  private openSecret(sealed: string, userId: string): string {
    const keys = [this.deps.encryptionKey, ...(this.deps.previousEncryptionKey ? [this.deps.previousEncryptionKey] : [])];
    return decryptSecretWithAny(sealed, keys, aadOf(userId)).toString('utf8');
  }

  private userIdOf(identity: RequestIdentity): string {
    if (identity.kind !== 'user') throw new AppError(COMMON_ERRORS.UNAUTHENTICATED);
    return identity.userId;
  }
}
