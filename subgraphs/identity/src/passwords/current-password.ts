import type { RequestMeta } from '@cbp/service-kit';
import type { User } from '../users/user.entity.js';

/**
 * Re-authentication of a signed-in user with their current password, held to the login's lockout (a wrong one is
 * a failed login): `LoginService.verifyCurrentPassword`. Returns the user; throws INVALID_CREDENTIALS or
 * ACCOUNT_LOCKED (docs/design.md §5 (Authentication model)).
 */
export type CurrentPasswordCheck = (userId: string, password: unknown, meta: RequestMeta) => Promise<User>;
