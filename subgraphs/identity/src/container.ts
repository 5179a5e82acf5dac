import type { EntityManager, MikroORM } from '@cbp/db';
import type { SessionCache } from '@cbp/service-kit';
import type { IdentityConfig } from './config.js';
import { EmailChangeService } from './email-change/email-change.service.js';
import { InvitationService } from './invitations/invitation.service.js';
import type { AccessTokenSigner } from './keys/access-token-signer.js';
import type { KeyRotationService } from './keys/key-rotation.service.js';
import { AccountLockService } from './lockout/account-lock.service.js';
import { emailDigester } from './lockout/email-digest.js';
import type { LinkRequestQueue } from './link-requests/link-request-queue.js';
import type { LockoutPolicy } from './lockout/lockout-policy.js';
import { LoginService } from './login/login.service.js';
import type { MailQueue } from './mail/mail-queue.js';
import type { MailTemplates } from './mail/templates.js';
import type { AuthMetrics } from './metrics.js';
import { MfaService } from './mfa/mfa.service.js';
import { TotpVerifier } from './mfa/totp/totp.js';
import type { CurrentPasswordCheck } from './passwords/current-password.js';
import type { Argon2PasswordHasher } from './passwords/password-hasher.js';
import { PasswordChangeService } from './password-change/password-change.service.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
import { RbacService } from './rbac/rbac.service.js';
import { RegistrationService } from './registration/registration.service.js';
import { SessionService } from './sessions/session.service.js';
import { sqlTransact } from './unit-of-work/sql-unit-of-work.js';
import { MikroUserRepository } from './users/user.repository.js';
import { UserService } from './users/user.service.js';
import { EmailVerificationService } from './verification/email-verification.service.js';

/** Long-lived parts shared by every request. */
export interface IdentityRuntime {
  config: IdentityConfig;
  orm: MikroORM;
  hasher: Argon2PasswordHasher;
  signer: AccessTokenSigner;
  keyRotation: KeyRotationService;
  cache: SessionCache;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  /** Wakes the outbox relay after a commit that recorded events. */
  onEventsRecorded: () => void;
  /** Reset and verification link requests, handled after the response. */
  linkRequests: LinkRequestQueue;
}

/** Every identity service, wired for one request's EntityManager. No DI framework: this is the whole graph. */
export interface IdentityServices {
  users: UserService;
  sessions: SessionService;
  login: LoginService;
  registration: RegistrationService;
  emailVerification: EmailVerificationService;
  passwordReset: PasswordResetService;
  passwordChange: PasswordChangeService;
  emailChange: EmailChangeService;
  rbac: RbacService;
  lockout: AccountLockService;
  invitations: InvitationService;
  mfa: MfaService;
  /** Process-wide (it works beside the signer, which caches keys): the same instance for every request. */
  keys: KeyRotationService;
}

export function createServices(em: EntityManager, rt: IdentityRuntime): IdentityServices {
  const transact = sqlTransact(em);
  const { config, clock, metrics, mail, templates, onEventsRecorded } = rt;
  const rbac = new RbacService({ transact, cache: rt.cache, clock, onEventsRecorded });
  const invitations = new InvitationService({
    transact,
    mail,
    templates,
    clock,
    publicUrl: config.PUBLIC_URL,
    adminOnly: config.INVITATIONS_ADMIN_ONLY,
    onEventsRecorded,
  });
  const sessions = new SessionService({
    transact,
    cache: rt.cache,
    signer: rt.signer,
    clock,
    metrics,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshReuseGraceSeconds: config.REFRESH_REUSE_GRACE_SECONDS,
    grantsOf: (userId) => rbac.grantsOf(userId),
    onEventsRecorded,
  });
  const common = { transact, mail, templates, metrics, clock, onEventsRecorded };
  // Re-authentication is the login's password check and lockout; `login` is built below and called only later.
  const verifyCurrentPassword: CurrentPasswordCheck = (userId, password, meta) => login.verifyCurrentPassword(userId, password, meta);
  const mfa = new MfaService({
    ...common,
    verifyCurrentPassword,
    sessions,
    totp: new TotpVerifier(clock),
    encryptionKey: config.KEY_ENCRYPTION_KEY,
    previousEncryptionKey: config.KEY_ENCRYPTION_KEY_PREVIOUS,
    issuer: config.TOTP_ISSUER,
  });
  const lockoutPolicy: LockoutPolicy = {
    threshold: config.LOCKOUT_THRESHOLD,
    baseSeconds: config.LOCKOUT_BASE_SECONDS,
    maxSeconds: config.LOCKOUT_MAX_SECONDS,
    permanentAfter: config.LOCKOUT_PERMANENT_AFTER,
  };
  const lockout = new AccountLockService({ transact, sessions, clock, onEventsRecorded });
  const login = new LoginService({
    ...common,
    hasher: rt.hasher,
    sessions,
    mfa,
    lockout: lockoutPolicy,
    isAdminLocked: (userId) => lockout.isAdminLocked(userId),
    emailDigest: emailDigester(config.KEY_ENCRYPTION_KEY),
  });
  return {
    keys: rt.keyRotation,
    rbac,
    lockout,
    invitations,
    users: new UserService({ users: new MikroUserRepository(em), transact }),
    sessions,
    mfa,
    login,
    passwordChange: new PasswordChangeService({
      ...common,
      verifyCurrentPassword,
      hasher: rt.hasher,
      sessions,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
    }),
    emailChange: new EmailChangeService({ ...common, verifyCurrentPassword, tokenTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS }),
    registration: new RegistrationService({
      ...common,
      hasher: rt.hasher,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
      verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
      registrationMode: config.REGISTRATION_MODE,
      invitations,
    }),
    emailVerification: new EmailVerificationService({
      ...common,
      verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
      bootstrapAdminEmail: config.BOOTSTRAP_ADMIN_EMAIL ?? null,
      rbac,
      linkRequests: rt.linkRequests,
    }),
    passwordReset: new PasswordResetService({
      ...common,
      hasher: rt.hasher,
      cache: rt.cache,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
      resetTtlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      linkRequests: rt.linkRequests,
    }),
  };
}
