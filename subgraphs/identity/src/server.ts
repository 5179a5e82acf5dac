import DataLoader from 'dataloader';
import { OutboxMessageSchema, OutboxRelay } from '@cbp/events';
import type { Logger } from '@cbp/logging';
import { KEYS_ROTATED_CHANNEL, serveSubgraph, SessionCache, startInfrastructure } from '@cbp/service-kit';
import type { RunningSubgraph } from '@cbp/service-kit';
import type { IdentityConfig } from './config.js';
import { createServices } from './container.js';
import type { IdentityRuntime } from './container.js';
import type { IdentityContext } from './context.js';
import { jwksRouter } from './keys/jwks.routes.js';
import { LinkRequestQueue } from './link-requests/link-request-queue.js';
import { SqlLinkRequestStore } from './link-requests/link-request.store.js';
import { AccessTokenSigner } from './keys/access-token-signer.js';
import { KeyRotationService } from './keys/key-rotation.service.js';
import { SigningKeySchema } from './keys/signing-key.entity.js';
import { MikroSigningKeyRepository } from './keys/signing-key.repository.js';
import { createMailer } from './mail/mailer.js';
import { MailQueue } from './mail/mail-queue.js';
import { createMailTemplates } from './mail/templates.js';
import { createAuthMetrics, registerSigningKeyAge } from './metrics.js';
import { identityMigrations } from './migrations/index.js';
import { Argon2PasswordHasher } from './passwords/password-hasher.js';
import { identityResolvers } from './resolvers.js';
import { DeviceSchema, RefreshTokenSchema, SessionSchema } from './sessions/session.entity.js';
import type { Device } from './sessions/session.entity.js';
import { OneTimeTokenSchema } from './tokens/one-time-token.entity.js';
import { forkingSqlTransact } from './unit-of-work/sql-unit-of-work.js';
import { UserSchema } from './users/user.entity.js';

export type RunningIdentity = RunningSubgraph;

export const IDENTITY_ENTITIES = [
  UserSchema,
  SessionSchema,
  RefreshTokenSchema,
  DeviceSchema,
  OneTimeTokenSchema,
  SigningKeySchema,
  OutboxMessageSchema,
];

/** Starts the identity subgraph: migrations, signing keys, outbox relay, mail queue, HTTP server. */
export async function startIdentity(config: IdentityConfig, options: { logger?: Logger } = {}): Promise<RunningIdentity> {
  const infra = await startInfrastructure({
    service: 'identity',
    schema: 'identity',
    config,
    entities: IDENTITY_ENTITIES,
    migrations: identityMigrations,
    logger: options.logger,
  });
  const { logger, metrics, orm, redis } = infra;
  const clock = () => new Date();
  const relay = new OutboxRelay({ orm, redis, logger: logger.child({ module: 'outbox-relay' }), registry: metrics.registry });
  const signingKeys = new MikroSigningKeyRepository(orm.em);
  const signer = new AccessTokenSigner({
    keys: signingKeys,
    encryptionKey: config.KEY_ENCRYPTION_KEY,
    previousEncryptionKey: config.KEY_ENCRYPTION_KEY_PREVIOUS,
    clock,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    modulusLength: config.SIGNING_KEY_BITS,
  });
  const hasher = new Argon2PasswordHasher(
    { memoryKiB: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST, parallelism: config.ARGON2_PARALLELISM },
    { registry: metrics.registry },
  );
  const mail = new MailQueue({
    mailer: createMailer(config, { log: logger.child({ module: 'mail' }) }),
    log: logger.child({ module: 'mail' }),
    registry: metrics.registry,
  });
  const onEventsRecorded = () => relay.nudge();
  const announceKeyRotation = async (kid: string) => {
    try {
      await redis.publish(KEYS_ROTATED_CHANNEL, JSON.stringify({ kid }));
    } catch (err) {
      // The rotation is committed; the gateway then finds the new kid by its refetch-on-unknown-kid path.
      logger.warn({ err, kid }, 'could not announce the key rotation');
    }
  };
  const keyRotation = new KeyRotationService({
    // Process-wide: each rotation opens its own transaction on a fresh fork, never on a request's EntityManager.
    transact: forkingSqlTransact(orm.em),
    keys: signingKeys,
    signer,
    clock,
    announceKeyRotation,
    onEventsRecorded,
  });
  registerSigningKeyAge(metrics.registry, () => signingKeys.findCurrent(), clock);
  const linkLog = logger.child({ module: 'link-requests' });
  const linkRequests = new LinkRequestQueue({
    store: new SqlLinkRequestStore(orm),
    clock,
    handle: (request) => {
      const services = createServices(orm.em.fork(), runtime);
      const handler = request.purpose === 'password_reset' ? services.passwordReset : services.emailVerification;
      return handler.issue(request.email, request.meta);
    },
    // After the response: the request's own answer never waits for (or times) the lookup.
    schedule: (run) => {
      setImmediate(() => void run());
      return Promise.resolve();
    },
    // Codes only: a database error may quote the email.
    onError: (err) =>
      linkLog.error({ code: err instanceof Error ? err.name : 'unknown' }, 'link request failed; retried when its lease lapses'),
  });
  const runtime: IdentityRuntime = {
    config,
    orm,
    hasher,
    signer,
    keyRotation,
    cache: new SessionCache(redis, config.SESSION_CACHE_MAC_KEY),
    mail,
    templates: createMailTemplates({
      publicUrl: config.PUBLIC_URL,
      verificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
      resetTtlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
    }),
    metrics: createAuthMetrics(metrics.registry, () =>
      orm.em.fork().count(SessionSchema, { revokedAt: null, expiresAt: { $gt: new Date() } }),
    ),
    clock,
    onEventsRecorded,
    linkRequests,
  };
  try {
    await Promise.all([signer.ensureCurrentKey(), hasher.ready()]);
  } catch (err) {
    await infra.close();
    throw err;
  }

  return serveSubgraph<IdentityContext>({
    name: 'identity',
    infra,
    config,
    port: config.IDENTITY_PORT,
    resolvers: identityResolvers(),
    routes: (app) => app.use(jwksRouter(keyRotation)),
    createContext: (base) => {
      const em = orm.em.fork();
      const services = createServices(em, runtime);
      const device = new DataLoader<string, Device | null>(async (ids) => {
        const rows = await services.sessions.devicesByIds(ids);
        return ids.map((id) => rows.find((d) => d.id === id) ?? null);
      });
      return { ...base, em, services, loaders: { device } };
    },
    workers: [
      { start: () => relay.start(), stop: () => relay.stop() },
      // Requests accepted before a restart and not yet handled.
      { start: () => void linkRequests.drain(), stop: () => linkRequests.idle() },
    ],
    // Mail already queued (a reset link, a new-device notice) gets its chance to go out before the process ends.
    beforeStop: async () => {
      await Promise.race([mail.drain(), new Promise((r) => setTimeout(r, config.SHUTDOWN_GRACE_MS).unref())]);
      await mail.close();
    },
  });
}
