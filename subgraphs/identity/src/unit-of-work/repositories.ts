import type { RequestMeta } from '@cbp/service-kit';
import type { InvitationRepository } from '../invitations/invitation.repository.js';
import type { SigningKeyTransaction } from '../keys/signing-key.repository.js';
import type { LockoutRepository } from '../lockout/lockout.repository.js';
import type { MfaRepository } from '../mfa/mfa.repository.js';
import type { RbacRepository } from '../rbac/rbac.repository.js';
import type { SessionRepository } from '../sessions/session.repository.js';
import type { OneTimeTokenRepository } from '../tokens/one-time-token.repository.js';
import type { UserRepository } from '../users/user.repository.js';

/** Records a domain event in the transaction's outbox. */
export interface EventRecorder {
  record(event: { type: string; actorId: string | null; subjectId: string | null; meta: RequestMeta; data: Record<string, unknown> }): void;
}

/** The repositories of one transaction. */
export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  tokens: OneTimeTokenRepository;
  events: EventRecorder;
  rbac: RbacRepository;
  invitations: InvitationRepository;
  mfa: MfaRepository;
  lockout: LockoutRepository;
  /** Signing keys, bound to the transaction; key events go to the outbox through it. */
  signingKeys: SigningKeyTransaction;
}

/**
 * Runs `fn` in one database transaction (committed when it resolves, rolled back when it throws). A service names
 * the slice it uses, e.g. `Transact<Pick<Repositories, 'users' | 'events'>>`; a full `Transact` fits any slice.
 */
export type Transact<R extends Partial<Repositories> = Repositories> = <T>(fn: (tx: R) => Promise<T>) => Promise<T>;
