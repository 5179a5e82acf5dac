import { hasAnyRole, useAuth } from '../../auth/AuthProvider';
import { errorCodeOf } from '../../ui/api-error';
import { friendlyApiError } from '../../ui/friendly-error';

/** Every role the platform knows (identity's seed); grantRole refuses any other with NOT_FOUND. */
export const ALL_ROLES = ['user', 'support', 'admin'] as const;

/**
 * What support staff see when the server refuses a field their role does not carry (support holds users:read,
 * sessions:read, sessions:revoke and audit:read only). The console hides admin-only actions from them, but the
 * server is the judge: a role revoked mid-session still lands here.
 */
export const ROLE_CANNOT_MESSAGE = 'Your role cannot do this. Ask an admin if it needs doing.';

/** The console's one way to word an API error: FORBIDDEN is about the role, the rest as friendlyApiError says. */
export function consoleErrorOf(error: unknown): string {
  return errorCodeOf(error) === 'FORBIDDEN' ? ROLE_CANNOT_MESSAGE : friendlyApiError(error);
}

/** Whether the viewer holds admin, i.e. every scope (role changes, locks, key rotation, overview, analytics). */
export function useIsAdmin(): boolean {
  const { viewer } = useAuth();
  return hasAnyRole(viewer, ['admin']);
}
