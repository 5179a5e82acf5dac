import type { EntityManager } from '@cbp/db';
import type { LockoutState } from './lockout-policy.js';

/**
 * The lockout columns of `identity.users`, read and written only with SQL of their own (never through the User
 * entity), so that a stale copy in an identity map can never write an old count back.
 */
export interface LockoutRepository {
  /** The state, row-locked FOR UPDATE until the transaction ends: concurrent attempts queue here, one at a time. */
  lockForUpdate(userId: string): Promise<LockoutState | null>;
  /** Unlocked read, for the early answer to an account that is clearly locked. */
  read(userId: string): Promise<LockoutState | null>;
  write(userId: string, state: LockoutState): Promise<void>;
  /** Back to no failures and no lock (successful login, password reset, admin unlock). */
  clear(userId: string): Promise<void>;
  /** Sets or clears the operator's lock (`admin_locked_at`, `lock_reason`). */
  setAdminLock(userId: string, lock: { at: Date; reason: string } | null): Promise<void>;
  /** When the account is locked by an operator, that lock; otherwise null. */
  adminLockOf(userId: string): Promise<{ at: Date; reason: string | null } | null>;
  /**
   * Clears the operator's lock and the failed-login lockout (count and `locked_until`).
   * @returns whether any lock or failure count was set.
   */
  clearLocks(userId: string): Promise<boolean>;
}

interface Row {
  failed_login_count: number;
  locked_until: Date | string | null;
}

const toState = (row: Row | undefined): LockoutState | null =>
  row
    ? { failedLoginCount: Number(row.failed_login_count), lockedUntil: row.locked_until === null ? null : new Date(row.locked_until) }
    : null;

export class MikroLockoutRepository implements LockoutRepository {
  constructor(private readonly em: EntityManager) {}

  async lockForUpdate(userId: string): Promise<LockoutState | null> {
    const rows = await this.em.execute<Row[]>(
      'select "failed_login_count", "locked_until" from "identity"."users" where "id" = ? for update',
      [userId],
    );
    return toState(rows[0]);
  }

  async read(userId: string): Promise<LockoutState | null> {
    const rows = await this.em.execute<Row[]>('select "failed_login_count", "locked_until" from "identity"."users" where "id" = ?', [
      userId,
    ]);
    return toState(rows[0]);
  }

  async write(userId: string, state: LockoutState): Promise<void> {
    await this.em.execute('update "identity"."users" set "failed_login_count" = ?, "locked_until" = ? where "id" = ?', [
      state.failedLoginCount,
      state.lockedUntil,
      userId,
    ]);
  }

  async clear(userId: string): Promise<void> {
    await this.em.execute(
      'update "identity"."users" set "failed_login_count" = 0, "locked_until" = null where "id" = ? and ("failed_login_count" <> 0 or "locked_until" is not null)',
      [userId],
    );
  }

  async setAdminLock(userId: string, lock: { at: Date; reason: string } | null): Promise<void> {
    await this.em.execute(
      'update identity.users set admin_locked_at = ?, lock_reason = ?, updated_at = now() where id = ?',
      [lock?.at ?? null, lock?.reason ?? null, userId],
      'run',
    );
  }

  async clearLocks(userId: string): Promise<boolean> {
    const rows = await this.em.execute<{ was_locked: boolean }[]>(
      `update identity.users u set admin_locked_at = null, lock_reason = null, failed_login_count = 0, locked_until = null, updated_at = now()
       from identity.users old where u.id = ? and old.id = u.id
       returning (old.admin_locked_at is not null or old.locked_until is not null or old.failed_login_count > 0) as was_locked`,
      [userId],
    );
    return rows[0]?.was_locked === true;
  }

  async adminLockOf(userId: string): Promise<{ at: Date; reason: string | null } | null> {
    const rows = await this.em.execute<{ admin_locked_at: Date | null; lock_reason: string | null }[]>(
      'select admin_locked_at, lock_reason from identity.users where id = ?',
      [userId],
    );
    const row = rows[0];
    return row?.admin_locked_at ? { at: new Date(row.admin_locked_at), reason: row.lock_reason } : null;
  }
}
