import type { EntityManager, MikroORM } from '@cbp/db';
import { recordEvent } from '@cbp/events';
import type { RequestMeta, SessionCache } from '@cbp/service-kit';
import type { IdentityConfig } from './config.js';
import type { KeyService } from './keys/key.service.js';
import { LoginService } from './login/login.service.js';
import type { MailQueue } from './mail/mail-queue.js';
import type { MailTemplates } from './mail/templates.js';
import type { AuthMetrics } from './metrics.js';
import type { Argon2PasswordHasher } from './passwords/password-hasher.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
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
}

/** Runs `fn` in one database transaction (committed when it resolves, rolled back when it throws). */
export type Transact = <T>(fn: (tx: Repositories) => Promise<T>) => Promise<T>;

export function repositoriesFor(em: EntityManager): Repositories {
  return {
    users: new MikroUserRepository(em),
    sessions: new MikroSessionRepository(em),
    tokens: new MikroOneTimeTokenRepository(em),
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
}

/** Every identity service, wired for one request's EntityManager. No DI framework: this is the whole graph. */
export interface IdentityServices {
  users: UserService;
  sessions: SessionService;
  login: LoginService;
  registration: RegistrationService;
  emailVerification: EmailVerificationService;
  passwordReset: PasswordResetService;
}

export function createServices(em: EntityManager, rt: IdentityRuntime): IdentityServices {
  const transact: Transact = (fn) => em.transactional((tx) => fn(repositoriesFor(tx)));
  const { config, clock, metrics, mail, templates, onEventsRecorded } = rt;
  const sessions = new SessionService({
    transact,
    cache: rt.cache,
    signer: rt.keys,
    clock,
    metrics,
    sessionTtlSeconds: config.SESSION_TTL_SECONDS,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    // RBAC arrives with the admin plane; until then a session carries no roles or scopes.
    grantsOf: () => Promise.resolve({ roles: [], scopes: [] }),
    onEventsRecorded,
  });
  const common = { transact, mail, templates, metrics, clock, onEventsRecorded };
  return {
    users: new UserService({ users: new MikroUserRepository(em) }),
    sessions,
    login: new LoginService({ ...common, hasher: rt.hasher, sessions }),
    registration: new RegistrationService({
      ...common,
      hasher: rt.hasher,
      passwordMinLength: config.PASSWORD_MIN_LENGTH,
      verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
    }),
    emailVerification: new EmailVerificationService({ ...common, verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS }),
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
