import { describe, expect, it } from '@jest/globals';
import { at, newUser, sorted, T0 } from '../testing/fixtures.js';
import type { User } from './user.entity.js';
import type { UserListQuery, UserSummary } from './user.repository.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';

export type UserContractRepos = Pick<Repositories, 'users' | 'lockout' | 'mfa' | 'rbac'>;

/** What every {@link UserRepository} does, run against the SQL one (PostgreSQL) and its in-memory twin. */
export function userRepositoryContract(name: string, setup: ContractSetup<UserContractRepos>): void {
  describe(`UserRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    it('finds a created user by id and by normalised email; null for unknown ones', async () => {
      const user = newUser({ email: ' Alice.Example@Example.COM', emailNormalized: 'alice.example@example.com' });
      await db.transact((tx) => tx.users.create(user));
      const { byId, byEmail, unknown, unknownEmail } = await db.transact(async (tx) => ({
        byId: await tx.users.findById(user.id),
        byEmail: await tx.users.findByEmail('alice.example@example.com'),
        unknown: await tx.users.findById(newUser().id),
        unknownEmail: await tx.users.findByEmail('nobody@example.com'),
      }));
      expect(byId).toMatchObject({ ...user });
      expect(byEmail).toMatchObject({ id: user.id, email: ' Alice.Example@Example.COM' });
      expect(unknown).toBeNull();
      expect(unknownEmail).toBeNull();
    });

    it('compares emails through the normalised column only (the caller normalises)', async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      expect(await db.transact((tx) => tx.users.findByEmail(user.email))).toBeNull();
      expect(await db.transact((tx) => tx.users.findByEmail(user.emailNormalized))).toMatchObject({ id: user.id });
    });

    it('refuses a second user with the same normalised email with EMAIL_IN_USE, leaving the first as it was', async () => {
      const first = newUser({ email: 'bob@example.com', emailNormalized: 'bob@example.com' });
      await db.transact((tx) => tx.users.create(first));
      const second = newUser({ email: 'BOB@example.com', emailNormalized: 'bob@example.com', passwordHash: 'other' });
      await expect(db.transact((tx) => tx.users.create(second))).rejects.toMatchObject({ code: 'EMAIL_IN_USE', status: 409 });
      expect(await db.transact((tx) => tx.users.findById(second.id))).toBeNull();
      expect(await db.transact((tx) => tx.users.findByEmail('bob@example.com'))).toMatchObject({ id: first.id, email: 'bob@example.com' });
    });

    it('findByIds returns the users that exist among the ids, and nothing for none', async () => {
      const [a, b, c] = [newUser(), newUser(), newUser()];
      await db.transact(async (tx) => {
        for (const u of [a, b, c]) await tx.users.create(u);
      });
      const found = await db.transact((tx) => tx.users.findByIds([a.id, c.id, newUser().id]));
      expect(sorted(found.map((u) => u.id))).toEqual(sorted([a.id, c.id]));
      expect(await db.transact((tx) => tx.users.findByIds([]))).toEqual([]);
    });

    it('saves a change made to a found user inside the transaction (password reset, rehash)', async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      await db.transact(async (tx) => {
        const found = await tx.users.findById(user.id);
        if (!found) throw new Error('user missing');
        found.passwordHash = 'new-hash';
        found.emailVerifiedAt = at(60);
        found.updatedAt = at(60);
      });
      expect(await db.transact((tx) => tx.users.findById(user.id))).toMatchObject({
        passwordHash: 'new-hash',
        emailVerifiedAt: at(60),
        updatedAt: at(60),
        createdAt: T0,
      });
    });

    it('keeps nothing of a transaction that throws', async () => {
      const user = newUser();
      await expect(
        db.transact(async (tx) => {
          await tx.users.create(user);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.users.findById(user.id))).toBeNull();
      // The email is free again: the unique index holds no trace of the rolled-back row.
      await db.transact((tx) => tx.users.create({ ...user }));
      expect(await db.transact((tx) => tx.users.findByEmail(user.emailNormalized))).toMatchObject({ id: user.id });
      await expect(
        db.transact(async (tx) => {
          const found = await tx.users.findById(user.id);
          if (found) found.passwordHash = 'changed-then-rolled-back';
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.users.findById(user.id))).toMatchObject({ passwordHash: user.passwordHash });
    });

    describe('the operator list', () => {
      // `locked` is judged against the database's clock (now()), so lock times here are relative to the real now.
      const fromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);
      const seed = async (users: User[]) =>
        db.transact(async (tx) => {
          for (const u of users) await tx.users.create(u);
        });
      const ids = (rows: UserSummary[]) => rows.map((r) => r.id);

      it('orders by (createdAt, id) and pages with the keyset cursor, bounded by the limit', async () => {
        const a = newUser({ createdAt: at(10), id: '00000000-0000-4000-8000-00000000000a' });
        const b = newUser({ createdAt: at(20), id: '00000000-0000-4000-8000-00000000000c' });
        const c = newUser({ createdAt: at(20), id: '00000000-0000-4000-8000-00000000000b' });
        const d = newUser({ createdAt: at(30), id: '00000000-0000-4000-8000-000000000001' });
        await seed([d, b, a, c]);
        expect(ids(await db.transact((tx) => tx.users.list({ limit: 10 })))).toEqual([a.id, c.id, b.id, d.id]);
        const first = await db.transact((tx) => tx.users.list({ limit: 2 }));
        expect(ids(first)).toEqual([a.id, c.id]);
        const last = first[first.length - 1];
        const second = await db.transact((tx) =>
          tx.users.list({ limit: 2, after: last ? { createdAt: last.createdAt, id: last.id } : null }),
        );
        expect(ids(second)).toEqual([b.id, d.id]);
        expect(await db.transact((tx) => tx.users.list({ limit: 2, after: { createdAt: d.createdAt, id: d.id } }))).toEqual([]);
      });

      it('searches a case-insensitive substring of the email, wildcards taken literally', async () => {
        const underscore = newUser({ email: 'Ann_Lee@Example.com', emailNormalized: 'ann_lee@example.com' });
        const lookalike = newUser({ email: 'annxlee@example.com', emailNormalized: 'annxlee@example.com' });
        const percent = newUser({ email: '100%sure@example.com', emailNormalized: '100%sure@example.com' });
        await seed([underscore, lookalike, percent]);
        expect(ids(await db.transact((tx) => tx.users.list({ search: '  ANN_', limit: 10 })))).toEqual([underscore.id]);
        expect(sorted(ids(await db.transact((tx) => tx.users.list({ search: 'lee@', limit: 10 }))))).toEqual(
          sorted([underscore.id, lookalike.id]),
        );
        expect(ids(await db.transact((tx) => tx.users.list({ search: '%', limit: 10 })))).toEqual([percent.id]);
      });

      it('filters by verified, role, TOTP and locked (an operator lock, or a failed-login lock not yet over)', async () => {
        const plain = newUser({ createdAt: at(1) });
        const unverified = newUser({ createdAt: at(2), emailVerifiedAt: null });
        const admin = newUser({ createdAt: at(3) });
        const withTotp = newUser({ createdAt: at(4) });
        const adminLocked = newUser({ createdAt: at(5) });
        const lockedOut = newUser({ createdAt: at(6) });
        const lockOver = newUser({ createdAt: at(7) });
        await seed([plain, unverified, admin, withTotp, adminLocked, lockedOut, lockOver]);
        await db.transact(async (tx) => {
          await tx.rbac.grant(admin.id, 'admin', null, T0);
          await tx.mfa.savePendingSecret(withTotp.id, 'sealed');
          await tx.mfa.enable(withTotp.id, T0, 1, 'sealed');
          await tx.lockout.setAdminLock(adminLocked.id, { at: T0, reason: 'abuse' });
          await tx.lockout.write(lockedOut.id, { failedLoginCount: 10, lockedUntil: fromNow(3600) });
          await tx.lockout.write(lockOver.id, { failedLoginCount: 10, lockedUntil: fromNow(-3600) });
        });
        const list = (q: Omit<UserListQuery, 'limit'>) => db.transact((tx) => tx.users.list({ ...q, limit: 50 }));
        expect(ids(await list({ verified: false }))).toEqual([unverified.id]);
        expect(ids(await list({ role: 'admin' }))).toEqual([admin.id]);
        expect(ids(await list({ totpEnabled: true }))).toEqual([withTotp.id]);
        expect(ids(await list({ locked: true }))).toEqual([adminLocked.id, lockedOut.id]);
        expect(ids(await list({ locked: false, verified: true, totpEnabled: false, role: 'nobody' }))).toEqual([]);
        expect(ids(await list({ locked: false, verified: true, totpEnabled: false }))).toEqual([plain.id, admin.id, lockOver.id]);
      });

      it('summarises one account (roles sorted, locks, TOTP), null for an unknown id', async () => {
        const user = newUser();
        await seed([user]);
        await db.transact(async (tx) => {
          await tx.rbac.grant(user.id, 'user', null, T0);
          await tx.rbac.grant(user.id, 'admin', null, T0);
          await tx.lockout.setAdminLock(user.id, { at: at(5), reason: 'suspicious' });
        });
        expect(await db.transact((tx) => tx.users.findSummaryForUpdate(user.id))).toEqual({
          id: user.id,
          email: user.email,
          emailVerifiedAt: user.emailVerifiedAt,
          createdAt: user.createdAt,
          adminLockedAt: at(5),
          lockReason: 'suspicious',
          locked: true,
          totpEnabled: false,
          roles: ['admin', 'user'],
        });
        expect(await db.transact((tx) => tx.users.findSummaryForUpdate(newUser().id))).toBeNull();
      });
    });
  });
}
