import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { at, newUser } from '../testing/fixtures.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';

export type LockoutContractRepos = Pick<Repositories, 'users' | 'lockout'>;

/** What every {@link LockoutRepository} does, run against the SQL one (PostgreSQL) and its in-memory twin. */
export function lockoutRepositoryContract(name: string, setup: ContractSetup<LockoutContractRepos>): void {
  describe(`LockoutRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    const seedUser = async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      return user.id;
    };

    it('answers null for an unknown user, and no failures and no lock for a new one', async () => {
      const userId = await seedUser();
      const read = await db.transact(async (tx) => ({
        unknown: await tx.lockout.read(randomUUID()),
        unknownLocked: await tx.lockout.lockForUpdate(randomUUID()),
        fresh: await tx.lockout.read(userId),
        freshLocked: await tx.lockout.lockForUpdate(userId),
      }));
      expect(read).toEqual({
        unknown: null,
        unknownLocked: null,
        fresh: { failedLoginCount: 0, lockedUntil: null },
        freshLocked: { failedLoginCount: 0, lockedUntil: null },
      });
    });

    it('writes the state and reads it back, by both reads', async () => {
      const userId = await seedUser();
      await db.transact((tx) => tx.lockout.write(userId, { failedLoginCount: 10, lockedUntil: at(60) }));
      expect(await db.transact((tx) => tx.lockout.read(userId))).toEqual({ failedLoginCount: 10, lockedUntil: at(60) });
      expect(await db.transact((tx) => tx.lockout.lockForUpdate(userId))).toEqual({ failedLoginCount: 10, lockedUntil: at(60) });
      await db.transact((tx) => tx.lockout.write(userId, { failedLoginCount: 11, lockedUntil: null }));
      expect(await db.transact((tx) => tx.lockout.read(userId))).toEqual({ failedLoginCount: 11, lockedUntil: null });
    });

    it('clear goes back to no failures and no lock; writing or clearing an unknown user changes nothing', async () => {
      const userId = await seedUser();
      await db.transact((tx) => tx.lockout.write(userId, { failedLoginCount: 100, lockedUntil: at(900) }));
      await db.transact((tx) => tx.lockout.clear(userId));
      expect(await db.transact((tx) => tx.lockout.read(userId))).toEqual({ failedLoginCount: 0, lockedUntil: null });
      const ghost = randomUUID();
      await db.transact(async (tx) => {
        await tx.lockout.write(ghost, { failedLoginCount: 3, lockedUntil: null });
        await tx.lockout.clear(ghost);
      });
      expect(await db.transact((tx) => tx.lockout.read(ghost))).toBeNull();
    });

    it('is not overwritten by a change to the user entity saved later (no stale copy of the count)', async () => {
      const userId = await seedUser();
      await db.transact(async (tx) => {
        const user = await tx.users.findById(userId);
        await tx.lockout.write(userId, { failedLoginCount: 7, lockedUntil: null });
        if (user) user.updatedAt = at(30);
      });
      expect(await db.transact((tx) => tx.lockout.read(userId))).toEqual({ failedLoginCount: 7, lockedUntil: null });
    });

    it('keeps nothing of a transaction that throws', async () => {
      const userId = await seedUser();
      await db.transact((tx) => tx.lockout.write(userId, { failedLoginCount: 4, lockedUntil: null }));
      await expect(
        db.transact(async (tx) => {
          await tx.lockout.write(userId, { failedLoginCount: 5, lockedUntil: at(60) });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.lockout.read(userId))).toEqual({ failedLoginCount: 4, lockedUntil: null });
    });

    it('sets, reads and lifts an operator lock', async () => {
      const userId = await seedUser();
      expect(await db.transact((tx) => tx.lockout.adminLockOf(userId))).toBeNull();
      await db.transact((tx) => tx.lockout.setAdminLock(userId, { at: at(5), reason: 'abuse report' }));
      expect(await db.transact((tx) => tx.lockout.adminLockOf(userId))).toEqual({ at: at(5), reason: 'abuse report' });
      await db.transact((tx) => tx.lockout.setAdminLock(userId, null));
      expect(await db.transact((tx) => tx.lockout.adminLockOf(userId))).toBeNull();
      expect(await db.transact((tx) => tx.lockout.adminLockOf(randomUUID()))).toBeNull();
    });

    it('clearLocks lifts the operator lock and the failed-login lockout, telling whether there was anything to lift', async () => {
      const [adminLocked, counted, clean] = [await seedUser(), await seedUser(), await seedUser()];
      await db.transact(async (tx) => {
        await tx.lockout.setAdminLock(adminLocked, { at: at(1), reason: 'x' });
        await tx.lockout.write(counted, { failedLoginCount: 2, lockedUntil: null });
      });
      const lifted = await db.transact(async (tx) =>
        Promise.all([adminLocked, counted, clean, randomUUID()].map((id) => tx.lockout.clearLocks(id))),
      );
      expect(lifted).toEqual([true, true, false, false]);
      const after = await db.transact(async (tx) => ({
        admin: await tx.lockout.adminLockOf(adminLocked),
        counted: await tx.lockout.read(counted),
      }));
      expect(after).toEqual({ admin: null, counted: { failedLoginCount: 0, lockedUntil: null } });
      expect(await db.transact((tx) => tx.lockout.clearLocks(adminLocked))).toBe(false);
    });

    it('keeps the state of an email without an account by its digest: created at zero, written, read back', async () => {
      const digest = `digest-${randomUUID()}`;
      expect(await db.transact((tx) => tx.lockout.readUnknown(digest))).toBeNull();
      expect(await db.transact((tx) => tx.lockout.lockUnknownForUpdate(digest, at(0)))).toEqual({ failedLoginCount: 0, lockedUntil: null });
      await db.transact((tx) => tx.lockout.writeUnknown(digest, { failedLoginCount: 10, lockedUntil: at(60) }, at(1)));
      const read = await db.transact(async (tx) => ({
        plain: await tx.lockout.readUnknown(digest),
        locked: await tx.lockout.lockUnknownForUpdate(digest, at(2)),
        other: await tx.lockout.readUnknown(`digest-${randomUUID()}`),
      }));
      expect(read).toEqual({
        plain: { failedLoginCount: 10, lockedUntil: at(60) },
        locked: { failedLoginCount: 10, lockedUntil: at(60) },
        other: null,
      });
    });

    it('counts failures per subject and source, and forgets one source or all of them', async () => {
      const subject = randomUUID();
      const other = randomUUID();
      const counts = await db.transact(async (tx) => [
        await tx.lockout.sourceFailures(subject, '203.0.113.0/24'),
        await tx.lockout.countSourceFailure(subject, '203.0.113.0/24', at(0)),
        await tx.lockout.countSourceFailure(subject, '203.0.113.0/24', at(1)),
        await tx.lockout.countSourceFailure(subject, '198.51.100.0/24', at(2)),
        await tx.lockout.countSourceFailure(other, '203.0.113.0/24', at(3)),
      ]);
      expect(counts).toEqual([0, 1, 2, 1, 1]);
      await db.transact((tx) => tx.lockout.clearSources(subject, '198.51.100.0/24'));
      const afterOne = await db.transact(async (tx) => [
        await tx.lockout.sourceFailures(subject, '203.0.113.0/24'),
        await tx.lockout.sourceFailures(subject, '198.51.100.0/24'),
      ]);
      expect(afterOne).toEqual([2, 0]);
      await db.transact((tx) => tx.lockout.clearSources(subject));
      const afterAll = await db.transact(async (tx) => [
        await tx.lockout.sourceFailures(subject, '203.0.113.0/24'),
        await tx.lockout.sourceFailures(other, '203.0.113.0/24'),
      ]);
      expect(afterAll).toEqual([0, 1]);
    });
  });
}
