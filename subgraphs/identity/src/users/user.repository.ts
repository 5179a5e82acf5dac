import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@cbp/db';
import { AppError, AUTH_ERRORS } from '@cbp/errors';
import { UserSchema } from './user.entity.js';
import type { User } from './user.entity.js';

/** An account as the operator's user list and lock mutations show it. */
export interface UserSummary {
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

/** Persistence of users. `find*` returns null when absent. */
export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByIds(ids: readonly string[]): Promise<User[]>;
  findByEmail(normalizedEmail: string): Promise<User | null>;
  /**
   * Inserts a new user now, in the caller's transaction.
   * @throws AppError EMAIL_IN_USE when the normalised email is taken, including by a concurrent registration that
   *   committed between the caller's `findByEmail` and this insert (the unique index decides).
   */
  create(user: User): Promise<void>;
  /** Accounts matching `query`, in (createdAt, id) order, at most `query.limit`. */
  list(query: UserListQuery): Promise<UserSummary[]>;
  /** The account's summary with its row locked for the rest of the transaction; null when there is no such user. */
  findSummaryForUpdate(userId: string): Promise<UserSummary | null>;
}

interface SummaryRow {
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

const toRow = (r: SummaryRow): UserSummary => ({
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

export class MikroUserRepository implements UserRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { id });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.em.find(UserSchema, { id: { $in: [...ids] } });
  }

  findByEmail(normalizedEmail: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { emailNormalized: normalizedEmail });
  }

  async create(user: User): Promise<void> {
    try {
      // A native insert, not a staged one: the unique index answers here, where the violation can be translated,
      // rather than at commit time as an untranslated 500.
      await this.em.insert(UserSchema, { ...user });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new AppError(AUTH_ERRORS.EMAIL_IN_USE, { cause: err });
      throw err;
    }
  }

  async list(q: UserListQuery): Promise<UserSummary[]> {
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
    const rows = await this.em.execute<SummaryRow[]>(
      `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by u.created_at, u.id limit ?`,
      params,
    );
    return rows.map(toRow);
  }

  async findSummaryForUpdate(userId: string): Promise<UserSummary | null> {
    const rows = await this.em.execute<SummaryRow[]>(`${SELECT} where u.id = ? for update of u`, [userId]);
    return rows[0] ? toRow(rows[0]) : null;
  }
}
