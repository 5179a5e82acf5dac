import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { DomainEvent } from '@cbp/events';
import type { Invitation } from '../invitations/invitation.repository.js';
import type { LinkRequest } from '../link-requests/link-request-queue.js';
import type { SigningKey } from '../keys/signing-key.entity.js';
import { SEEDED_ROLES } from '../rbac/roles.js';
import type { Device, RefreshToken, Session } from '../sessions/session.entity.js';
import type { OneTimeToken } from '../tokens/one-time-token.entity.js';
import type { User } from '../users/user.entity.js';

/**
 * The columns of `identity.users` that are not on the User entity: written by the lockout, MFA and admin-lock
 * repositories with SQL of their own, so the twins keep them apart from the entity as well.
 */
export interface UserColumns {
  failedLoginCount: number;
  lockedUntil: Date | null;
  totpSecretEncrypted: string | null;
  totpEnabledAt: Date | null;
  totpLastStep: number | null;
  adminLockedAt: Date | null;
  lockReason: string | null;
}

export interface RecoveryCodeRow {
  id: string;
  userId: string;
  codeHash: string;
  createdAt: Date;
  usedAt: Date | null;
}

export interface RoleRow {
  name: string;
  description: string;
  permissions: string[];
}

export interface UserRoleRow {
  userId: string;
  role: string;
  grantedBy: string | null;
  grantedAt: Date;
}

/** Everything the identity schema stores, as plain data: what a snapshot copies and a rollback puts back. */
export interface TableData {
  users: Map<string, User>;
  userColumns: Map<string, UserColumns>;
  sessions: Map<string, Session>;
  refreshTokens: Map<string, RefreshToken>;
  devices: Map<string, Device>;
  oneTimeTokens: Map<string, OneTimeToken>;
  recoveryCodes: RecoveryCodeRow[];
  roles: Map<string, RoleRow>;
  userRoles: UserRoleRow[];
  invitations: Map<string, Invitation>;
  signingKeys: Map<string, SigningKey>;
  /** Events of committed transactions, oldest first (the `identity.outbox` table). */
  outbox: DomainEvent[];
  /** `identity.unknown_email_lockouts`, by email digest. */
  unknownEmailLockouts: Map<string, { failedLoginCount: number; lockedUntil: Date | null; updatedAt: Date }>;
  /** `identity.lockout_sources`, by JSON `[subject, source]`. */
  lockoutSources: Map<string, { subject: string; failures: number; updatedAt: Date }>;
  /** `identity.link_requests`, by id. */
  linkRequests: Map<string, { request: LinkRequest; claimedUntil: Date | null }>;
}

export const defaultUserColumns = (): UserColumns => ({
  failedLoginCount: 0,
  lockedUntil: null,
  totpSecretEncrypted: null,
  totpEnabledAt: null,
  totpLastStep: null,
  adminLockedAt: null,
  lockReason: null,
});

function emptyTables(): TableData {
  return {
    users: new Map(),
    userColumns: new Map(),
    sessions: new Map(),
    refreshTokens: new Map(),
    devices: new Map(),
    oneTimeTokens: new Map(),
    recoveryCodes: [],
    // The RBAC migration seeds these; the twin starts from the same rows.
    roles: new Map(SEEDED_ROLES.map((r) => [r.name, { name: r.name, description: r.description, permissions: [...r.permissions] }])),
    userRoles: [],
    invitations: new Map(),
    signingKeys: new Map(),
    outbox: [],
    unknownEmailLockouts: new Map(),
    lockoutSources: new Map(),
    linkRequests: new Map(),
  };
}

/**
 * The in-memory stand-in for the identity schema, shared by every in-memory repository of one test (several of
 * them write the same `users` row, as the SQL ones do). Rows are held as live objects: an entity a repository
 * returns is the stored one, so mutating it inside a transaction is saved, as MikroORM's unit of work saves it
 * at flush. `snapshot`/`restore` give transactions their rollback.
 */
export class InMemoryTables {
  data: TableData = emptyTables();

  /** A deep copy of every table (Dates and Maps included). */
  snapshot(): TableData {
    return structuredClone(this.data);
  }

  /** Puts a snapshot back: rows written since are gone, rows changed since are as they were. */
  restore(snapshot: TableData): void {
    this.data = snapshot;
  }

  /** The extra columns of a user row, or null when there is no such user (an UPDATE matching no row). */
  columnsOf(userId: string): UserColumns | null {
    if (!this.data.users.has(userId)) return null;
    let columns = this.data.userColumns.get(userId);
    if (!columns) {
      columns = defaultUserColumns();
      this.data.userColumns.set(userId, columns);
    }
    return columns;
  }
}

/**
 * What PostgreSQL raises, through MikroORM, for a duplicate key that the SQL repository does not translate; the
 * twin raises the same class so a caller cannot tell the backends apart.
 */
export function uniqueViolation(constraint: string): UniqueConstraintViolationException {
  const driverError = Object.assign(new Error(`duplicate key value violates unique constraint "${constraint}"`), { code: '23505' });
  return new UniqueConstraintViolationException(driverError);
}
