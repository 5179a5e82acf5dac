import type { InMemoryTables } from '../testing/in-memory-tables.js';
import type { LockoutState } from './lockout-policy.js';
import type { LockoutRepository } from './lockout.repository.js';

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

  async adminLockOf(userId: string): Promise<{ at: Date; reason: string | null } | null> {
    const columns = this.tables.columnsOf(userId);
    return columns?.adminLockedAt ? { at: new Date(columns.adminLockedAt), reason: columns.lockReason } : null;
  }
}
