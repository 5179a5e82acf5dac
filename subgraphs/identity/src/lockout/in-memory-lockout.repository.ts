import type { InMemoryTables } from '../testing/in-memory-tables.js';
import type { LockoutState } from './lockout-policy.js';
import type { LockoutRepository } from './lockout.repository.js';

const sourceKey = (subject: string, source: string) => JSON.stringify([subject, source]);

/** In-memory {@link LockoutRepository} over the lockout columns of the user rows. Results are copies, as SQL rows are. */
export class InMemoryLockoutRepository implements LockoutRepository {
  constructor(private readonly tables: InMemoryTables) {}

  lockForUpdate(userId: string): Promise<LockoutState | null> {
    return this.read(userId);
  }

  async read(userId: string): Promise<LockoutState | null> {
    const columns = this.tables.columnsOf(userId);
    return columns
      ? { failedLoginCount: columns.failedLoginCount, lockedUntil: columns.lockedUntil ? new Date(columns.lockedUntil) : null }
      : null;
  }

  async write(userId: string, state: LockoutState): Promise<void> {
    const columns = this.tables.columnsOf(userId);
    if (!columns) return;
    columns.failedLoginCount = state.failedLoginCount;
    columns.lockedUntil = state.lockedUntil ? new Date(state.lockedUntil) : null;
  }

  async clear(userId: string): Promise<void> {
    const columns = this.tables.columnsOf(userId);
    if (!columns) return;
    columns.failedLoginCount = 0;
    columns.lockedUntil = null;
  }

  async clearLocks(userId: string): Promise<boolean> {
    const columns = this.tables.columnsOf(userId);
    const user = this.tables.data.users.get(userId);
    if (!columns || !user) return false;
    const wasLocked = columns.adminLockedAt !== null || columns.lockedUntil !== null || columns.failedLoginCount > 0;
    Object.assign(columns, { adminLockedAt: null, lockReason: null, failedLoginCount: 0, lockedUntil: null });
    user.updatedAt = new Date();
    return wasLocked;
  }

  async setAdminLock(userId: string, lock: { at: Date; reason: string } | null): Promise<void> {
    const columns = this.tables.columnsOf(userId);
    const user = this.tables.data.users.get(userId);
    if (!columns || !user) return;
    columns.adminLockedAt = lock ? new Date(lock.at) : null;
    columns.lockReason = lock?.reason ?? null;
    user.updatedAt = new Date();
  }

  async lockUnknownForUpdate(emailDigest: string, now: Date): Promise<LockoutState> {
    const row = this.tables.data.unknownEmailLockouts.get(emailDigest);
    if (!row) this.tables.data.unknownEmailLockouts.set(emailDigest, { failedLoginCount: 0, lockedUntil: null, updatedAt: new Date(now) });
    return (await this.readUnknown(emailDigest)) ?? { failedLoginCount: 0, lockedUntil: null };
  }

  async readUnknown(emailDigest: string): Promise<LockoutState | null> {
    const row = this.tables.data.unknownEmailLockouts.get(emailDigest);
    return row ? { failedLoginCount: row.failedLoginCount, lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null } : null;
  }

  async writeUnknown(emailDigest: string, state: LockoutState, now: Date): Promise<void> {
    this.tables.data.unknownEmailLockouts.set(emailDigest, {
      failedLoginCount: state.failedLoginCount,
      lockedUntil: state.lockedUntil ? new Date(state.lockedUntil) : null,
      updatedAt: new Date(now),
    });
  }

  async sourceFailures(subject: string, source: string): Promise<number> {
    return this.tables.data.lockoutSources.get(sourceKey(subject, source))?.failures ?? 0;
  }

  async countSourceFailure(subject: string, source: string, now: Date): Promise<number> {
    const failures = (await this.sourceFailures(subject, source)) + 1;
    this.tables.data.lockoutSources.set(sourceKey(subject, source), { subject, failures, updatedAt: new Date(now) });
    return failures;
  }

  async clearSources(subject: string, source?: string): Promise<void> {
    const rows = this.tables.data.lockoutSources;
    if (source !== undefined) rows.delete(sourceKey(subject, source));
    else for (const [key, row] of rows) if (row.subject === subject) rows.delete(key);
  }

  async adminLockOf(userId: string): Promise<{ at: Date; reason: string | null } | null> {
    const columns = this.tables.columnsOf(userId);
    return columns?.adminLockedAt ? { at: new Date(columns.adminLockedAt), reason: columns.lockReason } : null;
  }
}
