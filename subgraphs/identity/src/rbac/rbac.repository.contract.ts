import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { at, newUser, T0 } from '../testing/fixtures.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';
import { SCOPES } from './roles.js';

export type RbacContractRepos = Pick<Repositories, 'users' | 'rbac'>;

/** What every {@link RbacRepository} does, run against the SQL one (PostgreSQL, seeded roles) and its in-memory twin. */
export function rbacRepositoryContract(name: string, setup: ContractSetup<RbacContractRepos>): void {
  describe(`RbacRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    const seedUser = async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      return user.id;
    };

    it('knows the seeded roles and no others', async () => {
      const exists = await db.transact(async (tx) =>
        Promise.all(['user', 'support', 'admin', 'root', 'Admin', ''].map((r) => tx.rbac.roleExists(r))),
      );
      expect(exists).toEqual([true, true, true, false, false, false]);
    });

    it('a user without grants has no roles and no scopes', async () => {
      const userId = await seedUser();
      expect(await db.transact((tx) => tx.rbac.grantsOf(userId))).toEqual({ roles: [], scopes: [] });
      expect(await db.transact((tx) => tx.rbac.rolesForUpdate(userId))).toEqual([]);
    });

    it('grants once (a second grant of a held role answers false) and reports roles and scopes sorted', async () => {
      const userId = await seedUser();
      const granterId = await seedUser();
      expect(await db.transact((tx) => tx.rbac.grant(userId, 'user', null, T0))).toBe(true);
      expect(await db.transact((tx) => tx.rbac.grant(userId, 'support', granterId, at(1)))).toBe(true);
      expect(await db.transact((tx) => tx.rbac.grant(userId, 'support', granterId, at(2)))).toBe(false);
      expect(await db.transact((tx) => tx.rbac.grantsOf(userId))).toEqual({
        roles: ['support', 'user'],
        scopes: ['audit:read', 'sessions:read', 'sessions:revoke', 'users:read'],
      });
      expect(await db.transact((tx) => tx.rbac.rolesForUpdate(userId))).toEqual(['support', 'user']);
    });

    it('the scopes of several roles are their union, without duplicates', async () => {
      const userId = await seedUser();
      await db.transact(async (tx) => {
        for (const role of ['admin', 'support', 'user']) await tx.rbac.grant(userId, role, null, T0);
      });
      const grants = await db.transact((tx) => tx.rbac.grantsOf(userId));
      expect(grants.roles).toEqual(['admin', 'support', 'user']);
      expect(grants.scopes).toEqual([...SCOPES].sort());
    });

    it('revokes a held role once (false when not held), and only for that user', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      await db.transact(async (tx) => {
        for (const id of [userId, otherId]) {
          await tx.rbac.grant(id, 'user', null, T0);
          await tx.rbac.grant(id, 'admin', null, T0);
        }
      });
      expect(await db.transact((tx) => tx.rbac.revoke(userId, 'admin'))).toBe(true);
      expect(await db.transact((tx) => tx.rbac.revoke(userId, 'admin'))).toBe(false);
      expect(await db.transact((tx) => tx.rbac.revoke(randomUUID(), 'user'))).toBe(false);
      expect(await db.transact((tx) => tx.rbac.rolesForUpdate(userId))).toEqual(['user']);
      expect(await db.transact((tx) => tx.rbac.rolesForUpdate(otherId))).toEqual(['admin', 'user']);
    });

    it('keeps nothing of a transaction that throws', async () => {
      const userId = await seedUser();
      await db.transact((tx) => tx.rbac.grant(userId, 'user', null, T0));
      await expect(
        db.transact(async (tx) => {
          await tx.rbac.grant(userId, 'admin', null, T0);
          await tx.rbac.revoke(userId, 'user');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.rbac.rolesForUpdate(userId))).toEqual(['user']);
    });

    it('rolesOfUsers maps every asked id to its sorted roles, empty for users without any', async () => {
      const [a, b] = [await seedUser(), await seedUser()];
      const unknown = randomUUID();
      await db.transact(async (tx) => {
        await tx.rbac.grant(a, 'user', null, T0);
        await tx.rbac.grant(a, 'admin', null, T0);
      });
      const roles = await db.transact((tx) => tx.rbac.rolesOfUsers([a, b, unknown]));
      expect(roles.size).toBe(3);
      expect(roles.get(a)).toEqual(['admin', 'user']);
      expect(roles.get(b)).toEqual([]);
      expect(roles.get(unknown)).toEqual([]);
      expect((await db.transact((tx) => tx.rbac.rolesOfUsers([]))).size).toBe(0);
    });
  });
}
