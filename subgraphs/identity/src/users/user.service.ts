import { isCanonicalUuid, isUuid, SCOPES } from '@cbp/contracts';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import { assertScope, assertSelfOrScope } from '@cbp/service-kit';
import type { RequestIdentity } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import type { User } from './user.entity.js';
import type { UserRepository, UserSummary } from './user.repository.js';

export const MAX_PAGE_SIZE = 100;

export interface UserFilter {
  verified?: boolean | null;
  totpEnabled?: boolean | null;
  locked?: boolean | null;
  role?: string | null;
}

export interface UserPage {
  edges: { cursor: string; node: UserSummary }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Opaque cursor over (created_at, id). */
export const userCursor = {
  encode: (row: { createdAt: Date; id: string }) => Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url'),
  decode(cursor: string): { createdAt: Date; id: string } {
    const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    const createdAt = new Date(at ?? '');
    if (!id || !isCanonicalUuid(id) || Number.isNaN(createdAt.getTime())) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'after is not a valid cursor.', details: { field: 'after' } });
    }
    return { createdAt, id };
  },
};

export interface UserServiceDeps {
  /** The request's repository, for the caller's own account and federation references. */
  users: UserRepository;
  transact: Transact<Pick<Repositories, 'users'>>;
}

/** Accounts: the caller's own, and the operator's list, search and lookup (each checks `users:read` itself). */
export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  /** The signed-in user, or null for an anonymous caller (or a user deleted since the token was issued). */
  async me(identity: RequestIdentity): Promise<User | null> {
    if (identity.kind !== 'user') return null;
    return this.deps.users.findById(identity.userId);
  }

  findById(id: string): Promise<User | null> {
    return this.deps.users.findById(id);
  }

  /** Field-level rule for `User.email`: the user themself, or a holder of `users:read`. */
  emailOf(identity: RequestIdentity, user: Pick<User, 'id' | 'email'>): string {
    assertSelfOrScope(identity, user.id, SCOPES.USERS_READ);
    return user.email;
  }

  /** @throws UNAUTHENTICATED, FORBIDDEN (users:read), VALIDATION_FAILED (first outside 1..100, bad cursor). */
  async list(
    identity: RequestIdentity,
    input: { search?: string | null; filter?: UserFilter | null; first?: number | null; after?: string | null },
  ): Promise<UserPage> {
    assertScope(identity, SCOPES.USERS_READ);
    const first = input.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, {
        message: `first must be from 1 to ${MAX_PAGE_SIZE}.`,
        details: { field: 'first' },
      });
    }
    if (input.search && input.search.length > 320)
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'search is too long.', details: { field: 'search' } });
    const after = input.after ? userCursor.decode(input.after) : null;
    const rows = await this.deps.transact((tx) =>
      tx.users.list({
        search: input.search,
        verified: input.filter?.verified,
        totpEnabled: input.filter?.totpEnabled,
        locked: input.filter?.locked,
        role: input.filter?.role,
        after,
        limit: first + 1,
      }),
    );
    const page = rows.slice(0, first);
    const edges = page.map((node) => ({ cursor: userCursor.encode(node), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * One account by id, for the admin console's user detail; null when there is none. The User field resolvers
   * apply their own rules (sessions need sessions:read, auditTrail audit:read, …).
   * @throws UNAUTHENTICATED, FORBIDDEN (users:read), VALIDATION_FAILED (an id that is not a UUID).
   */
  async find(identity: RequestIdentity, userId: string): Promise<User | null> {
    assertScope(identity, SCOPES.USERS_READ);
    // A lookup answers null for an unknown id; a malformed one is the caller's mistake, not an absent user.
    if (!isUuid(userId))
      throw new AppError(COMMON_ERRORS.VALIDATION_FAILED, { message: 'id is not a valid user id.', details: { field: 'id' } });
    return this.deps.transact((tx) => tx.users.findById(userId));
  }
}
