import type { User } from './user.entity.js';
import type { UserSummary } from './user.repository.js';

/**
 * What the User type's field resolvers receive: the entity (me, user, a federation reference, an invitation's
 * people) or the summary row (the users list, lockUser/unlockUser), which already carries roles and locked.
 */
export type UserParent = User | UserSummary;
