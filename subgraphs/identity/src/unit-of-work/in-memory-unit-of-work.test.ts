// The in-memory unit of work keeps the promises of a database transaction that services rely on: everything a
// failed unit of work wrote is undone, events reach the outbox only on commit, and units of work on the same data
// run one after the other, as rows locked FOR UPDATE make them.
import { describe, expect, it } from '@jest/globals';
import { newUser, T0, testMeta } from '../testing/fixtures.js';
import { InMemoryUnitOfWork } from './in-memory-unit-of-work.js';

const event = (type: string) => ({ type, actorId: null, subjectId: null, meta: testMeta, data: { n: 1 } });

describe('InMemoryUnitOfWork', () => {
  it('publishes the events of a committed transaction to the outbox, with the request metadata', async () => {
    const uow = new InMemoryUnitOfWork();
    const result = await uow.transact(async (tx) => {
      tx.events.record(event('a.happened'));
      tx.events.record(event('b.happened'));
      expect(uow.outbox).toEqual([]);
      return 42;
    });
    expect(result).toBe(42);
    expect(uow.outbox.map((e) => e.type)).toEqual(['a.happened', 'b.happened']);
    expect(uow.outbox[0]).toMatchObject({ ip: testMeta.ip, userAgent: testMeta.userAgent, requestId: testMeta.requestId, data: { n: 1 } });
    expect(uow.eventsOf('b.happened')).toHaveLength(1);
  });

  it('undoes every write and drops every event of a transaction that throws, and rethrows', async () => {
    const uow = new InMemoryUnitOfWork();
    const kept = newUser();
    await uow.transact((tx) => tx.users.create(kept));
    const lost = newUser();
    await expect(
      uow.transact(async (tx) => {
        await tx.users.create(lost);
        const found = await tx.users.findById(kept.id);
        if (found) found.passwordHash = 'changed';
        await tx.lockout.write(kept.id, { failedLoginCount: 3, lockedUntil: null });
        await tx.rbac.grant(kept.id, 'admin', null, T0);
        tx.events.record(event('never.published'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(uow.outbox).toEqual([]);
    const after = await uow.transact(async (tx) => ({
      lost: await tx.users.findById(lost.id),
      kept: await tx.users.findById(kept.id),
      lockout: await tx.lockout.read(kept.id),
      roles: await tx.rbac.rolesForUpdate(kept.id),
    }));
    expect(after).toEqual({
      lost: null,
      kept: expect.objectContaining({ passwordHash: kept.passwordHash }),
      lockout: { failedLoginCount: 0, lockedUntil: null },
      roles: [],
    });
  });

  it('treats a nested transaction as a savepoint: it rolls back alone and its events wait for the outer commit', async () => {
    const uow = new InMemoryUnitOfWork();
    const outerUser = newUser();
    const innerUser = newUser();
    await uow.transact(async (tx) => {
      await tx.users.create(outerUser);
      tx.events.record(event('outer'));
      await expect(
        uow.transact(async (inner) => {
          await inner.users.create(innerUser);
          inner.events.record(event('inner.rolled.back'));
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      await uow.transact(async (inner) => inner.events.record(event('inner.committed')));
      expect(uow.outbox).toEqual([]);
    });
    expect(uow.outbox.map((e) => e.type)).toEqual(['outer', 'inner.committed']);
    expect(await uow.transact((tx) => tx.users.findById(innerUser.id))).toBeNull();
    expect(await uow.transact((tx) => tx.users.findById(outerUser.id))).not.toBeNull();
  });

  it('runs concurrent transactions one at a time, so a read-modify-write never loses an update', async () => {
    const uow = new InMemoryUnitOfWork();
    const user = newUser();
    await uow.transact((tx) => tx.users.create(user));
    const order: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        uow.transact(async (tx) => {
          order.push(`start ${i}`);
          const state = await tx.lockout.lockForUpdate(user.id);
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.lockout.write(user.id, { failedLoginCount: (state?.failedLoginCount ?? 0) + 1, lockedUntil: null });
          order.push(`end ${i}`);
        }),
      ),
    );
    expect(await uow.transact((tx) => tx.lockout.read(user.id))).toEqual({ failedLoginCount: 10, lockedUntil: null });
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => [`start ${i}`, `end ${i}`]).flat());
  });

  it('keeps running after a failed transaction', async () => {
    const uow = new InMemoryUnitOfWork();
    const failed = uow.transact(async () => {
      throw new Error('first');
    });
    const next = uow.transact(async (tx) => tx.rbac.roleExists('admin'));
    await expect(failed).rejects.toThrow('first');
    await expect(next).resolves.toBe(true);
  });
});
