import { fields, parseEnv, serviceEnvSchema, z } from '@cbp/config';
import type { Env } from '@cbp/config';
import { keyEncryptionKeyField } from './keys/key-encryption.js';

export const identityEnvSchema = serviceEnvSchema
  .extend({
    IDENTITY_PORT: fields.port().default(4001),
    /** Where the SPA lives: the base of the links in emails. Never derived from a request's Host header. */
    PUBLIC_URL: fields.url(['http', 'https']).default('http://localhost:3000'),
    JWT_ISSUER: fields.url(['http', 'https']).default('http://localhost:8080'),
    JWT_AUDIENCE: z.string().min(1).default('cbp-api'),
    ACCESS_TOKEN_TTL_SECONDS: fields.int(60, 3600).default(900),
    SESSION_TTL_SECONDS: fields.int(3600, 90 * 24 * 3600).default(30 * 24 * 3600),
    /** How long after a rotation its predecessor is accepted once more (a lost refresh response); 0 turns it off. */
    REFRESH_REUSE_GRACE_SECONDS: fields.int(0, 60).default(10),
    EMAIL_VERIFICATION_TTL_SECONDS: fields.int(300, 7 * 24 * 3600).default(24 * 3600),
    PASSWORD_RESET_TTL_SECONDS: fields.int(300, 24 * 3600).default(3600),
    /** NIST SP 800-63B-4: 15 when the password is the only factor; never below 8. */
    PASSWORD_MIN_LENGTH: fields.int(8, 64).default(15),
    ARGON2_MEMORY_KIB: fields.int(7168, 1_048_576).default(19_456),
    ARGON2_TIME_COST: fields.int(1, 20).default(2),
    ARGON2_PARALLELISM: fields.int(1, 16).default(1),
    /** Base64 of 32 random bytes; encrypts signing keys (and TOTP secrets) at rest. */
    KEY_ENCRYPTION_KEY: keyEncryptionKeyField(),
    /** Only during a rotation: the previous key, still accepted for decryption (new secrets use the current one). */
    KEY_ENCRYPTION_KEY_PREVIOUS: keyEncryptionKeyField().optional(),
    /**
     * Shared by identity and the gateway: the HMAC key of the cached session principals in Redis, so a write to Redis
     * alone cannot mint one (docs/design.md §5 (Authentication model)). Required in production; elsewhere a random
     * key per process (each then reads only its own entries: a cache miss costs one PostgreSQL read).
     */
    SESSION_CACHE_MAC_KEY: fields.secret(32).optional(),
    SIGNING_KEY_BITS: fields.int(2048, 4096).default(2048),
    /** Unset: emails are logged and kept in a development mailbox (refused in production). */
    SMTP_URL: fields.url(['smtp', 'smtps']).optional(),
    MAIL_FROM: z.string().min(3).default('Chat Bot Pro V2 <no-reply@localhost>'),
    /** The issuer shown in authenticator apps (the otpauth:// URL's label prefix and `issuer`). */
    TOTP_ISSUER: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^:]+$/, { error: 'must not contain a colon (it separates issuer and account)' })
      .default('Chat Bot Pro V2'),
    /** Brute-force lockout (docs/authentication.md): consecutive failures (password or OTP) before a lock. */
    LOCKOUT_THRESHOLD: fields.int(3, 100).default(10),
    /** The first lock's length; each further lock doubles it, up to LOCKOUT_MAX_SECONDS. */
    LOCKOUT_BASE_SECONDS: fields.int(1, 3600).default(60),
    LOCKOUT_MAX_SECONDS: fields.int(1, 24 * 3600).default(900),
    /** NIST SP 800-63B-4: at most 100 consecutive failures; then locked until a password reset or an admin unlock. */
    LOCKOUT_PERMANENT_AFTER: fields.int(3, 100).default(100),
    /** RBAC (docs/authorization.md): the first account with this email to verify it becomes admin. */
    BOOTSTRAP_ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    /** `invite-only`: registering needs a valid invitation code (403 INVITE_REQUIRED without one). */
    REGISTRATION_MODE: z.enum(['open', 'invite-only'], { error: 'must be open or invite-only' }).default('open'),
    /** true: only holders of users:write (admins) may create invitations. */
    INVITATIONS_ADMIN_ONLY: fields.bool().default(false),
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.SESSION_CACHE_MAC_KEY !== undefined, {
    error: 'is required when NODE_ENV=production',
    path: ['SESSION_CACHE_MAC_KEY'],
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.SMTP_URL !== undefined, {
    error: 'is required when NODE_ENV=production',
    path: ['SMTP_URL'],
  })
  .refine((c) => c.LOCKOUT_MAX_SECONDS >= c.LOCKOUT_BASE_SECONDS, {
    error: 'must be at least LOCKOUT_BASE_SECONDS',
    path: ['LOCKOUT_MAX_SECONDS'],
  })
  .refine((c) => c.LOCKOUT_PERMANENT_AFTER >= c.LOCKOUT_THRESHOLD, {
    error: 'must be at least LOCKOUT_THRESHOLD',
    path: ['LOCKOUT_PERMANENT_AFTER'],
  });

export type IdentityConfig = ReturnType<typeof loadIdentityConfig>;

/** Pure: validates `env` and returns the frozen config; throws a one-line ConfigError naming every problem. */
export function loadIdentityConfig(env: Env) {
  return parseEnv('identity', identityEnvSchema, env);
}
