import { AppError, AUTH_ERRORS } from '@cbp/errors';
import type { InMemoryTables } from '../testing/in-memory-tables.js';
import type { User } from './user.entity.js';
import type { UserListQuery, UserRepository, UserSummary } from './user.repository.js';

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * In-memory {@link UserRepository}: the unique normalised email is enforced as the table's index enforces it.
 * "Locked" in a summary is judged against the wall clock, as the SQL one judges it with the database's `now()`.
 */
export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly tables: InMemoryTables) {}

  async findById(id: string): Promise<User | null> {
    return this.tables.data.users.get(id) ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<User[]> {
    const wanted = new Set(ids);
    return [...this.tables.data.users.values()].filter((u) => wanted.has(u.id));
  }

  async findByEmail(normalizedEmail: string): Promise<User | null> {
    return [...this.tables.data.users.values()].find((u) => u.emailNormalized === normalizedEmail) ?? null;
  }

  async create(user: User): Promise<void> {
    const { users } = this.tables.data;
    if (users.has(user.id) || [...users.values()].some((u) => u.emailNormalized === user.emailNormalized)) {
      throw new AppError(AUTH_ERRORS.EMAIL_IN_USE);
    }
    users.set(user.id, { ...user });
  }

  async list(q: UserListQuery): Promise<UserSummary[]> {
    const search = q.search ? q.search.trim().toLowerCase() : null;
    return [...this.tables.data.users.values()]
      .map((u) => this.rowOf(u))
      .filter((r) => {
        const user = this.tables.data.users.get(r.id);
        if (search !== null && !user?.emailNormalized.includes(search)) return false;
        if (q.verified != null && (r.emailVerifiedAt !== null) !== q.verified) return false;
        if (q.locked != null && r.locked !== q.locked) return false;
        if (q.totpEnabled != null && r.totpEnabled !== q.totpEnabled) return false;
        if (q.role && !r.roles.includes(q.role)) return false;
        if (q.after && compareKeys(r, q.after) <= 0) return false;
        return true;
      })
      .sort(compareKeys)
      .slice(0, q.limit);
  }

  async findSummaryForUpdate(userId: string): Promise<UserSummary | null> {
    const user = this.tables.data.users.get(userId);
    return user ? this.rowOf(user) : null;
  }

  private rolesOf(userId: string): string[] {
    return this.tables.data.userRoles
      .filter((g) => g.userId === userId)
      .map((g) => g.role)
      .sort(byCodePoint);
  }

  private rowOf(user: User): UserSummary {
    const columns = this.tables.columnsOf(user.id);
    const adminLockedAt = columns?.adminLockedAt ?? null;
    const lockedUntil = columns?.lockedUntil ?? null;
    return {
      id: user.id,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt ? new Date(user.emailVerifiedAt) : null,
      createdAt: new Date(user.createdAt),
      adminLockedAt: adminLockedAt ? new Date(adminLockedAt) : null,
      lockReason: columns?.lockReason ?? null,
      locked: adminLockedAt !== null || (lockedUntil !== null && lockedUntil.getTime() > Date.now()),
      totpEnabled: columns?.totpEnabledAt != null,
      roles: this.rolesOf(user.id),
    };
  }
}

/** The list's keyset order: (createdAt, id), as the SQL row comparison orders it. */
function compareKeys(a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || byCodePoint(a.id, b.id);
}
