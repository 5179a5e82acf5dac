import type { InMemoryTables } from '../testing/in-memory-tables.js';
import type { RbacRepository } from './rbac.repository.js';

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** In-memory {@link RbacRepository} over the seeded roles and the grants; (user, role) is unique, as its primary key. */
export class InMemoryRbacRepository implements RbacRepository {
  constructor(private readonly tables: InMemoryTables) {}

  async grantsOf(userId: string): Promise<{ roles: string[]; scopes: string[] }> {
    const roles = (await this.rolesForUpdate(userId)).filter((r) => this.tables.data.roles.has(r));
    const scopes = new Set<string>();
    for (const role of roles) for (const p of this.tables.data.roles.get(role)?.permissions ?? []) scopes.add(p);
    return { roles, scopes: [...scopes].sort(byCodePoint) };
  }

  async roleExists(role: string): Promise<boolean> {
    return this.tables.data.roles.has(role);
  }

  async grant(userId: string, role: string, grantedBy: string | null, at: Date): Promise<boolean> {
    const { userRoles } = this.tables.data;
    if (userRoles.some((g) => g.userId === userId && g.role === role)) return false;
    userRoles.push({ userId, role, grantedBy, grantedAt: new Date(at) });
    return true;
  }

  async revoke(userId: string, role: string): Promise<boolean> {
    const before = this.tables.data.userRoles.length;
    this.tables.data.userRoles = this.tables.data.userRoles.filter((g) => !(g.userId === userId && g.role === role));
    return this.tables.data.userRoles.length < before;
  }

  async rolesForUpdate(userId: string): Promise<string[]> {
    return this.tables.data.userRoles
      .filter((g) => g.userId === userId)
      .map((g) => g.role)
      .sort(byCodePoint);
  }

  async rolesOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>> {
    return new Map(
      userIds.map((id) => [
        id,
        this.tables.data.userRoles
          .filter((g) => g.userId === id)
          .map((g) => g.role)
          .sort(byCodePoint),
      ]),
    );
  }
}
