/** Every permission scope a role can carry (docs/authorization.md). */
export const SCOPES = [
  'users:read',
  'users:write',
  'users:lock',
  'roles:grant',
  'sessions:read',
  'sessions:revoke',
  'keys:rotate',
  'audit:read',
  'system:read',
  'analytics:read',
  'admin:access',
  'invitations:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface RoleDefinition {
  name: string;
  description: string;
  permissions: readonly Scope[];
}

/** The roles the RBAC migration seeds. Every new account gets `user`. */
export const SEEDED_ROLES: readonly RoleDefinition[] = [
  { name: 'user', description: 'Every account: self-service only (own profile, sessions, devices, 2FA, invitations).', permissions: [] },
  {
    name: 'support',
    description: 'Help desk: read accounts and sessions, end sessions, read the audit log.',
    permissions: ['users:read', 'sessions:read', 'sessions:revoke', 'audit:read'],
  },
  { name: 'admin', description: 'Operators: every scope.', permissions: [...SCOPES] },
];

export const ROLE_NAMES = SEEDED_ROLES.map((r) => r.name);
