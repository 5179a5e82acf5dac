import { assertSelfOrScope } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';
import type { User } from './user.entity.js';
import type { UserRepository } from './user.repository.js';

export class UserService {
  constructor(private readonly deps: { users: UserRepository }) {}

  /** The signed-in user, or null for an anonymous caller (or a user deleted since the token was issued). */
  async me(identity: RequestIdentity): Promise<User | null> {
    if (identity.kind !== 'user') return null;
    return this.deps.users.findById(identity.userId);
  }

  findById(id: string): Promise<User | null> {
    return this.deps.users.findById(id);
  }

  /** Field-level rule for `User.email`: the user themself, or a holder of `users:read`. */
  emailOf(identity: RequestIdentity, user: User): string {
    assertSelfOrScope(identity, user.id, 'users:read');
    return user.email;
  }
}
