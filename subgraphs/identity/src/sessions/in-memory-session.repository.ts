import type { InMemoryTables } from '../testing/in-memory-tables.js';
import { uniqueViolation } from '../testing/in-memory-tables.js';
import type { Device, RefreshToken, Session } from './session.entity.js';
import type { SessionRepository, SessionSelection } from './session.repository.js';

const newestSeenFirst = (a: { lastSeenAt: Date }, b: { lastSeenAt: Date }) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime();

/**
 * In-memory {@link SessionRepository}. Row locks have nothing to guard in one process (the in-memory unit of work
 * runs one transaction at a time), so the `ForUpdate` reads are plain reads. `create*` store a copy: as with
 * `em.create`, the object passed in is not the managed one.
 */
export class InMemorySessionRepository implements SessionRepository {
  constructor(private readonly tables: InMemoryTables) {}

  createSession(session: Session): void {
    const { sessions } = this.tables.data;
    if (sessions.has(session.id)) throw uniqueViolation('sessions_pkey');
    sessions.set(session.id, { ...session, amr: [...session.amr] });
  }

  createRefreshToken(token: RefreshToken): void {
    const { refreshTokens } = this.tables.data;
    if (refreshTokens.has(token.id)) throw uniqueViolation('refresh_tokens_pkey');
    refreshTokens.set(token.id, { ...token });
  }

  async findSession(id: string): Promise<Session | null> {
    return this.tables.data.sessions.get(id) ?? null;
  }

  async findRefreshTokenForUpdate(id: string): Promise<{ token: RefreshToken; session: Session } | null> {
    const token = this.tables.data.refreshTokens.get(id);
    const session = token ? this.tables.data.sessions.get(token.sessionId) : undefined;
    return token && session ? { token, session } : null;
  }

  async listActive(userId: string, now: Date): Promise<Session[]> {
    return [...this.tables.data.sessions.values()]
      .filter((s) => s.userId === userId && s.revokedAt === null && s.expiresAt.getTime() > now.getTime())
      .sort(newestSeenFirst);
  }

  async revoke(userId: string, reason: string, now: Date, which?: SessionSelection): Promise<string[]> {
    const selected = (s: Session) => !which || ('ids' in which ? which.ids.includes(s.id) : s.id !== which.exceptId);
    const sessions = [...this.tables.data.sessions.values()].filter((s) => s.userId === userId && s.revokedAt === null && selected(s));
    for (const session of sessions) {
      session.revokedAt = now;
      session.revokeReason = reason;
    }
    return sessions.map((s) => s.id);
  }

  async findDevice(userId: string, fingerprintHash: string): Promise<Device | null> {
    return [...this.tables.data.devices.values()].find((d) => d.userId === userId && d.fingerprintHash === fingerprintHash) ?? null;
  }

  async countDevices(userId: string): Promise<number> {
    return [...this.tables.data.devices.values()].filter((d) => d.userId === userId).length;
  }

  createDevice(device: Device): void {
    const { devices } = this.tables.data;
    if (devices.has(device.id)) throw uniqueViolation('devices_pkey');
    if ([...devices.values()].some((d) => d.userId === device.userId && d.fingerprintHash === device.fingerprintHash)) {
      throw uniqueViolation('devices_user_id_fingerprint_hash_key');
    }
    devices.set(device.id, { ...device });
  }

  async listDevices(userId: string): Promise<Device[]> {
    return [...this.tables.data.devices.values()].filter((d) => d.userId === userId).sort(newestSeenFirst);
  }

  async findDevicesByIds(ids: readonly string[]): Promise<Device[]> {
    const wanted = new Set(ids);
    return [...this.tables.data.devices.values()].filter((d) => wanted.has(d.id));
  }
}
