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
}
