import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@cbp/db';
import { AppError, COMMON_ERRORS } from '@cbp/errors';
import type { SessionCache } from '@cbp/service-kit';
import { normalizeEmail } from '../users/email-address.js';
import type { Transact } from '../unit-of-work/repositories.js';
import { sqlTransact } from '../unit-of-work/sql-unit-of-work.js';
import { RbacService } from './rbac.service.js';

/** What the operator's role commands need: the identity ORM and, when Redis is reachable, the session cache. */
export interface RoleAdminDeps {
  orm: MikroORM;
  /** Null when no shared Redis is reachable: cached sessions then pick up the change within 60 s. */
  cache: Pick<SessionCache, 'forget'> | null;
  clock?: () => Date;
}

const systemMeta = () => ({ requestId: `cli-${randomUUID()}`, ip: null, userAgent: 'cbp-admin-cli' });

function rbacOf(deps: RoleAdminDeps): { rbac: RbacService; transact: Transact } {
  const transact = sqlTransact(deps.orm.em.fork());
  const rbac = new RbacService({
    transact,
    cache: deps.cache ?? { forget: () => Promise.resolve() },
    clock: deps.clock ?? (() => new Date()),
    onEventsRecorded: () => undefined,
  });
  return { rbac, transact };
}

async function userIdOf(transact: Transact, email: string): Promise<string> {
  const user = await transact((tx) => tx.users.findByEmail(normalizeEmail(email.trim())));
  if (!user) throw new AppError(COMMON_ERRORS.NOT_FOUND, { message: `No account with the email ${email}.` });
  return user.id;
}

/**
 * Grants `role` to the account with `email`, as the system (actor null): `npm run admin -- grant admin <email>`
 * and tests use this. Records `role.granted`; the user's cached sessions are dropped so it applies on their next
 * request. @throws AppError NOT_FOUND (no such account or role).
 */
export async function grantRole(deps: RoleAdminDeps, email: string, role: string): Promise<{ userId: string; roles: string[] }> {
  const { rbac, transact } = rbacOf(deps);
  const userId = await userIdOf(transact, email);
  return { userId, roles: await rbac.grant(RbacService.system, userId, role, systemMeta()) };
}

/** Revokes `role` from the account with `email`, as the system. Records `role.revoked`. */
export async function revokeRole(deps: RoleAdminDeps, email: string, role: string): Promise<{ userId: string; roles: string[] }> {
  const { rbac, transact } = rbacOf(deps);
  const userId = await userIdOf(transact, email);
  return { userId, roles: await rbac.revoke(RbacService.system, userId, role, systemMeta()) };
}

/** The roles and scopes of the account with `email`. */
export async function listRoles(deps: RoleAdminDeps, email: string): Promise<{ userId: string; roles: string[]; scopes: string[] }> {
  const { rbac, transact } = rbacOf(deps);
  const userId = await userIdOf(transact, email);
  return { userId, ...(await rbac.grantsOf(userId)) };
}
