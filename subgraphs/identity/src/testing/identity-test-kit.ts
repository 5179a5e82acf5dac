import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@cbp/logging';
import { Registry } from '@cbp/metrics';
import { createRedisStore } from '@cbp/redis';
import { SessionCache } from '@cbp/service-kit';
import type { RequestIdentity, SessionPrincipal } from '@cbp/service-kit';
import { EmailChangeService } from '../email-change/email-change.service.js';
import { InvitationService } from '../invitations/invitation.service.js';
import { AccessTokenSigner } from '../keys/access-token-signer.js';
import { encryptSecret } from '../keys/key-encryption.js';
import { InMemorySigningKeyRepository } from '../keys/in-memory-signing-key.repository.js';
import type { LockoutPolicy } from '../lockout/lockout-policy.js';
import { AccountLockService } from '../lockout/account-lock.service.js';
import { emailDigester } from '../lockout/email-digest.js';
import { InMemoryLinkRequestStore } from '../link-requests/in-memory-link-request.store.js';
import { LinkRequestQueue } from '../link-requests/link-request-queue.js';
import { LoginService } from '../login/login.service.js';
import { MailQueue } from '../mail/mail-queue.js';
import { DevMailbox } from '../mail/mailer.js';
import type { MailKind, StoredMail } from '../mail/mailer.js';
import { createMailTemplates } from '../mail/templates.js';
import { createAuthMetrics } from '../metrics.js';
import { MfaService } from '../mfa/mfa.service.js';
import { TotpVerifier } from '../mfa/totp/totp.js';
import { Argon2PasswordHasher } from '../passwords/password-hasher.js';
import type { Argon2Params } from '../passwords/password-hasher.js';
import type { CurrentPasswordCheck } from '../passwords/current-password.js';
import { PasswordChangeService } from '../password-change/password-change.service.js';
import { PasswordResetService } from '../password-reset/password-reset.service.js';
import { RbacService } from '../rbac/rbac.service.js';
import { RegistrationService } from '../registration/registration.service.js';
import { SessionService } from '../sessions/session.service.js';
import { InMemoryUnitOfWork } from '../unit-of-work/in-memory-unit-of-work.js';
import { EmailVerificationService } from '../verification/email-verification.service.js';
import { newUser, testMeta } from './fixtures.js';

/** The cheapest argon2id parameters the hasher accepts (the last OWASP-equivalent pair): real hashing, fast tests. */
export const TEST_ARGON2: Argon2Params = { memoryKiB: 7_168, timeCost: 5, parallelism: 1 };

export const TEST_PUBLIC_URL = 'https://app.example.test';
export const TEST_SESSION_TTL_SECONDS = 30 * 86400;
export const TEST_ACCESS_TOKEN_TTL_SECONDS = 900;
export const TEST_RESET_TTL_SECONDS = 3600;
export const TEST_VERIFICATION_TTL_SECONDS = 86400;
export const TEST_PASSWORD = 'correct horse battery staple';

/** Small numbers so a test walks every stage: locks at 3, 6, 9, 12 failures (60, 120, 180, 180 s: capped), for good at 15. */
export const TEST_LOCKOUT: LockoutPolicy = { threshold: 3, baseSeconds: 60, maxSeconds: 180, permanentAfter: 15 };

/**
 * Where the kit's clock starts: fixed, and in the future of any machine running the tests, because the session
 * cache measures its entries' lifetime with the wall clock (a session that looks expired is not cached).
 */
export const KIT_T0 = new Date('2035-06-01T08:00:00.000Z');

/** A clock tests move by hand. */
export class TestClock {
  private ms: number;

  constructor(start: Date = KIT_T0) {
    this.ms = start.getTime();
  }

  readonly now = (): Date => new Date(this.ms);

  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface IdentityTestKitOptions {
  lockout?: LockoutPolicy;
  registrationMode?: 'open' | 'invite-only';
  /** REFRESH_REUSE_GRACE_SECONDS; the production default (10) unless a test is about reuse without the grace. */
  refreshReuseGraceSeconds?: number;
  /** Called after each commit that recorded events (where the relay is woken), to observe what a commit holds. */
  onCommit?: () => void;
}

/**
 * The identity services wired as the container wires them, over the in-memory unit of work, with the real
 * argon2id hasher, TOTP verifier, access-token signer, mail templates and mail queue (delivering to the
 * development mailbox), a session cache over the in-process Redis store, and a clock the test moves.
 */
export function createIdentityTestKit(options: IdentityTestKitOptions = {}) {
  const uow = new InMemoryUnitOfWork();
  const { transact } = uow;
  const clock = new TestClock();
  const registry = new Registry();
  const log = createLogger({ service: 'identity', level: 'silent' });
  const hasher = new Argon2PasswordHasher(TEST_ARGON2, { registry });
  const mailbox = new DevMailbox({ log, clock: clock.now });
  const mail = new MailQueue({ mailer: mailbox, log, registry }, { baseDelayMs: 1 });
  const templates = createMailTemplates({
    publicUrl: TEST_PUBLIC_URL,
    verificationTtlSeconds: TEST_VERIFICATION_TTL_SECONDS,
    resetTtlSeconds: TEST_RESET_TTL_SECONDS,
  });
  const cache = new SessionCache(createRedisStore({ url: `memory://identity-test-${randomUUID()}`, keyPrefix: 'test:' }));
  const encryptionKey = randomBytes(32);
  const signer = new AccessTokenSigner({
    keys: new InMemorySigningKeyRepository(),
    encryptionKey,
    clock: clock.now,
    accessTokenTtlSeconds: TEST_ACCESS_TOKEN_TTL_SECONDS,
    issuer: 'https://auth.example.test',
    audience: 'cbp-api',
  });
  const metrics = createAuthMetrics(registry, async () => 0);
  let relayWakeups = 0;
  const onEventsRecorded = () => {
    relayWakeups += 1;
    options.onCommit?.();
  };
  const lockoutPolicy = options.lockout ?? TEST_LOCKOUT;

  const rbac = new RbacService({ transact, cache, clock: clock.now, onEventsRecorded });
  const invitations = new InvitationService({
    transact,
    mail,
    templates,
    clock: clock.now,
    publicUrl: TEST_PUBLIC_URL,
    adminOnly: false,
    onEventsRecorded,
  });
  const sessions = new SessionService({
    transact,
    cache,
    signer,
    clock: clock.now,
    metrics,
    sessionTtlSeconds: TEST_SESSION_TTL_SECONDS,
    accessTokenTtlSeconds: TEST_ACCESS_TOKEN_TTL_SECONDS,
    refreshReuseGraceSeconds: options.refreshReuseGraceSeconds ?? 10,
    grantsOf: (userId) => rbac.grantsOf(userId),
    onEventsRecorded,
  });
  const common = { transact, mail, templates, metrics, clock: clock.now, onEventsRecorded };
  const totp = new TotpVerifier(clock.now);
  // As the container wires it: re-authentication is the login's password check and lockout (`login` is built below).
  const verifyCurrentPassword: CurrentPasswordCheck = (userId, password, meta) => login.verifyCurrentPassword(userId, password, meta);
  const mfa = new MfaService({ ...common, verifyCurrentPassword, sessions, totp, encryptionKey, issuer: 'CBP Test' });
  const accountLock = new AccountLockService({ transact, sessions, clock: clock.now, onEventsRecorded });
  const login = new LoginService({
    ...common,
    hasher,
    sessions,
    mfa,
    lockout: lockoutPolicy,
    isAdminLocked: (userId) => accountLock.isAdminLocked(userId),
    emailDigest: emailDigester(randomBytes(32)),
  });
  const registration = new RegistrationService({
    ...common,
    hasher,
    passwordMinLength: 12,
    verificationTtlSeconds: TEST_VERIFICATION_TTL_SECONDS,
    registrationMode: options.registrationMode ?? 'open',
    invitations,
  });
  // As the server wires it, but drained inline: a request's link is there when the call returns.
  const linkRequests: LinkRequestQueue = new LinkRequestQueue({
    store: new InMemoryLinkRequestStore(uow.tables),
    clock: clock.now,
    handle: (request): Promise<void> =>
      (request.purpose === 'password_reset' ? passwordReset : emailVerification).issue(request.email, request.meta),
    schedule: (run) => run(),
    onError: (err) => {
      throw err;
    },
  });
  const emailVerification = new EmailVerificationService({
    ...common,
    verificationTtlSeconds: TEST_VERIFICATION_TTL_SECONDS,
    bootstrapAdminEmail: null,
    rbac,
    linkRequests,
  });
  const passwordReset = new PasswordResetService({
    ...common,
    hasher,
    cache,
    passwordMinLength: 12,
    resetTtlSeconds: TEST_RESET_TTL_SECONDS,
    accessTokenTtlSeconds: TEST_ACCESS_TOKEN_TTL_SECONDS,
    linkRequests,
  });

  const passwordChange = new PasswordChangeService({ ...common, verifyCurrentPassword, hasher, sessions, passwordMinLength: 12 });
  const emailChange = new EmailChangeService({ ...common, verifyCurrentPassword, tokenTtlSeconds: TEST_VERIFICATION_TTL_SECONDS });

  const kit = {
    uow,
    clock,
    hasher,
    mailbox,
    mail,
    cache,
    totp,
    encryptionKey,
    lockoutPolicy,
    services: {
      rbac,
      invitations,
      sessions,
      mfa,
      accountLock,
      login,
      registration,
      emailVerification,
      passwordReset,
      passwordChange,
      emailChange,
    },
    get relayWakeups(): number {
      return relayWakeups;
    },

    /** The messages delivered to `to` (after the queue drained), oldest first; only of `kind` when given. */
    async mailTo(to: string, kind?: MailKind): Promise<StoredMail[]> {
      await mail.drain();
      return mailbox.list(to).filter((m) => kind === undefined || m.kind === kind);
    },

    /** The `token=` (or `inviteCode=`) value of the latest mail of `kind` to `to`. */
    async linkTokenIn(to: string, kind: MailKind): Promise<string> {
      const [latest] = (await kit.mailTo(to, kind)).slice(-1);
      const match = latest?.text.match(/[?&](?:token|inviteCode)=([A-Za-z0-9_-]+)/);
      if (!match?.[1]) throw new Error(`no ${kind} link in the mail to ${to}`);
      return match[1];
    },

    /** A stored account with a real argon2id hash of `password`, verified unless told otherwise, holding `user`. */
    async seedUser(input: { email?: string; password?: string; verified?: boolean } = {}) {
      const user = newUser({
        ...(input.email ? { email: input.email, emailNormalized: input.email.trim().toLowerCase() } : {}),
        passwordHash: await hasher.hash(input.password ?? TEST_PASSWORD),
        emailVerifiedAt: input.verified === false ? null : clock.now(),
      });
      await transact(async (tx) => {
        await tx.users.create(user);
        await tx.rbac.grant(user.id, 'user', null, clock.now());
      });
      return user;
    },

    /** Stores an enabled TOTP credential for the user, as `enableTotp` leaves it; returns the Base32 secret. */
    async enableTotpFor(userId: string, secret: string): Promise<void> {
      const sealed = encryptSecret(secret, encryptionKey, `totp:${userId}`);
      await transact(async (tx) => {
        await tx.mfa.savePendingSecret(userId, sealed);
        await tx.mfa.enable(userId, clock.now(), 0, sealed);
      });
    },

    /** The committed events of `type`, oldest first. */
    eventsOf(type: string) {
      return uow.eventsOf(type);
    },

    /** What the gateway would find in the session cache for this session. */
    cached(sessionId: string): Promise<SessionPrincipal | null> {
      return cache.get(sessionId);
    },

    /** The identity the gateway asserts for a signed-in session. */
    identityOf(userId: string, sessionId: string, scopes: string[] = []): RequestIdentity {
      return { kind: 'user', userId, sessionId, roles: ['user'], scopes, amr: ['pwd'] };
    },

    meta: testMeta,
  };
  return kit;
}

export type IdentityTestKit = ReturnType<typeof createIdentityTestKit>;
