import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from '@jest/globals';
import { at, newUser, T0 } from '../testing/fixtures.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';
import type { OneTimeToken } from './one-time-token.entity.js';

export type OneTimeTokenContractRepos = Pick<Repositories, 'users' | 'tokens'>;

const token = (userId: string, overrides: Partial<OneTimeToken> = {}): OneTimeToken => ({
  id: randomUUID(),
  userId,
  purpose: 'password_reset',
  tokenHash: `${randomUUID()}${randomUUID()}`.replaceAll('-', ''),
  createdAt: T0,
  expiresAt: at(3600),
  usedAt: null,
  ...overrides,
});

/** What every {@link OneTimeTokenRepository} does, run against the SQL one (PostgreSQL) and its in-memory twin. */
export function oneTimeTokenRepositoryContract(name: string, setup: ContractSetup<OneTimeTokenContractRepos>): void {
  describe(`OneTimeTokenRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    const seedUser = async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      return user.id;
    };
    const seed = (...tokens: OneTimeToken[]) =>
      db.transact(async (tx) => {
        for (const t of tokens) tx.tokens.create(t);
      });

    it('finds a token by its hash and purpose only; null for another purpose or an unknown hash', async () => {
      const userId = await seedUser();
      const reset = token(userId);
      await seed(reset);
      const read = await db.transact(async (tx) => ({
        found: await tx.tokens.findByHashForUpdate(reset.tokenHash, 'password_reset'),
        otherPurpose: await tx.tokens.findByHashForUpdate(reset.tokenHash, 'email_verification'),
        unknown: await tx.tokens.findByHashForUpdate('0'.repeat(64), 'password_reset'),
      }));
      expect(read.found).toMatchObject({ ...reset });
      expect(read.otherPurpose).toBeNull();
      expect(read.unknown).toBeNull();
    });

    it("keeps a verification token's pending password hash, and none for a token without one", async () => {
      const userId = await seedUser();
      const withPassword = token(userId, { purpose: 'email_verification', pendingPasswordHash: '$argon2id$pending' });
      const without = token(userId, { purpose: 'email_verification' });
      await seed(withPassword, without);
      const read = await db.transact(async (tx) => ({
        withPassword: (await tx.tokens.findByHashForUpdate(withPassword.tokenHash, 'email_verification'))?.pendingPasswordHash,
        without: (await tx.tokens.findByHashForUpdate(without.tokenHash, 'email_verification'))?.pendingPasswordHash ?? null,
      }));
      expect(read).toEqual({ withPassword: '$argon2id$pending', without: null });
    });

    it('returns expired and used tokens as stored (the caller judges them)', async () => {
      const userId = await seedUser();
      const expired = token(userId, { expiresAt: at(-1) });
      const used = token(userId, { usedAt: at(-30) });
      await seed(expired, used);
      expect(await db.transact((tx) => tx.tokens.findByHashForUpdate(expired.tokenHash, 'password_reset'))).toMatchObject({
        expiresAt: at(-1),
        usedAt: null,
      });
      expect(await db.transact((tx) => tx.tokens.findByHashForUpdate(used.tokenHash, 'password_reset'))).toMatchObject({
        usedAt: at(-30),
      });
    });

    it('burns a token when the transaction that found it marks it used', async () => {
      const userId = await seedUser();
      const t = token(userId);
      await seed(t);
      await db.transact(async (tx) => {
        const found = await tx.tokens.findByHashForUpdate(t.tokenHash, 'password_reset');
        if (!found) throw new Error('token missing');
        found.usedAt = at(10);
      });
      expect(await db.transact((tx) => tx.tokens.findByHashForUpdate(t.tokenHash, 'password_reset'))).toMatchObject({ usedAt: at(10) });
    });

    it('invalidateAll marks the unused tokens of the user and purpose used, and counts them', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      const a = token(userId);
      const b = token(userId, { expiresAt: at(-1) });
      const alreadyUsed = token(userId, { usedAt: at(-60) });
      const verification = token(userId, { purpose: 'email_verification' });
      const foreign = token(otherId);
      await seed(a, b, alreadyUsed, verification, foreign);
      expect(await db.transact((tx) => tx.tokens.invalidateAll(userId, 'password_reset', at(5)))).toBe(2);
      const usedAt = await db.transact(async (tx) =>
        Promise.all(
          [a, b, alreadyUsed, verification, foreign].map(
            async (t) => (await tx.tokens.findByHashForUpdate(t.tokenHash, t.purpose))?.usedAt,
          ),
        ),
      );
      expect(usedAt).toEqual([at(5), at(5), at(-60), null, null]);
      expect(await db.transact((tx) => tx.tokens.invalidateAll(userId, 'password_reset', at(6)))).toBe(0);
    });

    it('refuses a second token with the same hash, keeping nothing of that transaction', async () => {
      const userId = await seedUser();
      const t = token(userId);
      await seed(t);
      const duplicate = token(userId, { tokenHash: t.tokenHash, purpose: 'email_verification' });
      const sibling = token(userId);
      await expect(
        db.transact(async (tx) => {
          tx.tokens.create(sibling);
          tx.tokens.create(duplicate);
        }),
      ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await db.transact((tx) => tx.tokens.findByHashForUpdate(sibling.tokenHash, 'password_reset'))).toBeNull();
      expect(await db.transact((tx) => tx.tokens.findByHashForUpdate(t.tokenHash, 'email_verification'))).toBeNull();
    });
  });
}
