import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_TYPE } from '@cbp/service-kit';
import { rsaJwkThumbprint } from './jwk-thumbprint.js';
import { decryptSecretWithAny, encryptSecret, KEY_ENCRYPTION_KEY_BYTES } from './key-encryption.js';
import { SIGNING_ALG } from './signing-key.entity.js';
import type { PublicSigningJwk, SigningKey } from './signing-key.entity.js';
import { SigningKeyConflictError } from './signing-key.repository.js';
import type { SigningKeyRepository } from './signing-key.repository.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** RFC 7518 §3.3: RS256 keys are 2048 bits or larger. jose refuses smaller keys on both sides too. */
export const MIN_MODULUS_LENGTH = 2048;
const MAX_MODULUS_LENGTH = 8192;
const DEFAULT_CLOCK_SKEW_SECONDS = 30;
const DEFAULT_CURRENT_KEY_CACHE_SECONDS = 60;

/** What `AccessTokenSigner` needs; each service names only what it uses. */
export interface AccessTokenSignerDeps {
  /** Reads the current key; inserts the first one. */
  keys: Pick<SigningKeyRepository, 'findCurrent' | 'insert'>;
  /** The 32-byte KEY_ENCRYPTION_KEY (`parseKeyEncryptionKey` / `keyEncryptionKeyField`). */
  encryptionKey: Buffer;
  /** KEY_ENCRYPTION_KEY_PREVIOUS during a rotation: opens keys not yet re-sealed; never seals. */
  previousEncryptionKey?: Buffer;
  clock: () => Date;
  /** Lifetime of an access token (ACCESS_TOKEN_TTL_SECONDS); 900 in docs/design.md §5 (Authentication model). */
  accessTokenTtlSeconds: number;
  issuer: string;
  audience: string;
  /** RSA modulus of new keys in bits (SIGNING_KEY_BITS): default 2048, at least 2048, at most 8192. */
  modulusLength?: number;
  /** The clock difference verifiers allow; default 30, the verifier's `maxClockSkewSeconds` default. */
  clockSkewSeconds?: number;
  /**
   * How long an instance keeps signing with the current key it last read before reading again (default 60).
   * Rotation on this instance switches at once; other instances switch within this window.
   */
  currentKeyCacheSeconds?: number;
}

/** The claims an access token carries about its holder (docs/design.md §5 (Authentication model)). */
export interface AccessTokenInput {
  /** The user id. */
  sub: string;
  /** The session id; the gateway checks on every request that this session is still live. */
  sid: string;
  roles: readonly string[];
  /** Authentication methods used for the session: `pwd`, `otp`. */
  amr: readonly string[];
}

export interface SignedAccessToken {
  token: string;
  /** Seconds until `exp`, for the `expires_in` / `expiresIn` fields of login responses. */
  expiresIn: number;
  kid: string;
}

/** A new key pair: the row to store (private key sealed) and the private key, ready to sign. */
export interface GeneratedKey {
  row: SigningKey;
  privateKey: KeyObject;
}

/**
 * Signs identity's access tokens with the current signing key: creates the first key, caches the current one
 * and each decrypted private key, and makes the key pairs a rotation stores (`KeyRotationService`).
 * One instance per process (it caches keys in memory); it holds no EntityManager.
 */
export class AccessTokenSigner {
  private readonly modulusLength: number;
  private readonly clockSkewSeconds: number;
  private readonly cacheMs: number;
  /** The current key as last read, and when (by the injected clock). */
  private cached: { key: SigningKey; loadedAtMs: number } | null = null;
  private loading: Promise<SigningKey> | null = null;
  /** Decrypted private keys by kid: each is decrypted (and checked against its kid) once per process. */
  private readonly privateKeys = new Map<string, KeyObject>();

  constructor(private readonly deps: AccessTokenSignerDeps) {
    this.modulusLength = deps.modulusLength ?? MIN_MODULUS_LENGTH;
    this.clockSkewSeconds = deps.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    this.cacheMs = (deps.currentKeyCacheSeconds ?? DEFAULT_CURRENT_KEY_CACHE_SECONDS) * 1000;
    if (!Number.isInteger(this.modulusLength) || this.modulusLength < MIN_MODULUS_LENGTH || this.modulusLength > MAX_MODULUS_LENGTH) {
      throw new RangeError(`modulusLength must be an integer from ${MIN_MODULUS_LENGTH} to ${MAX_MODULUS_LENGTH}`);
    }
    if (!Number.isInteger(deps.accessTokenTtlSeconds) || deps.accessTokenTtlSeconds < 1)
      throw new RangeError('accessTokenTtlSeconds must be a positive integer');
    if (!Number.isInteger(this.clockSkewSeconds) || this.clockSkewSeconds < 0)
      throw new RangeError('clockSkewSeconds must be a non-negative integer');
    if (!Number.isFinite(this.cacheMs) || this.cacheMs < 0) throw new RangeError('currentKeyCacheSeconds must be non-negative');
    if (deps.encryptionKey.length !== KEY_ENCRYPTION_KEY_BYTES)
      throw new RangeError(`encryptionKey must be ${KEY_ENCRYPTION_KEY_BYTES} bytes`);
    if (!deps.issuer || !deps.audience) throw new RangeError('issuer and audience are required');
  }

  /**
   * Makes sure a current key exists, generating one when none does. Call at start. Safe when several instances
   * start at once: the partial unique index lets one insert win and the others adopt the winner's key.
   * @returns the current kid, and whether this call created it.
   */
  async ensureCurrentKey(): Promise<{ kid: string; created: boolean }> {
    const { key, created } = await this.ensureCurrent();
    return { kid: key.kid, created };
  }

  /**
   * Signs an RS256 access token with the current key: header `{ alg, kid, typ: 'at+jwt' }`, claims `iss`, `aud`,
   * `sub`, `sid`, `iat`, `exp` (= iat + TTL), `jti`, `roles`, `amr`. Reads the database only when its cached
   * current key is older than the cache window (or absent).
   * @throws TypeError on malformed input; KeyDecryptionError when KEY_ENCRYPTION_KEY cannot open the stored key.
   */
  async signAccessToken(input: AccessTokenInput): Promise<SignedAccessToken> {
    assertClaims(input);
    const key = await this.currentKey();
    const privateKey = this.privateKeyOf(key);
    const iat = Math.floor(this.deps.clock().getTime() / 1000);
    const ttl = this.deps.accessTokenTtlSeconds;
    const token = await new SignJWT({ sid: input.sid, roles: [...input.roles], amr: [...input.amr] })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(this.deps.issuer)
      .setAudience(this.deps.audience)
      .setSubject(input.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      // 128 random bits: unique per token, so a token can be named in logs and deny lists.
      .setJti(randomBytes(16).toString('base64url'))
      .sign(privateKey);
    return { token, expiresIn: ttl, kid: key.kid };
  }

  /**
   * When a key retired at `retiredAt` may leave the JWKS: after the last token it can have signed has expired.
   * That last token may be signed up to one cache window after retirement (by an instance that has not re-read
   * the current key yet), lives one TTL, and is accepted for one clock skew more by verifiers.
   */
  retiredKeyLeavesJwksAt(retiredAt: Date): Date {
    const seconds = this.deps.accessTokenTtlSeconds + this.clockSkewSeconds;
    return new Date(retiredAt.getTime() + seconds * 1000 + this.cacheMs);
  }

  /**
   * Signs with `key` from now on: a rotation committed on this instance switches at once; other instances switch
   * when their cache window ends (see `retiredKeyLeavesJwksAt`).
   */
  adopt(key: GeneratedKey): void {
    this.privateKeys.set(key.row.kid, key.privateKey);
    this.remember(key.row);
  }

  private async currentKey(): Promise<SigningKey> {
    const now = this.deps.clock().getTime();
    if (this.cached && now >= this.cached.loadedAtMs && now - this.cached.loadedAtMs < this.cacheMs) return this.cached.key;
    // One read for a burst of logins arriving when the window ends, not one each.
    this.loading ??= this.ensureCurrent()
      .then(({ key }) => key)
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async ensureCurrent(): Promise<{ key: SigningKey; created: boolean }> {
    const existing = await this.deps.keys.findCurrent();
    if (existing) {
      this.remember(existing);
      return { key: existing, created: false };
    }
    const generated = await this.generateKey();
    try {
      await this.deps.keys.insert(generated.row);
    } catch (err) {
      if (!(err instanceof SigningKeyConflictError)) throw err;
      // Another instance inserted its first key between our read and our insert; the index kept exactly one.
      const winner = await this.deps.keys.findCurrent();
      if (!winner) throw err;
      this.remember(winner);
      return { key: winner, created: false };
    }
    this.privateKeys.set(generated.row.kid, generated.privateKey);
    this.remember(generated.row);
    return { key: generated.row, created: true };
  }

  private remember(key: SigningKey): void {
    // Only the current key signs, so private keys of any other kid are dropped from memory.
    for (const kid of this.privateKeys.keys()) if (kid !== key.kid) this.privateKeys.delete(kid);
    this.cached = { key, loadedAtMs: this.deps.clock().getTime() };
  }

  private privateKeyOf(key: SigningKey): KeyObject {
    const cached = this.privateKeys.get(key.kid);
    if (cached) return cached;
    // The kid is the aad: a sealed key moved into another row does not open.
    const pem = decryptSecretWithAny(
      key.privateKeyEnc,
      [this.deps.encryptionKey, ...(this.deps.previousEncryptionKey ? [this.deps.previousEncryptionKey] : [])],
      key.kid,
    );
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: pem, format: 'pem' });
    } finally {
      pem.fill(0);
    }
    // The kid must be the thumbprint of this very key, or verifiers would look up a different public key.
    const { kty, n, e } = createPublicKey(privateKey).export({ format: 'jwk' });
    if (
      kty !== 'RSA' ||
      typeof n !== 'string' ||
      typeof e !== 'string' ||
      rsaJwkThumbprint({ kty, n, e }) !== key.kid ||
      n !== key.publicJwk.n
    ) {
      throw new Error(`signing key ${key.kid}: the stored private key does not match its kid`);
    }
    this.privateKeys.set(key.kid, privateKey);
    return privateKey;
  }

  /** A new RSA key pair, its private key sealed under KEY_ENCRYPTION_KEY with the kid as aad. Stores nothing. */
  async generateKey(): Promise<GeneratedKey> {
    const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: this.modulusLength, publicExponent: 0x10001 });
    const { n, e } = publicKey.export({ format: 'jwk' });
    if (typeof n !== 'string' || typeof e !== 'string') throw new Error('RSA public key export has no n/e');
    const kid = rsaJwkThumbprint({ kty: 'RSA', n, e });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    const publicJwk: PublicSigningJwk = { kty: 'RSA', n, e, kid, alg: SIGNING_ALG, use: 'sig' };
    return {
      privateKey,
      row: {
        kid,
        alg: SIGNING_ALG,
        publicJwk,
        privateKeyEnc: encryptSecret(pem, this.deps.encryptionKey, kid),
        status: 'current',
        createdAt: this.deps.clock(),
        retiredAt: null,
        expiresFromJwksAt: null,
      },
    };
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function assertClaims(input: AccessTokenInput): void {
  if (typeof input.sub !== 'string' || input.sub === '') throw new TypeError('sub must be a non-empty string');
  if (typeof input.sid !== 'string' || input.sid === '') throw new TypeError('sid must be a non-empty string');
  if (!isStringArray(input.roles)) throw new TypeError('roles must be an array of strings');
  if (!isStringArray(input.amr)) throw new TypeError('amr must be an array of strings');
}
