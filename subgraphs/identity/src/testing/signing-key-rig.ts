// The signer and the rotation service wired over one signing-key repository, as identity wires them, for the key
// tests; and a repository spy that counts reads and can serve doctored rows.
import { AccessTokenSigner } from '../keys/access-token-signer.js';
import type { AccessTokenInput, AccessTokenSignerDeps } from '../keys/access-token-signer.js';
import { KeyRotationService } from '../keys/key-rotation.service.js';
import type { RotationContext } from '../keys/key-rotation.service.js';
import type { InMemorySigningKeyRepository } from '../keys/in-memory-signing-key.repository.js';
import type { SigningKey } from '../keys/signing-key.entity.js';
import type { SigningKeyRepository, SigningKeyTransaction } from '../keys/signing-key.repository.js';

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const TTL = 900;
export const SKEW = 30;
export const CACHE = 60;
export const ISSUER = 'https://auth.example.test';
export const AUDIENCE = 'cbp-api';

/** Counts reads and can serve doctored rows, to observe what the service asks the database for. */
export class SpyRepository implements SigningKeyRepository {
  findCurrentCalls = 0;
  doctor: ((row: SigningKey) => SigningKey) | null = null;
  constructor(readonly inner: InMemorySigningKeyRepository) {}
  async findCurrent(): Promise<SigningKey | null> {
    this.findCurrentCalls += 1;
    const row = await this.inner.findCurrent();
    return row && this.doctor ? this.doctor(row) : row;
  }
  findPublished(now: Date): Promise<SigningKey[]> {
    return this.inner.findPublished(now);
  }
  insert(key: SigningKey): Promise<void> {
    return this.inner.insert(key);
  }
  retire(kid: string, retiredAt: Date, expiresFromJwksAt: Date): Promise<boolean> {
    return this.inner.retire(kid, retiredAt, expiresFromJwksAt);
  }
  transactional<T>(work: (tx: SigningKeyTransaction) => Promise<T>): Promise<T> {
    return this.inner.transactional(work);
  }
}

export type KeyRigOverrides = Partial<Omit<AccessTokenSignerDeps, 'keys'>> & { keys?: SigningKeyRepository };

/** The signer and the rotation service over `keys` (the test's repository unless overridden). */
export function wireKeyServices(
  defaults: { keys: SigningKeyRepository; clock: () => Date; encryptionKey: Buffer },
  overrides: KeyRigOverrides = {},
) {
  const keys = overrides.keys ?? defaults.keys;
  const signer = new AccessTokenSigner({
    encryptionKey: defaults.encryptionKey,
    clock: defaults.clock,
    accessTokenTtlSeconds: TTL,
    issuer: ISSUER,
    audience: AUDIENCE,
    clockSkewSeconds: SKEW,
    currentKeyCacheSeconds: CACHE,
    ...overrides,
    keys,
  });
  const rotation = new KeyRotationService({
    transact: (fn) => keys.transactional((signingKeys) => fn({ signingKeys })),
    keys,
    signer,
    clock: defaults.clock,
    announceKeyRotation: () => Promise.resolve(),
    onEventsRecorded: () => undefined,
  });
  return {
    signer,
    rotation,
    ensureCurrentKey: () => signer.ensureCurrentKey(),
    signAccessToken: (input: AccessTokenInput) => signer.signAccessToken(input),
    rotate: (context?: RotationContext) => rotation.rotate(context),
    jwks: () => rotation.jwks(),
  };
}

export const kidsOf = async (keys: { jwks: KeyRotationService['jwks'] }): Promise<string[]> =>
  (await keys.jwks()).keys.map((k) => k.kid ?? '');
