import type { EntityManager } from '@cbp/db';

/** One row of the admin users list. */
export interface AdminUserRow {
  id: string;
  email: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  adminLockedAt: Date | null;
  lockReason: string | null;
  /** Locked now: by an operator, or by the failed-login lockout (`locked_until` in the future). */
  locked: boolean;
  totpEnabled: boolean;
  roles: string[];
}

export interface UserListQuery {
  /** Case-insensitive substring of the email. */
  search?: string | null;
  verified?: boolean | null;
  totpEnabled?: boolean | null;
  locked?: boolean | null;
  role?: string | null;
  /** Rows after this (created_at, id), in (created_at, id) order. */
  after?: { createdAt: Date; id: string } | null;
  limit: number;
}

/** The operator's view of accounts: listing, and the admin lock. */
export interface AdminUserRepository {
  list(query: UserListQuery): Promise<AdminUserRow[]>;
  /**
   * Clears the operator's lock and the failed-login lockout (count and `locked_until`, migration 300).
   * @returns whether any lock or failure count was set.
   */
  clearLocks(userId: string): Promise<boolean>;
  /** Locks the user row; null when there is no such user. */
  findForUpdate(userId: string): Promise<AdminUserRow | null>;
  setAdminLock(userId: string, lock: { at: Date; reason: string } | null): Promise<void>;
  /** When the account is locked by an operator, that lock; otherwise null. */
  adminLockOf(userId: string): Promise<{ at: Date; reason: string | null } | null>;
  rolesOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>>;
}

interface Row {
  id: string;
  email: string;
  email_verified_at: Date | null;
  created_at: Date;
  admin_locked_at: Date | null;
  lock_reason: string | null;
  locked: boolean;
  totp_enabled: boolean;
  roles: string[] | null;
}

const LOCKED = '(u.admin_locked_at is not null or coalesce(u.locked_until > now(), false))';

const SELECT = `select u.id, u.email, u.email_verified_at, u.created_at, u.admin_locked_at, u.lock_reason,
  ${LOCKED} as locked, (u.totp_enabled_at is not null) as totp_enabled,
  coalesce((select array_agg(ur.role order by ur.role) from identity.user_roles ur where ur.user_id = u.id), array[]::text[]) as roles
  from identity.users u`;

const toRow = (r: Row): AdminUserRow => ({
  id: r.id,
  email: r.email,
  emailVerifiedAt: r.email_verified_at ? new Date(r.email_verified_at) : null,
  createdAt: new Date(r.created_at),
  adminLockedAt: r.admin_locked_at ? new Date(r.admin_locked_at) : null,
  lockReason: r.lock_reason,
  locked: r.locked,
  totpEnabled: r.totp_enabled,
  roles: r.roles ?? [],
});

/** Escapes LIKE wildcards so a search for `a_b` matches the text `a_b` only. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class SqlAdminUserRepository implements AdminUserRepository {
  constructor(private readonly em: EntityManager) {}

  async list(q: UserListQuery): Promise<AdminUserRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.search) {
      where.push(`u.email_normalized like ? escape '\\'`);
      params.push(`%${likeEscape(q.search.trim().toLowerCase())}%`);
    }
    if (q.verified != null) where.push(q.verified ? 'u.email_verified_at is not null' : 'u.email_verified_at is null');
    if (q.locked != null) where.push(q.locked ? LOCKED : `not ${LOCKED}`);
    if (q.totpEnabled != null) where.push(q.totpEnabled ? 'u.totp_enabled_at is not null' : 'u.totp_enabled_at is null');
    if (q.role) {
      where.push('exists (select 1 from identity.user_roles f where f.user_id = u.id and f.role = ?)');
      params.push(q.role);
    }
    if (q.after) {
      where.push('(u.created_at, u.id) > (?, ?)');
      params.push(q.after.createdAt, q.after.id);
    }
    params.push(q.limit);
    const rows = await this.em.execute<Row[]>(
      `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by u.created_at, u.id limit ?`,
      params,
    );
    return rows.map(toRow);
  }

  async findForUpdate(userId: string): Promise<AdminUserRow | null> {
    const rows = await this.em.execute<Row[]>(`${SELECT} where u.id = ? for update of u`, [userId]);
    return rows[0] ? toRow(rows[0]) : null;
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

  async rolesOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return out;
    const rows = await this.em.execute<{ user_id: string; role: string }[]>(
      `select user_id, role from identity.user_roles where user_id in (${userIds.map(() => '?').join(', ')}) order by role`,
      [...userIds],
    );
    for (const r of rows) out.get(r.user_id)?.push(r.role);
    return out;
  }
}
