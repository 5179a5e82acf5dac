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
  /**
   * The lockout state of an email that has no account, keyed by a keyed digest of it (never the email): the
   * same policy and answers as an account's. Row-locked FOR UPDATE (created at zero when missing).
   */
  lockUnknownForUpdate(emailDigest: string, now: Date): Promise<LockoutState>;
  /** Unlocked read of an unknown email's state; null when it never failed. */
  readUnknown(emailDigest: string): Promise<LockoutState | null>;
  writeUnknown(emailDigest: string, state: LockoutState, now: Date): Promise<void>;
  /** Consecutive failures on `subject` (a user id or an email digest) from one source (an IP prefix); 0 when none. */
  sourceFailures(subject: string, source: string): Promise<number>;
  /** One more failure from `source`; returns the new count. */
  countSourceFailure(subject: string, source: string, now: Date): Promise<number>;
  /** Forgets the failures from one source (`source` given: a success from it) or from every source. */
  clearSources(subject: string, source?: string): Promise<void>;
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

  async lockUnknownForUpdate(emailDigest: string, now: Date): Promise<LockoutState> {
    await this.em.execute(
      'insert into "identity"."unknown_email_lockouts" ("email_digest", "updated_at") values (?, ?) on conflict ("email_digest") do nothing',
      [emailDigest, now],
    );
    const rows = await this.em.execute<Row[]>(
      'select "failed_login_count", "locked_until" from "identity"."unknown_email_lockouts" where "email_digest" = ? for update',
      [emailDigest],
    );
    return toState(rows[0]) ?? { failedLoginCount: 0, lockedUntil: null };
  }

  async readUnknown(emailDigest: string): Promise<LockoutState | null> {
    const rows = await this.em.execute<Row[]>(
      'select "failed_login_count", "locked_until" from "identity"."unknown_email_lockouts" where "email_digest" = ?',
      [emailDigest],
    );
    return toState(rows[0]);
  }

  async writeUnknown(emailDigest: string, state: LockoutState, now: Date): Promise<void> {
    await this.em.execute(
      `insert into "identity"."unknown_email_lockouts" ("email_digest", "failed_login_count", "locked_until", "updated_at") values (?, ?, ?, ?)
       on conflict ("email_digest") do update set "failed_login_count" = excluded."failed_login_count", "locked_until" = excluded."locked_until", "updated_at" = excluded."updated_at"`,
      [emailDigest, state.failedLoginCount, state.lockedUntil, now],
    );
  }

  async sourceFailures(subject: string, source: string): Promise<number> {
    const rows = await this.em.execute<{ failures: number }[]>(
      'select "failures" from "identity"."lockout_sources" where "subject" = ? and "source" = ?',
      [subject, source],
    );
    return Number(rows[0]?.failures ?? 0);
  }

  async countSourceFailure(subject: string, source: string, now: Date): Promise<number> {
    const rows = await this.em.execute<{ failures: number }[]>(
      `insert into "identity"."lockout_sources" ("subject", "source", "failures", "updated_at") values (?, ?, 1, ?)
       on conflict ("subject", "source") do update set "failures" = "lockout_sources"."failures" + 1, "updated_at" = excluded."updated_at"
       returning "failures"`,
      [subject, source, now],
    );
    return Number(rows[0]?.failures ?? 0);
  }

  async clearSources(subject: string, source?: string): Promise<void> {
    if (source === undefined) await this.em.execute('delete from "identity"."lockout_sources" where "subject" = ?', [subject], 'run');
    else await this.em.execute('delete from "identity"."lockout_sources" where "subject" = ? and "source" = ?', [subject, source], 'run');
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
