import { isUuid, SCOPES } from '@cbp/contracts';
import type { Scope } from '@cbp/contracts';
import { AppError, AUTH_ERRORS, COMMON_ERRORS } from '@cbp/errors';
import { EVENT_TYPES } from '@cbp/events';
import { assertScope, assertSelfOrScope } from '@cbp/service-kit';
import type { RequestIdentity, RequestMeta, SessionCache } from '@cbp/service-kit';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';

/** The repositories `RbacService` works with. */
type RbacRepositories = Pick<Repositories, 'users' | 'rbac' | 'sessions' | 'events'>;

export interface RbacServiceDeps {
  transact: Transact<RbacRepositories>;
  /** Sessions whose roles changed are dropped from it, so the gateway re-reads them on the next request. */
  cache: Pick<SessionCache, 'forget'>;
  clock: () => Date;
  onEventsRecorded: () => void;
}

/** Who changes a grant: a signed-in caller (checked for `roles:grant`) or the system (CLI, bootstrap). */
export type Grantor = { kind: 'caller'; identity: RequestIdentity } | { kind: 'system' };

const SYSTEM: Grantor = { kind: 'system' };

/**
 * Role grants. A change takes effect on the user's next request: after it commits, every active session of the
 * user is dropped from the session cache, so the gateway reads the new roles and scopes from
 * `identity.session_principals` (ASVS 8.3.2) instead of trusting the cached copy for up to 60 s.
 */
export class RbacService {
  constructor(private readonly deps: RbacServiceDeps) {}

  grantsOf(userId: string): Promise<{ roles: string[]; scopes: string[] }> {
    return this.deps.transact((tx) => tx.rbac.grantsOf(userId));
  }

  /** Roles of a user: visible to the user and to holders of `users:read`. */
  async rolesOf(identity: RequestIdentity, userId: string): Promise<string[]> {
    assertSelfOrScope(identity, userId, SCOPES.USERS_READ);
    return (await this.grantsOf(userId)).roles;
  }

  /**
   * Grants `role` to `userId`; idempotent (granting a held role changes nothing and records nothing).
   * @throws UNAUTHENTICATED / FORBIDDEN (caller without roles:grant), NOT_FOUND (user or role).
   */
  async grant(by: Grantor, userId: string, role: string, meta: RequestMeta): Promise<string[]> {
    const actorId = actorOf(by, SCOPES.ROLES_GRANT);
    const changed = await this.deps.transact(async (tx) => {
      await assertUserAndRole(tx, userId, role);
      await assertVerified(tx, userId);
      const granted = await tx.rbac.grant(userId, role, actorId, this.deps.clock());
      if (granted) tx.events.record({ type: EVENT_TYPES.ROLE_GRANTED, actorId, subjectId: userId, meta, data: { role } });
      return granted ? await this.activeSessionIds(tx, userId) : null;
    });
    return this.afterChange(userId, changed);
  }

  /**
   * Revokes `role` from `userId`; idempotent.
   * @throws FORBIDDEN, NOT_FOUND, CONFLICT when an admin would revoke their own admin role (nobody could then
   *   undo it from the UI; another admin, or the CLI, can).
   */
  async revoke(by: Grantor, userId: string, role: string, meta: RequestMeta): Promise<string[]> {
    const actorId = actorOf(by, SCOPES.ROLES_GRANT);
    if (actorId !== null && actorId === userId && role === 'admin') {
      throw new AppError(COMMON_ERRORS.CONFLICT, { message: 'You cannot revoke your own admin role; ask another admin.' });
    }
    const changed = await this.deps.transact(async (tx) => {
      await assertUserAndRole(tx, userId, role);
      await tx.rbac.rolesForUpdate(userId);
      const revoked = await tx.rbac.revoke(userId, role);
      if (revoked) tx.events.record({ type: EVENT_TYPES.ROLE_REVOKED, actorId, subjectId: userId, meta, data: { role } });
      return revoked ? await this.activeSessionIds(tx, userId) : null;
    });
    return this.afterChange(userId, changed);
  }

  /** In the caller's transaction: the role every new account gets, granted by the system. */
  async grantInTransaction(
    tx: Pick<Repositories, 'rbac' | 'events'>,
    userId: string,
    role: string,
    meta: RequestMeta,
    recordEvent: boolean,
  ): Promise<void> {
    const granted = await tx.rbac.grant(userId, role, null, this.deps.clock());
    if (granted && recordEvent)
      tx.events.record({ type: EVENT_TYPES.ROLE_GRANTED, actorId: null, subjectId: userId, meta, data: { role } });
  }

  static readonly system = SYSTEM;

  private async activeSessionIds(tx: Pick<Repositories, 'sessions'>, userId: string): Promise<string[]> {
    return (await tx.sessions.listActive(userId, this.deps.clock())).map((s) => s.id);
  }

  private async afterChange(userId: string, sessionIds: string[] | null): Promise<string[]> {
    if (sessionIds !== null) {
      this.deps.onEventsRecorded();
      // After commit: a reader that refills the cache now sees the new grants.
      await this.deps.cache.forget(sessionIds);
    }
    return (await this.grantsOf(userId)).roles;
  }
}

/** A user id that is not even a UUID names no user (NOT_FOUND, not a database error). */
export function assertUserIdShape(userId: string): void {
  if (!isUuid(userId)) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
}

async function assertUserAndRole(tx: Pick<Repositories, 'users' | 'rbac'>, userId: string, role: string): Promise<void> {
  assertUserIdShape(userId);
  if (!(await tx.users.findById(userId))) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: 'No such user.' });
  if (!(await tx.rbac.roleExists(role))) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: `No such role: ${role}.` });
}

/**
 * Roles go to verified accounts only: whoever registered an address first may not be its owner until a link sent
 * there is opened (docs/design.md §6 (Authorization)). Locks the row, so a concurrent re-registration waits.
 * @throws EMAIL_NOT_VERIFIED (403).
 */
async function assertVerified(tx: Pick<Repositories, 'users'>, userId: string): Promise<void> {
  const user = await tx.users.findSummaryForUpdate(userId);
  if (user && user.emailVerifiedAt === null) {
    throw new AppError(AUTH_ERRORS.EMAIL_NOT_VERIFIED, {
      message: `The account ${user.email} has not verified its email; roles are granted to verified accounts only.`,
    });
  }
}

function actorOf(by: Grantor, scope: Scope): string | null {
  if (by.kind === 'system') return null;
  assertScope(by.identity, scope);
  return by.identity.kind === 'user' ? by.identity.userId : null;
}
