/**
 * Every permission scope a role can carry, by name (docs/design.md §6 (Authorization)). Schema files repeat the
 * strings in `@requireScopes`; a unit test keeps the two in step.
 */
export const SCOPES = {
  USERS_READ: 'users:read',
  USERS_WRITE: 'users:write',
  USERS_LOCK: 'users:lock',
  ROLES_GRANT: 'roles:grant',
  SESSIONS_READ: 'sessions:read',
  SESSIONS_REVOKE: 'sessions:revoke',
  KEYS_ROTATE: 'keys:rotate',
  AUDIT_READ: 'audit:read',
  SYSTEM_READ: 'system:read',
  ANALYTICS_READ: 'analytics:read',
  ADMIN_ACCESS: 'admin:access',
  INVITATIONS_READ: 'invitations:read',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** Every scope, in declaration order (the order the admin role is seeded with). */
export const ALL_SCOPES: readonly Scope[] = Object.freeze(Object.values(SCOPES));

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (ALL_SCOPES as readonly string[]).includes(value);
}
