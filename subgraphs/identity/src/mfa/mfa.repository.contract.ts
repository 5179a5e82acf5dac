import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { at, newUser, T0 } from '../testing/fixtures.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';

export type MfaContractRepos = Pick<Repositories, 'users' | 'mfa'>;

/** What every {@link MfaRepository} does, run against the SQL one (PostgreSQL) and its in-memory twin. */
export function mfaRepositoryContract(name: string, setup: ContractSetup<MfaContractRepos>): void {
  describe(`MfaRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    const seedUser = async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      return user.id;
    };

    it('has no credential for an unknown user and an empty one for a new user', async () => {
      const userId = await seedUser();
      expect(await db.transact((tx) => tx.mfa.findTotp(randomUUID()))).toBeNull();
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toEqual({ secretEncrypted: null, enabledAt: null, lastStep: null });
    });

    it('keeps a pending secret until enabled, a new one replacing it; refuses one once enabled', async () => {
      const userId = await seedUser();
      expect(await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'sealed-1'))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'sealed-2'))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toEqual({ secretEncrypted: 'sealed-2', enabledAt: null, lastStep: null });
      expect(await db.transact((tx) => tx.mfa.enable(userId, T0, 1000, 'sealed-2'))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'sealed-3'))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toEqual({ secretEncrypted: 'sealed-2', enabledAt: T0, lastStep: 1000 });
      expect(await db.transact((tx) => tx.mfa.savePendingSecret(randomUUID(), 'sealed'))).toBe(false);
    });

    it('enables only a pending secret, once', async () => {
      const userId = await seedUser();
      expect(await db.transact((tx) => tx.mfa.enable(userId, T0, 5, 'sealed'))).toBe(false);
      await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'sealed'));
      expect(await db.transact((tx) => tx.mfa.enable(userId, T0, 5, 'sealed'))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.enable(userId, at(30), 6, 'sealed'))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toMatchObject({ enabledAt: T0, lastStep: 5 });
    });

    it('enables only the pending secret the caller read: one replaced meanwhile by another setup stays pending', async () => {
      const userId = await seedUser();
      await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'sealed-read'));
      await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'sealed-replacing'));
      expect(await db.transact((tx) => tx.mfa.enable(userId, T0, 5, 'sealed-read'))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toEqual({
        secretEncrypted: 'sealed-replacing',
        enabledAt: null,
        lastStep: null,
      });
      expect(await db.transact((tx) => tx.mfa.enable(userId, T0, 5, 'sealed-replacing'))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toEqual({
        secretEncrypted: 'sealed-replacing',
        enabledAt: T0,
        lastStep: 5,
      });
    });

    it('advances the step only to a later one (a replayed or older step is refused)', async () => {
      const userId = await seedUser();
      expect(await db.transact((tx) => tx.mfa.advanceStep(userId, 100))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.advanceStep(userId, 100))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.advanceStep(userId, 99))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.advanceStep(userId, 101))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toMatchObject({ lastStep: 101 });
      expect(await db.transact((tx) => tx.mfa.advanceStep(randomUUID(), 1))).toBe(false);
    });

    it('burns each recovery code once and counts the unused ones, per user', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      await db.transact(async (tx) => {
        await tx.mfa.replaceRecoveryCodes(userId, ['h1', 'h2', 'h3'], T0);
        await tx.mfa.replaceRecoveryCodes(otherId, ['h1'], T0);
      });
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(userId))).toBe(3);
      expect(await db.transact((tx) => tx.mfa.burnRecoveryCode(userId, 'h2', at(1)))).toBe(true);
      expect(await db.transact((tx) => tx.mfa.burnRecoveryCode(userId, 'h2', at(2)))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.burnRecoveryCode(userId, 'unknown', at(2)))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(userId))).toBe(2);
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(otherId))).toBe(1);
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(randomUUID()))).toBe(0);
    });

    it('replacing the recovery codes makes the old ones unusable', async () => {
      const userId = await seedUser();
      await db.transact((tx) => tx.mfa.replaceRecoveryCodes(userId, ['old-1', 'old-2'], T0));
      await db.transact((tx) => tx.mfa.burnRecoveryCode(userId, 'old-1', at(1)));
      await db.transact((tx) => tx.mfa.replaceRecoveryCodes(userId, ['new-1', 'new-2', 'new-3'], at(2)));
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(userId))).toBe(3);
      expect(await db.transact((tx) => tx.mfa.burnRecoveryCode(userId, 'old-2', at(3)))).toBe(false);
      expect(await db.transact((tx) => tx.mfa.burnRecoveryCode(userId, 'new-2', at(3)))).toBe(true);
    });

    it('disable removes the secret, the step and every recovery code', async () => {
      const userId = await seedUser();
      await db.transact(async (tx) => {
        await tx.mfa.savePendingSecret(userId, 'sealed');
        await tx.mfa.enable(userId, T0, 7, 'sealed');
        await tx.mfa.replaceRecoveryCodes(userId, ['h1', 'h2'], T0);
      });
      await db.transact((tx) => tx.mfa.disable(userId));
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toEqual({ secretEncrypted: null, enabledAt: null, lastStep: null });
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(userId))).toBe(0);
      expect(await db.transact((tx) => tx.mfa.savePendingSecret(userId, 'again'))).toBe(true);
    });

    it('keeps nothing of a transaction that throws: a burnt code and an advanced step come back', async () => {
      const userId = await seedUser();
      await db.transact(async (tx) => {
        await tx.mfa.replaceRecoveryCodes(userId, ['h1'], T0);
        await tx.mfa.advanceStep(userId, 10);
      });
      await expect(
        db.transact(async (tx) => {
          await tx.mfa.burnRecoveryCode(userId, 'h1', at(1));
          await tx.mfa.advanceStep(userId, 11);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.mfa.countUnusedRecoveryCodes(userId))).toBe(1);
      expect(await db.transact((tx) => tx.mfa.findTotp(userId))).toMatchObject({ lastStep: 10 });
    });
  });
}
