import type { EntityManager, MikroORM } from '@cbp/db';
import { recordEvent } from '@cbp/events';
import type { RequestMeta, SessionCache } from '@cbp/service-kit';
import { SqlAdminUserRepository } from './admin-users/admin-user.repository.js';
import type { AdminUserRepository } from './admin-users/admin-user.repository.js';
import { AdminUsersService } from './admin-users/admin-users.service.js';
import type { IdentityConfig } from './config.js';
import { SqlInvitationRepository } from './invitations/invitation.repository.js';
import type { InvitationRepository } from './invitations/invitation.repository.js';
import { InvitationService } from './invitations/invitation.service.js';
import type { KeyService } from './keys/key.service.js';
import type { LockoutPolicy } from './lockout/lockout-policy.js';
import { MikroLockoutRepository } from './lockout/lockout.repository.js';
import type { LockoutRepository } from './lockout/lockout.repository.js';
import { LoginService } from './login/login.service.js';
import type { MailQueue } from './mail/mail-queue.js';
import type { MailTemplates } from './mail/templates.js';
import type { AuthMetrics } from './metrics.js';
import { MikroMfaRepository } from './mfa/mfa.repository.js';
import type { MfaRepository } from './mfa/mfa.repository.js';
import { MfaService } from './mfa/mfa.service.js';
import { TotpVerifier } from './mfa/totp/totp.js';
import type { Argon2PasswordHasher } from './passwords/password-hasher.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
import { SqlRbacRepository } from './rbac/rbac.repository.js';
import type { RbacRepository } from './rbac/rbac.repository.js';
import { RbacService } from './rbac/rbac.service.js';
import { RegistrationService } from './registration/registration.service.js';
import { MikroSessionRepository } from './sessions/session.repository.js';
import type { SessionRepository } from './sessions/session.repository.js';
import { SessionService } from './sessions/session.service.js';
import { MikroOneTimeTokenRepository } from './tokens/one-time-token.repository.js';
import type { OneTimeTokenRepository } from './tokens/one-time-token.repository.js';
import { MikroUserRepository } from './users/user.repository.js';
import type { UserRepository } from './users/user.repository.js';
import { UserService } from './users/user.service.js';
import { EmailVerificationService } from './verification/email-verification.service.js';

/** Records a domain event in the transaction's outbox. */
export interface EventRecorder {
  record(event: { type: string; actorId: string | null; subjectId: string | null; meta: RequestMeta; data: Record<string, unknown> }): void;
}

/** The repositories of one transaction. */
export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  tokens: OneTimeTokenRepository;
  events: EventRecorder;
  rbac: RbacRepository;
  adminUsers: AdminUserRepository;
  invitations: InvitationRepository;
  mfa: MfaRepository;
  lockout: LockoutRepository;
}

/** Runs `fn` in one database transaction (committed when it resolves, rolled back when it throws). */
export type Transact = <T>(fn: (tx: Repositories) => Promise<T>) => Promise<T>;

export function repositoriesFor(em: EntityManager): Repositories {
  return {
    users: new MikroUserRepository(em),
    sessions: new MikroSessionRepository(em),
    tokens: new MikroOneTimeTokenRepository(em),
    rbac: new SqlRbacRepository(em),
    adminUsers: new SqlAdminUserRepository(em),
    invitations: new SqlInvitationRepository(em),
    mfa: new MikroMfaRepository(em),
    lockout: new MikroLockoutRepository(em),
    events: {
      record: ({ type, actorId, subjectId, meta, data }) =>
        recordEvent(em, { type, actorId, subjectId, data, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId }),
    },
  };
}

/** Long-lived parts shared by every request. */
export interface IdentityRuntime {
  config: IdentityConfig;
  orm: MikroORM;
  hasher: Argon2PasswordHasher;
  keys: KeyService;
  cache: SessionCache;
  mail: MailQueue;
  templates: MailTemplates;
  metrics: AuthMetrics;
  clock: () => Date;
  /** Wakes the outbox relay after a commit that recorded events. */
  onEventsRecorded: () => void;
  /** Publishes a committed key rotation (Redis `keys:rotated`) so the gateway reloads the JWKS at once. */
  announceKeyRotation: (kid: string) => Promise<void>;
}

/** Every identity service, wired for one request's EntityManager. No DI framework: this is the whole graph. */
export interface IdentityServices {
  users: UserService;
  sessions: SessionService;
  login: LoginService;
  registration: RegistrationService;
  emailVerification: EmailVerificationService;
  passwordReset: PasswordResetService;
  rbac: RbacService;
  adminUsers: AdminUsersService;
  invitations: InvitationService;
  mfa: MfaService;
  /** Process-wide (it caches keys): the same instance for every request. */
  keys: KeyService;
}

export function createServices(em: EntityManager, rt: IdentityRuntime): IdentityServices {
  const transact: Transact = (fn) => em.transactional((tx) => fn(repositoriesFor(tx)));
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
    signer: rt.keys,
    clock,
    metrics,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    grantsOf: (userId) => rbac.grantsOf(userId),
    onEventsRecorded,
  });
  const common = { transact, mail, templates, metrics, clock, onEventsRecorded };
  const mfa = new MfaService({
    ...common,
    hasher: rt.hasher,
    sessions,
    totp: new TotpVerifier(clock),
    encryptionKey: config.KEY_ENCRYPTION_KEY,
    issuer: config.TOTP_ISSUER,
  });
  const lockoutPolicy: LockoutPolicy = {
    threshold: config.LOCKOUT_THRESHOLD,
    baseSeconds: config.LOCKOUT_BASE_SECONDS,
    maxSeconds: config.LOCKOUT_MAX_SECONDS,
    permanentAfter: config.LOCKOUT_PERMANENT_AFTER,
  };
  const adminUsers = new AdminUsersService({
    transact,
    sessions,
    keys: rt.keys,
    announceKeyRotation: rt.announceKeyRotation,
    clock,
    onEventsRecorded,
  });
  return {
    keys: rt.keys,
    rbac,
    adminUsers,
    invitations,
    users: new UserService({ users: new MikroUserRepository(em) }),
    sessions,
    mfa,
    login: new LoginService({
      ...common,
      hasher: rt.hasher,
      sessions,
      mfa,
      lockout: lockoutPolicy,
      isAdminLocked: (userId) => adminUsers.isAdminLocked(userId),
    }),
    registration: new RegistrationService({
      ...common,
      hasher: rt.hasher,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
      verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
      registrationMode: config.REGISTRATION_MODE,
      invitations,
      rbac,
    }),
    emailVerification: new EmailVerificationService({
      ...common,
      verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
      bootstrapAdminEmail: config.BOOTSTRAP_ADMIN_EMAIL ?? null,
      rbac,
    }),
    passwordReset: new PasswordResetService({
      ...common,
      hasher: rt.hasher,
      cache: rt.cache,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
      resetTtlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
  };
}
