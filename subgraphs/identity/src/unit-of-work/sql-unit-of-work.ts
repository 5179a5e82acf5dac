import type { EntityManager } from '@cbp/db';
import { recordEvent } from '@cbp/events';
import { SqlInvitationRepository } from '../invitations/invitation.repository.js';
import { MikroSigningKeyRepository } from '../keys/signing-key.repository.js';
import { MikroLockoutRepository } from '../lockout/lockout.repository.js';
import { MikroMfaRepository } from '../mfa/mfa.repository.js';
import { SqlRbacRepository } from '../rbac/rbac.repository.js';
import { MikroSessionRepository } from '../sessions/session.repository.js';
import { MikroOneTimeTokenRepository } from '../tokens/one-time-token.repository.js';
import { MikroUserRepository } from '../users/user.repository.js';
import type { Repositories, Transact } from './repositories.js';

/** The SQL repositories over `em`, a transaction's EntityManager. */
export function repositoriesFor(em: EntityManager): Repositories {
  return {
    users: new MikroUserRepository(em),
    sessions: new MikroSessionRepository(em),
    tokens: new MikroOneTimeTokenRepository(em),
    rbac: new SqlRbacRepository(em),
    invitations: new SqlInvitationRepository(em),
    mfa: new MikroMfaRepository(em),
    lockout: new MikroLockoutRepository(em),
    signingKeys: new MikroSigningKeyRepository(em, true),
    events: {
      record: ({ type, actorId, subjectId, meta, data }) =>
        recordEvent(em, { type, actorId, subjectId, data, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId }),
    },
  };
}

/** A `Transact` running each unit of work in `em.transactional`: flushed and committed when `fn` resolves. */
export function sqlTransact(em: EntityManager): Transact {
  return (fn) => em.transactional((tx) => fn(repositoriesFor(tx)));
}

/**
 * A `Transact` for a process-wide service, which must not hold a request's EntityManager: each unit of work runs
 * on a fresh fork of `root`, so no identity map outlives it (a long-lived one would keep serving stale rows).
 */
export function forkingSqlTransact(root: EntityManager): Transact {
  return (fn) => sqlTransact(root.fork())(fn);
}
