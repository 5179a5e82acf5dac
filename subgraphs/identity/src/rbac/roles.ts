import { ALL_SCOPES, SCOPES as SCOPE } from '@cbp/contracts';
import type { Scope } from '@cbp/contracts';

export type { Scope };

/** Every permission scope a role can carry, in the order the admin role is seeded with (docs/design.md §6 (Authorization)). */
export const SCOPES: readonly Scope[] = ALL_SCOPES;

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
    permissions: [SCOPE.USERS_READ, SCOPE.SESSIONS_READ, SCOPE.SESSIONS_REVOKE, SCOPE.AUDIT_READ],
  },
  { name: 'admin', description: 'Operators: every scope.', permissions: [...SCOPES] },
];

export const ROLE_NAMES = SEEDED_ROLES.map((r) => r.name);
