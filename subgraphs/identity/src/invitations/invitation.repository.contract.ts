import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from '@jest/globals';
import { at, newUser, T0 } from '../testing/fixtures.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';
import type { Invitation } from './invitation.repository.js';

export type InvitationContractRepos = Pick<Repositories, 'users' | 'invitations'>;

const invitation = (inviterId: string, overrides: Partial<Invitation> = {}): Invitation => ({
  id: randomUUID(),
  codeHash: `${randomUUID()}${randomUUID()}`.replaceAll('-', ''),
  inviterId,
  emailNormalized: null,
  createdAt: T0,
  expiresAt: at(7 * 86400),
  acceptedBy: null,
  acceptedAt: null,
  ...overrides,
});

/** What every {@link InvitationRepository} does, run against the SQL one (PostgreSQL) and its in-memory twin. */
export function invitationRepositoryContract(name: string, setup: ContractSetup<InvitationContractRepos>): void {
  describe(`InvitationRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    const seedUser = async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      return user.id;
    };
    const seed = (...invitations: Invitation[]) =>
      db.transact(async (tx) => {
        for (const i of invitations) await tx.invitations.create(i);
      });

    it('finds a created invitation by its code hash, not yet accepted; null for an unknown hash', async () => {
      const inviterId = await seedUser();
      const i = invitation(inviterId, { emailNormalized: 'friend@example.com' });
      await seed(i);
      expect(await db.transact((tx) => tx.invitations.findByCodeHashForUpdate(i.codeHash))).toEqual(i);
      expect(await db.transact((tx) => tx.invitations.findByCodeHashForUpdate('f'.repeat(64)))).toBeNull();
    });

    it('marks an invitation accepted by a user at a time', async () => {
      const inviterId = await seedUser();
      const inviteeId = await seedUser();
      const i = invitation(inviterId);
      await seed(i);
      await db.transact((tx) => tx.invitations.markAccepted(i.id, inviteeId, at(60)));
      expect(await db.transact((tx) => tx.invitations.findByCodeHashForUpdate(i.codeHash))).toEqual({
        ...i,
        acceptedBy: inviteeId,
        acceptedAt: at(60),
      });
    });

    it('lists newest first (ties by id), bounded by the limit, all of them or only one inviter’s', async () => {
      const alice = await seedUser();
      const bob = await seedUser();
      const a1 = invitation(alice, { createdAt: at(10) });
      const a2 = invitation(alice, { createdAt: at(30), id: '00000000-0000-4000-8000-00000000000b' });
      const a3 = invitation(alice, { createdAt: at(30), id: '00000000-0000-4000-8000-00000000000a' });
      const b1 = invitation(bob, { createdAt: at(20) });
      await seed(a1, a2, a3, b1);
      const ids = (rows: Invitation[]) => rows.map((r) => r.id);
      expect(ids(await db.transact((tx) => tx.invitations.list(null, 10)))).toEqual([a3.id, a2.id, b1.id, a1.id]);
      expect(ids(await db.transact((tx) => tx.invitations.list(alice, 10)))).toEqual([a3.id, a2.id, a1.id]);
      expect(ids(await db.transact((tx) => tx.invitations.list(alice, 2)))).toEqual([a3.id, a2.id]);
      expect(ids(await db.transact((tx) => tx.invitations.list(bob, 10)))).toEqual([b1.id]);
      expect(await db.transact((tx) => tx.invitations.list(randomUUID(), 10))).toEqual([]);
    });

    it('refuses a second invitation with the same code hash', async () => {
      const inviterId = await seedUser();
      const i = invitation(inviterId);
      await seed(i);
      const duplicate = invitation(inviterId, { codeHash: i.codeHash });
      await expect(seed(duplicate)).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await db.transact((tx) => tx.invitations.list(inviterId, 10))).toEqual([i]);
    });

    it('keeps nothing of a transaction that throws', async () => {
      const inviterId = await seedUser();
      const kept = invitation(inviterId);
      await seed(kept);
      const lost = invitation(inviterId);
      await expect(
        db.transact(async (tx) => {
          await tx.invitations.create(lost);
          await tx.invitations.markAccepted(kept.id, inviterId, at(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.invitations.list(inviterId, 10))).toEqual([kept]);
    });
  });
}
