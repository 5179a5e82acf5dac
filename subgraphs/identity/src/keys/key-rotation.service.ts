import type { JWK } from 'jose';
import { SCOPES } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import { assertScope } from '@cbp/service-kit';
import type { RequestIdentity, RequestMeta } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { AccessTokenSigner } from './access-token-signer.js';
import { SIGNING_ALG } from './signing-key.entity.js';
import type { SigningKey } from './signing-key.entity.js';
import { SigningKeyConflictError } from './signing-key.repository.js';
import type { SigningKeyRepository } from './signing-key.repository.js';

/** What `KeyRotationService` needs; each service names only what it uses. */
export interface KeyRotationServiceDeps {
  /** A transaction over the signing keys; key events go to its outbox. */
  transact: Transact<Pick<Repositories, 'signingKeys'>>;
  /** Reads outside a transaction (the JWKS, the overview). */
  keys: Pick<SigningKeyRepository, 'findPublished'>;
  /** Makes the new key pair, says how long a retired key stays published, and signs with the new key at once. */
  signer: Pick<AccessTokenSigner, 'generateKey' | 'adopt' | 'retiredKeyLeavesJwksAt'>;
  clock: () => Date;
  /** After an operator's rotation commits: tells the gateway (Redis `keys:rotated`) to reload the JWKS at once. */
  announceKeyRotation: (kid: string) => Promise<void>;
  /** Wakes the outbox relay after a commit that recorded events. */
  onEventsRecorded: () => void;
}

/** A signing key as the system overview shows it (no key material). */
export interface SigningKeyStatusView {
  kid: string;
  status: 'current' | 'retired';
  createdAt: Date;
  retiredAt: Date | null;
  leavesJwksAt: Date | null;
  ageSeconds: number;
}

export interface RotationResult {
  kid: string;
  previousKid: string | null;
}

/** Who asked for a rotation, for the `key.rotated` event. Omit for the system (a scheduled rotation). */
export interface RotationContext {
  actorId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Rotates identity's signing key and publishes the keys verifiers may meet (the JWKS, the operator's overview).
 * One instance per process, beside the `AccessTokenSigner` it hands new keys to; it holds no EntityManager.
 */
export class KeyRotationService {
  constructor(private readonly deps: KeyRotationServiceDeps) {}

  /**
   * Makes a new current key and retires the old one in one transaction, recording `key.rotated` in the outbox.
   * The old key stays in the JWKS until `expiresFromJwksAt`, so tokens it signed keep verifying until they expire.
   * @throws AppError CONFLICT when a concurrent rotation committed first (nothing is written).
   */
  async rotate(context: RotationContext = {}): Promise<RotationResult> {
    // Generated before the transaction opens: RSA generation takes tens to hundreds of milliseconds, which
    // must not be spent holding a row lock.
    const generated = await this.deps.signer.generateKey();
    const { kid } = generated.row;
    let result: RotationResult;
    let inserted: SigningKey = generated.row;
    try {
      result = await this.deps.transact(async ({ signingKeys: tx }) => {
        const now = this.deps.clock();
        const previous = await tx.findCurrent();
        // Conditional on the row still being current: of two concurrent rotations, the second updates nothing.
        if (previous && !(await tx.retire(previous.kid, now, this.deps.signer.retiredKeyLeavesJwksAt(now)))) {
          throw new SigningKeyConflictError('the current key was retired by a concurrent rotation');
        }
        inserted = { ...generated.row, createdAt: now };
        await tx.insert(inserted);
        const previousKid = previous?.kid ?? null;
        tx.recordEvent({ type: EVENT_TYPES.KEY_ROTATED, occurredAt: now, ...context, data: { kid, previousKid } });
        return { kid, previousKid };
      });
    } catch (err) {
      if (err instanceof SigningKeyConflictError) {
        throw new AppError(COMMON_ERRORS.CONFLICT, { message: 'Another key rotation finished first.', cause: err });
      }
      throw err;
    }
    this.deps.signer.adopt({ ...generated, row: inserted });
    return result;
  }

  /**
   * An operator's rotation: the old key stays in the JWKS until its tokens expire, and the rotation is announced
   * so the gateway accepts tokens of the new key at once. @throws FORBIDDEN (keys:rotate), CONFLICT (concurrent rotation).
   */
  async rotateSigningKey(identity: RequestIdentity, meta: RequestMeta): Promise<{ kid: string }> {
    assertScope(identity, SCOPES.KEYS_ROTATE);
    const { kid } = await this.rotate({
      actorId: identity.userId,
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    this.deps.onEventsRecorded();
    await this.deps.announceKeyRotation(kid);
    return { kid };
  }

  /**
   * The public JSON Web Key Set: the current key first, then retired keys still within their window, newest
   * first. Only `kty`, `n`, `e`, `kid`, `alg`, `use` are copied out, whatever the stored JSON holds.
   */
  async jwks(): Promise<{ keys: JWK[] }> {
    const rows = await this.deps.keys.findPublished(this.deps.clock());
    rows.sort(currentFirstThenNewest);
    return { keys: rows.map((row) => publicMembers(row)) };
  }

  /**
   * The keys verifiers may meet, for the operator's overview: the current one and the retired ones still in the
   * JWKS, with when they were made and when they leave it. Requires `system:read`.
   */
  async keyStatus(identity: RequestIdentity): Promise<SigningKeyStatusView[]> {
    assertScope(identity, SCOPES.SYSTEM_READ);
    const now = this.deps.clock();
    const rows = await this.deps.keys.findPublished(now);
    rows.sort(currentFirstThenNewest);
    return rows.map((row) => ({
      kid: row.kid,
      status: row.status,
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
      leavesJwksAt: row.expiresFromJwksAt,
      ageSeconds: Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / 1000)),
    }));
  }
}

function currentFirstThenNewest(a: SigningKey, b: SigningKey): number {
  return Number(a.status !== 'current') - Number(b.status !== 'current') || b.createdAt.getTime() - a.createdAt.getTime();
}

/** A fresh object with the public members only, so nothing else stored with the key can reach the JWKS. */
function publicMembers(row: SigningKey): JWK {
  return { kty: 'RSA', n: row.publicJwk.n, e: row.publicJwk.e, kid: row.kid, alg: SIGNING_ALG, use: 'sig' };
}
