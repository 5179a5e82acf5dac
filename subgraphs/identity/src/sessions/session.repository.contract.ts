import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { describe, expect, it } from '@jest/globals';
import { at, newUser, sorted, T0 } from '../testing/fixtures.js';
import { useContractBackend } from '../testing/contract-backend.js';
import type { ContractSetup } from '../testing/contract-backend.js';
import type { Repositories } from '../unit-of-work/repositories.js';
import type { Device, RefreshToken, Session } from './session.entity.js';

export type SessionContractRepos = Pick<Repositories, 'users' | 'sessions'>;

const session = (userId: string, overrides: Partial<Session> = {}): Session => ({
  id: randomUUID(),
  userId,
  deviceId: null,
  amr: ['pwd'],
  ip: '198.51.100.1',
  userAgent: 'jest',
  createdAt: T0,
  lastSeenAt: T0,
  expiresAt: at(30 * 86400),
  revokedAt: null,
  revokeReason: null,
  ...overrides,
});

const refreshToken = (sessionId: string, overrides: Partial<RefreshToken> = {}): RefreshToken => ({
  id: randomUUID(),
  sessionId,
  secretHash: randomUUID().replaceAll('-', ''),
  createdAt: T0,
  expiresAt: at(30 * 86400),
  rotatedAt: null,
  replacedById: null,
  graceUsedAt: null,
  ...overrides,
});

const device = (userId: string, overrides: Partial<Device> = {}): Device => ({
  id: randomUUID(),
  userId,
  fingerprintHash: randomUUID().replaceAll('-', ''),
  userAgent: 'jest',
  firstSeenAt: T0,
  lastSeenAt: T0,
  lastIp: '198.51.100.1',
  ...overrides,
});

/** What every {@link SessionRepository} does, run against the SQL one (PostgreSQL) and its in-memory twin. */
export function sessionRepositoryContract(name: string, setup: ContractSetup<SessionContractRepos>): void {
  describe(`SessionRepository contract: ${name}`, () => {
    const db = useContractBackend(setup);

    const seedUser = async () => {
      const user = newUser();
      await db.transact((tx) => tx.users.create(user));
      return user.id;
    };
    const seedSessions = (...sessions: Session[]) =>
      db.transact(async (tx) => {
        for (const s of sessions) tx.sessions.createSession(s);
      });

    it('finds a created session, and a refresh token together with its session; null for unknown ids', async () => {
      const userId = await seedUser();
      const s = session(userId, { amr: ['pwd', 'otp'] });
      const token = refreshToken(s.id);
      await db.transact(async (tx) => {
        tx.sessions.createSession(s);
        tx.sessions.createRefreshToken(token);
      });
      const found = await db.transact(async (tx) => ({
        session: await tx.sessions.findSession(s.id),
        refresh: await tx.sessions.findRefreshTokenForUpdate(token.id),
        unknownSession: await tx.sessions.findSession(randomUUID()),
        unknownToken: await tx.sessions.findRefreshTokenForUpdate(randomUUID()),
      }));
      expect(found.session).toMatchObject({ ...s });
      expect(found.refresh?.token).toMatchObject({ ...token });
      expect(found.refresh?.session).toMatchObject({ id: s.id, userId });
      expect(found.unknownSession).toBeNull();
      expect(found.unknownToken).toBeNull();
    });

    it('saves the rotation of a refresh token and the session touch made inside the transaction', async () => {
      const userId = await seedUser();
      const s = session(userId);
      const token = refreshToken(s.id);
      const successor = randomUUID();
      await db.transact(async (tx) => {
        tx.sessions.createSession(s);
        tx.sessions.createRefreshToken(token);
      });
      await db.transact(async (tx) => {
        const found = await tx.sessions.findRefreshTokenForUpdate(token.id);
        if (!found) throw new Error('token missing');
        found.token.rotatedAt = at(60);
        found.token.replacedById = successor;
        found.token.graceUsedAt = at(61);
        found.session.lastSeenAt = at(60);
      });
      const after = await db.transact((tx) => tx.sessions.findRefreshTokenForUpdate(token.id));
      expect(after?.token.rotatedAt).toEqual(at(60));
      expect(after?.token).toMatchObject({ replacedById: successor, graceUsedAt: at(61) });
      expect(after?.session.lastSeenAt).toEqual(at(60));
    });

    it('lists the active sessions of a user, last seen first, without revoked, expired or other users’ ones', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      const older = session(userId, { lastSeenAt: at(10) });
      const newest = session(userId, { lastSeenAt: at(30) });
      const middle = session(userId, { lastSeenAt: at(20) });
      const revoked = session(userId, { lastSeenAt: at(40), revokedAt: at(41), revokeReason: 'logout' });
      const expiredNow = session(userId, { lastSeenAt: at(50), expiresAt: at(100) });
      const others = session(otherId, { lastSeenAt: at(60) });
      await seedSessions(older, newest, middle, revoked, expiredNow, others);
      const active = await db.transact((tx) => tx.sessions.listActive(userId, at(100)));
      expect(active.map((s) => s.id)).toEqual([newest.id, middle.id, older.id]);
      const justBefore = await db.transact((tx) => tx.sessions.listActive(userId, at(99)));
      expect(justBefore.map((s) => s.id)).toEqual([expiredNow.id, newest.id, middle.id, older.id]);
      expect(await db.transact((tx) => tx.sessions.listActive(randomUUID(), T0))).toEqual([]);
    });

    it('revokes every unrevoked session of the user (expired ones too), leaving revoked and other users’ sessions alone', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      const a = session(userId);
      const b = session(userId, { expiresAt: at(-10) });
      const earlier = session(userId, { revokedAt: at(-5), revokeReason: 'logout' });
      const others = session(otherId);
      await seedSessions(a, b, earlier, others);
      const revoked = await db.transact((tx) => tx.sessions.revoke(userId, 'password_reset', at(5)));
      expect(sorted(revoked)).toEqual(sorted([a.id, b.id]));
      const rows = await db.transact(async (tx) => Promise.all([a, b, earlier, others].map((s) => tx.sessions.findSession(s.id))));
      expect(rows.map((r) => [r?.revokedAt ?? null, r?.revokeReason ?? null])).toEqual([
        [at(5), 'password_reset'],
        [at(5), 'password_reset'],
        [at(-5), 'logout'],
        [null, null],
      ]);
      expect(await db.transact((tx) => tx.sessions.revoke(userId, 'again', at(6)))).toEqual([]);
    });

    it('revokes only the listed sessions, and only those of the user', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      const [a, b, c] = [session(userId), session(userId), session(userId)];
      const foreign = session(otherId);
      await seedSessions(a, b, c, foreign);
      const revoked = await db.transact((tx) => tx.sessions.revoke(userId, 'revoked_by_user', at(5), { ids: [a.id, c.id, foreign.id] }));
      expect(sorted(revoked)).toEqual(sorted([a.id, c.id]));
      expect(await db.transact((tx) => tx.sessions.findSession(foreign.id))).toMatchObject({ revokedAt: null });
      expect(await db.transact((tx) => tx.sessions.revoke(userId, 'x', at(6), { ids: [] }))).toEqual([]);
      expect((await db.transact((tx) => tx.sessions.listActive(userId, T0))).map((s) => s.id)).toEqual([b.id]);
    });

    it('revokes every session but one with exceptId', async () => {
      const userId = await seedUser();
      const [keep, a, b] = [session(userId), session(userId), session(userId)];
      await seedSessions(keep, a, b);
      const revoked = await db.transact((tx) => tx.sessions.revoke(userId, 'logout_others', at(5), { exceptId: keep.id }));
      expect(sorted(revoked)).toEqual(sorted([a.id, b.id]));
      expect((await db.transact((tx) => tx.sessions.listActive(userId, T0))).map((s) => s.id)).toEqual([keep.id]);
    });

    it('stores devices: found by (user, fingerprint), counted, listed last seen first, fetched by ids', async () => {
      const userId = await seedUser();
      const otherId = await seedUser();
      const first = device(userId, { lastSeenAt: at(10) });
      const second = device(userId, { lastSeenAt: at(20) });
      const foreign = device(otherId, { fingerprintHash: first.fingerprintHash });
      await db.transact(async (tx) => {
        for (const d of [first, second, foreign]) tx.sessions.createDevice(d);
      });
      const read = await db.transact(async (tx) => ({
        found: await tx.sessions.findDevice(userId, first.fingerprintHash),
        missing: await tx.sessions.findDevice(userId, 'unknown'),
        count: await tx.sessions.countDevices(userId),
        none: await tx.sessions.countDevices(randomUUID()),
        list: await tx.sessions.listDevices(userId),
        byIds: await tx.sessions.findDevicesByIds([second.id, foreign.id, randomUUID()]),
        byNoIds: await tx.sessions.findDevicesByIds([]),
      }));
      expect(read.found).toMatchObject({ ...first });
      expect(read.missing).toBeNull();
      expect(read.count).toBe(2);
      expect(read.none).toBe(0);
      expect(read.list.map((d) => d.id)).toEqual([second.id, first.id]);
      expect(sorted(read.byIds.map((d) => d.id))).toEqual(sorted([second.id, foreign.id]));
      expect(read.byNoIds).toEqual([]);
    });

    it('refuses a second device with the same fingerprint for one user, and saves a change to a found device', async () => {
      const userId = await seedUser();
      const d = device(userId);
      await db.transact(async (tx) => tx.sessions.createDevice(d));
      await expect(
        db.transact(async (tx) => tx.sessions.createDevice(device(userId, { fingerprintHash: d.fingerprintHash }))),
      ).rejects.toBeInstanceOf(UniqueConstraintViolationException);
      expect(await db.transact((tx) => tx.sessions.countDevices(userId))).toBe(1);
      await db.transact(async (tx) => {
        const found = await tx.sessions.findDevice(userId, d.fingerprintHash);
        if (!found) throw new Error('device missing');
        found.lastSeenAt = at(90);
        found.lastIp = '192.0.2.9';
      });
      expect(await db.transact((tx) => tx.sessions.findDevice(userId, d.fingerprintHash))).toMatchObject({
        lastSeenAt: at(90),
        lastIp: '192.0.2.9',
      });
    });

    it('keeps nothing of a transaction that throws: neither new sessions nor revocations', async () => {
      const userId = await seedUser();
      const kept = session(userId);
      await seedSessions(kept);
      const lost = session(userId);
      await expect(
        db.transact(async (tx) => {
          tx.sessions.createSession(lost);
          await tx.sessions.revoke(userId, 'logout_all', at(5));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.transact((tx) => tx.sessions.findSession(lost.id))).toBeNull();
      expect(await db.transact((tx) => tx.sessions.findSession(kept.id))).toMatchObject({ revokedAt: null, revokeReason: null });
    });
  });
}
