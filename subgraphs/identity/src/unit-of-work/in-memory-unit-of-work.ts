import { AsyncLocalStorage } from 'node:async_hooks';
import { makeEvent } from '@cbp/events';
import type { DomainEvent, NewDomainEvent } from '@cbp/events';
import { InMemoryInvitationRepository } from '../invitations/in-memory-invitation.repository.js';
import type { SigningKey } from '../keys/signing-key.entity.js';
import { SigningKeyConflictError } from '../keys/signing-key.repository.js';
import type { SigningKeyTransaction } from '../keys/signing-key.repository.js';
import { InMemoryLockoutRepository } from '../lockout/in-memory-lockout.repository.js';
import { InMemoryMfaRepository } from '../mfa/in-memory-mfa.repository.js';
import { InMemoryRbacRepository } from '../rbac/in-memory-rbac.repository.js';
import { InMemorySessionRepository } from '../sessions/in-memory-session.repository.js';
import { InMemoryTables } from '../testing/in-memory-tables.js';
import { InMemoryOneTimeTokenRepository } from '../tokens/in-memory-one-time-token.repository.js';
import { InMemoryUserRepository } from '../users/in-memory-user.repository.js';
import type { EventRecorder, Repositories, Transact } from './repositories.js';

/** One open transaction: the events it recorded, published to the outbox only when the outermost one commits. */
interface Frame {
  events: DomainEvent[];
}

/**
 * The in-memory unit of work: the twin of `sqlTransact` for unit tests. `transact(fn)` hands `fn` the in-memory
 * repositories; when `fn` throws, every table is put back as it was (a snapshot taken at the start) and its
 * events are dropped; when it resolves, its events join {@link outbox}.
 *
 * Transactions run one at a time (a queue), which is what row locks FOR UPDATE achieve for the rows that
 * matter: two logins racing on one account are evaluated one after the other. A `transact` called inside another
 * (same async context) is a savepoint: it rolls back alone and its events wait for the outer commit.
 */
export class InMemoryUnitOfWork {
  private readonly context = new AsyncLocalStorage<Frame>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly tables: InMemoryTables = new InMemoryTables()) {}

  /** Events of committed transactions, oldest first. */
  get outbox(): readonly DomainEvent[] {
    return this.tables.data.outbox;
  }

  /** The committed events of `type`, oldest first. */
  eventsOf(type: string): DomainEvent[] {
    return this.tables.data.outbox.filter((e) => e.type === type);
  }

  readonly transact: Transact = <T>(fn: (tx: Repositories) => Promise<T>): Promise<T> => {
    const outer = this.context.getStore();
    if (outer) return this.run(fn, outer);
    const turn = this.queue.then(() => this.run(fn, null));
    this.queue = turn.catch(() => undefined);
    return turn;
  };

  /**
   * The repositories outside any transaction (what a service given a bare repository sees, e.g. the users of
   * `UserService`). Events recorded through them are dropped, as nothing commits them.
   */
  repositories(): Repositories {
    return this.repositoriesIn({ events: [] });
  }

  private async run<T>(fn: (tx: Repositories) => Promise<T>, parent: Frame | null): Promise<T> {
    const frame: Frame = { events: [] };
    const before = this.tables.snapshot();
    try {
      const result = await this.context.run(frame, () => fn(this.repositoriesIn(frame)));
      if (parent) parent.events.push(...frame.events);
      else this.tables.data.outbox.push(...frame.events);
      return result;
    } catch (err) {
      this.tables.restore(before);
      throw err;
    }
  }

  private repositoriesIn(frame: Frame): Repositories {
    const events: EventRecorder = {
      record: ({ type, actorId, subjectId, meta, data }) => {
        frame.events.push(makeEvent({ type, actorId, subjectId, data, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId }));
      },
    };
    return {
      users: new InMemoryUserRepository(this.tables),
      sessions: new InMemorySessionRepository(this.tables),
      tokens: new InMemoryOneTimeTokenRepository(this.tables),
      rbac: new InMemoryRbacRepository(this.tables),
      invitations: new InMemoryInvitationRepository(this.tables),
      mfa: new InMemoryMfaRepository(this.tables),
      lockout: new InMemoryLockoutRepository(this.tables),
      signingKeys: new TransactionSigningKeys(this.tables, frame),
      events,
    };
  }
}

/**
 * The signing keys of one in-memory transaction (the twin of `MikroSigningKeyRepository` bound to a transaction):
 * the same uniqueness rules as the table (unique kid, at most one `current`), events into the transaction.
 */
class TransactionSigningKeys implements SigningKeyTransaction {
  constructor(
    private readonly tables: InMemoryTables,
    private readonly frame: Frame,
  ) {}

  async findCurrent(): Promise<SigningKey | null> {
    const row = [...this.tables.data.signingKeys.values()].find((r) => r.status === 'current');
    return row ? copyKey(row) : null;
  }

  async findPublished(now: Date): Promise<SigningKey[]> {
    return [...this.tables.data.signingKeys.values()]
      .filter((r) => r.status === 'current' || (r.expiresFromJwksAt !== null && r.expiresFromJwksAt.getTime() > now.getTime()))
      .map(copyKey);
  }

  async insert(key: SigningKey): Promise<void> {
    const rows = this.tables.data.signingKeys;
    if (rows.has(key.kid)) throw new SigningKeyConflictError(`kid ${key.kid} already exists`);
    if (key.status === 'current' && [...rows.values()].some((r) => r.status === 'current')) {
      throw new SigningKeyConflictError('a current signing key already exists');
    }
    rows.set(key.kid, copyKey(key));
  }

  async retire(kid: string, retiredAt: Date, expiresFromJwksAt: Date): Promise<boolean> {
    const row = this.tables.data.signingKeys.get(kid);
    if (!row || row.status !== 'current') return false;
    Object.assign(row, { status: 'retired', retiredAt: new Date(retiredAt), expiresFromJwksAt: new Date(expiresFromJwksAt) });
    return true;
  }

  /** Already inside the unit of work's transaction: runs `work` in it, as a bound MikroORM repository does. */
  transactional<T>(work: (tx: SigningKeyTransaction) => Promise<T>): Promise<T> {
    return work(this);
  }

  recordEvent(event: NewDomainEvent): void {
    this.frame.events.push(makeEvent(event));
  }
}

function copyKey(row: SigningKey): SigningKey {
  return {
    ...row,
    publicJwk: { ...row.publicJwk },
    createdAt: new Date(row.createdAt),
    retiredAt: row.retiredAt ? new Date(row.retiredAt) : null,
    expiresFromJwksAt: row.expiresFromJwksAt ? new Date(row.expiresFromJwksAt) : null,
  };
}
