import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { at, T0 } from '../testing/fixtures.js';
import type { SigningKey } from './signing-key.entity.js';
import { SigningKeyConflictError } from './signing-key.repository.js';
import type { SigningKeyRepository } from './signing-key.repository.js';

/** One backend of the signing-key contract: a repository over an empty table, and how to empty it again. */
export type SigningKeyContractSetup = () => Promise<{ repo: SigningKeyRepository; cleanup(): Promise<void> }>;

let next = 0;

/** A row the table accepts: the published JWK names its own kid and holds RSA public members only. */
const key = (overrides: Partial<SigningKey> = {}): SigningKey => {
  next += 1;
  const kid = overrides.kid ?? `kid-${next}-${Math.random().toString(36).slice(2, 10)}`;
  return {
    kid,
    alg: 'RS256',
    publicJwk: { kty: 'RSA', n: `modulus-${kid}`, e: 'AQAB', kid, alg: 'RS256', use: 'sig' },
    privateKeyEnc: `sealed-${kid}`,
    status: 'current',
    createdAt: T0,
    retiredAt: null,
    expiresFromJwksAt: null,
    ...overrides,
  };
};

const kids = (rows: SigningKey[]) => rows.map((r) => r.kid).sort();

/** What every {@link SigningKeyRepository} does, run against the SQL one (PostgreSQL) and the in-memory ones. */
export function signingKeyRepositoryContract(name: string, setup: SigningKeyContractSetup): void {
  describe(`SigningKeyRepository contract: ${name}`, () => {
    let backend: Awaited<ReturnType<SigningKeyContractSetup>>;
    beforeEach(async () => {
      backend = await setup();
    });
    afterEach(async () => {
      await backend.cleanup();
    });

    it('has no current key before the first insert, then the inserted one', async () => {
      const { repo } = backend;
      expect(await repo.findCurrent()).toBeNull();
      expect(await repo.findPublished(T0)).toEqual([]);
      const k = key();
      await repo.insert(k);
      expect(await repo.findCurrent()).toEqual(k);
    });

    it('refuses a second current key and a taken kid with SigningKeyConflictError, writing nothing', async () => {
      const { repo } = backend;
      const first = key();
      await repo.insert(first);
      await expect(repo.insert(key())).rejects.toBeInstanceOf(SigningKeyConflictError);
      const sameKid = key({ kid: first.kid, status: 'retired', retiredAt: T0, expiresFromJwksAt: at(60) });
      await expect(repo.insert(sameKid)).rejects.toBeInstanceOf(SigningKeyConflictError);
      expect(kids(await repo.findPublished(T0))).toEqual([first.kid]);
    });

    it('retires only the current key, once; the retired key stays published until its expiry', async () => {
      const { repo } = backend;
      const k = key();
      await repo.insert(k);
      expect(await repo.retire(k.kid, at(10), at(1000))).toBe(true);
      expect(await repo.retire(k.kid, at(20), at(2000))).toBe(false);
      expect(await repo.retire('unknown-kid', at(20), at(2000))).toBe(false);
      expect(await repo.findCurrent()).toBeNull();
      const [retired] = await repo.findPublished(at(999));
      expect(retired).toEqual({ ...k, status: 'retired', retiredAt: at(10), expiresFromJwksAt: at(1000) });
      expect(await repo.findPublished(at(1000))).toEqual([]);
    });

    it('publishes the current key and the retired keys not yet expired from the JWKS', async () => {
      const { repo } = backend;
      const expired = key({ status: 'retired', retiredAt: at(-100), expiresFromJwksAt: at(-1) });
      const lingering = key({ status: 'retired', retiredAt: at(-10), expiresFromJwksAt: at(50) });
      const current = key();
      for (const k of [expired, lingering, current]) await repo.insert(k);
      expect(kids(await repo.findPublished(T0))).toEqual(kids([lingering, current]));
      expect(kids(await repo.findPublished(at(50)))).toEqual([current.kid]);
    });

    it('a rotation in a transaction is all or nothing', async () => {
      const { repo } = backend;
      const old = key();
      await repo.insert(old);
      const fresh = key({ status: 'current' });
      await expect(
        repo.transactional(async (tx) => {
          await tx.retire(old.kid, at(1), at(100));
          await tx.insert(fresh);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await repo.findCurrent()).toEqual(old);
      await repo.transactional(async (tx) => {
        expect(await tx.retire(old.kid, at(1), at(100))).toBe(true);
        await tx.insert(fresh);
      });
      expect(await repo.findCurrent()).toEqual(fresh);
      expect(kids(await repo.findPublished(at(2)))).toEqual(kids([old, fresh]));
    });
  });
}
