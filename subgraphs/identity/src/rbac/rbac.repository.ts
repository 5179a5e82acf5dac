import type { EntityManager } from '@cbp/db';

/** Roles and the roles granted to users. Plain SQL: two small tables read on every session start. */
export interface RbacRepository {
  /** The user's roles (sorted) and the union of their scopes (sorted). */
  grantsOf(userId: string): Promise<{ roles: string[]; scopes: string[] }>;
  roleExists(role: string): Promise<boolean>;
  /** Grants `role`; false when the user already had it. */
  grant(userId: string, role: string, grantedBy: string | null, at: Date): Promise<boolean>;
  /** Revokes `role`; false when the user did not have it. */
  revoke(userId: string, role: string): Promise<boolean>;
  /** Locks the user's role rows for the rest of the transaction and returns their roles. */
  rolesForUpdate(userId: string): Promise<string[]>;
  /** The roles (sorted) of each of `userIds`; a user without roles maps to an empty list. */
  rolesOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>>;
}

export class SqlRbacRepository implements RbacRepository {
  constructor(private readonly em: EntityManager) {}

  async grantsOf(userId: string): Promise<{ roles: string[]; scopes: string[] }> {
    const rows = await this.em.execute<{ role: string; permissions: string[] }[]>(
      'select ur.role, r.permissions from identity.user_roles ur join identity.roles r on r.name = ur.role where ur.user_id = ? order by ur.role',
      [userId],
    );
    const scopes = new Set<string>();
    for (const row of rows) for (const p of row.permissions) scopes.add(p);
    return { roles: rows.map((r) => r.role), scopes: [...scopes].sort() };
  }

  async roleExists(role: string): Promise<boolean> {
    const rows = await this.em.execute<{ name: string }[]>('select name from identity.roles where name = ?', [role]);
    return rows.length > 0;
  }

  async grant(userId: string, role: string, grantedBy: string | null, at: Date): Promise<boolean> {
    const rows = await this.em.execute<{ role: string }[]>(
      'insert into identity.user_roles (user_id, role, granted_by, granted_at) values (?, ?, ?, ?) on conflict do nothing returning role',
      [userId, role, grantedBy, at],
    );
    return rows.length > 0;
  }

  async revoke(userId: string, role: string): Promise<boolean> {
    const rows = await this.em.execute<{ role: string }[]>(
      'delete from identity.user_roles where user_id = ? and role = ? returning role',
      [userId, role],
    );
    return rows.length > 0;
  }

  async rolesForUpdate(userId: string): Promise<string[]> {
    const rows = await this.em.execute<{ role: string }[]>(
      'select role from identity.user_roles where user_id = ? order by role for update',
      [userId],
    );
    return rows.map((r) => r.role);
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
