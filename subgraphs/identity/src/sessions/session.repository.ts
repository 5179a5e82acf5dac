import { LockMode } from '@cbp/db';
import type { EntityManager } from '@cbp/db';
import { DeviceSchema, RefreshTokenSchema, SessionSchema } from './session.entity.js';
import type { Device, RefreshToken, Session } from './session.entity.js';

/** Which unrevoked sessions of a user to revoke: all of them (omitted), the listed ones, or all but one. */
export type SessionSelection = { ids: readonly string[] } | { exceptId: string };

/** Persistence of sessions, their refresh tokens and the user's devices. `find*` returns null when absent. */
export interface SessionRepository {
  createSession(session: Session): void;
  createRefreshToken(token: RefreshToken): void;
  findSession(id: string): Promise<Session | null>;
  /** The refresh token and its session, both locked FOR UPDATE for the rest of the transaction. */
  findRefreshTokenForUpdate(id: string): Promise<{ token: RefreshToken; session: Session } | null>;
  /** Active (not revoked, not expired) sessions of a user, newest first. */
  listActive(userId: string, now: Date): Promise<Session[]>;
  /**
   * Revokes the selected unrevoked sessions of the user (all of them when `which` is omitted), choosing and locking
   * them FOR UPDATE in the caller's transaction; returns the ids revoked.
   */
  revoke(userId: string, reason: string, now: Date, which?: SessionSelection): Promise<string[]>;
  findDevice(userId: string, fingerprintHash: string): Promise<Device | null>;
  countDevices(userId: string): Promise<number>;
  createDevice(device: Device): void;
  listDevices(userId: string): Promise<Device[]>;
  findDevicesByIds(ids: readonly string[]): Promise<Device[]>;
}

export class MikroSessionRepository implements SessionRepository {
  constructor(private readonly em: EntityManager) {}

  createSession(session: Session): void {
    this.em.create(SessionSchema, session);
  }

  createRefreshToken(token: RefreshToken): void {
    this.em.create(RefreshTokenSchema, token);
  }

  findSession(id: string): Promise<Session | null> {
    return this.em.findOne(SessionSchema, { id });
  }

  async findRefreshTokenForUpdate(id: string): Promise<{ token: RefreshToken; session: Session } | null> {
    const token = await this.em.findOne(RefreshTokenSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!token) return null;
    const session = await this.em.findOne(SessionSchema, { id: token.sessionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    return session ? { token, session } : null;
  }

  listActive(userId: string, now: Date): Promise<Session[]> {
    return this.em.find(SessionSchema, { userId, revokedAt: null, expiresAt: { $gt: now } }, { orderBy: { lastSeenAt: 'desc' } });
  }

  async revoke(userId: string, reason: string, now: Date, which?: SessionSelection): Promise<string[]> {
    const id = !which ? {} : 'ids' in which ? { id: { $in: [...which.ids] } } : { id: { $ne: which.exceptId } };
    const where = { userId, revokedAt: null, ...id };
    const sessions = await this.em.find(SessionSchema, where, { lockMode: LockMode.PESSIMISTIC_WRITE });
    for (const session of sessions) {
      session.revokedAt = now;
      session.revokeReason = reason;
    }
    return sessions.map((s) => s.id);
  }

  findDevice(userId: string, fingerprintHash: string): Promise<Device | null> {
    return this.em.findOne(DeviceSchema, { userId, fingerprintHash });
  }

  countDevices(userId: string): Promise<number> {
    return this.em.count(DeviceSchema, { userId });
  }

  createDevice(device: Device): void {
    this.em.create(DeviceSchema, device);
  }

  listDevices(userId: string): Promise<Device[]> {
    return this.em.find(DeviceSchema, { userId }, { orderBy: { lastSeenAt: 'desc' } });
  }

  findDevicesByIds(ids: readonly string[]): Promise<Device[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.em.find(DeviceSchema, { id: { $in: [...ids] } });
  }
}
