import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@cbp/db';
import { recordEvent } from '@cbp/events';
import type { NewDomainEvent } from '@cbp/events';
import { SigningKeySchema } from './signing-key.entity.js';
import type { SigningKey } from './signing-key.entity.js';

/**
 * Raised by `insert` when the row would break a uniqueness rule: a second `current` key (the partial unique index)
 * or a kid that already exists. Callers treat it as "another instance got there first" and read again.
 */
export class SigningKeyConflictError extends Error {
  override name = 'SigningKeyConflictError';
}

/** Persistence of signing keys. `find*` returns null (or an empty list) when absent; nothing here decrypts. */
export interface SigningKeyRepository {
  /** The key that signs new tokens, or null before the first start. */
  findCurrent(): Promise<SigningKey | null>;

  /**
   * The keys the JWKS publishes at `now`: the current key and every retired key whose `expiresFromJwksAt` is
   * still after `now`. Order is unspecified.
   */
  findPublished(now: Date): Promise<SigningKey[]>;

  /**
   * Inserts a key.
   * @throws SigningKeyConflictError when a `current` key already exists (and `key.status` is `current`) or the kid
   *   is taken. Nothing is written then.
   */
  insert(key: SigningKey): Promise<void>;

  /**
   * Marks `kid` retired, but only if it is still `current`: the conditional update is what makes two concurrent
   * rotations safe. Returns false (and writes nothing) when the key was not current any more.
   */
  retire(kid: string, retiredAt: Date, expiresFromJwksAt: Date): Promise<boolean>;

  /**
   * Runs `work` in one database transaction with a repository bound to it; commits when `work` resolves, rolls
   * back every write (events included) when it throws, and rethrows.
   */
  transactional<T>(work: (tx: SigningKeyTransaction) => Promise<T>): Promise<T>;
}

/** A repository bound to one open transaction, which can also record outbox events in it. */
export interface SigningKeyTransaction extends SigningKeyRepository {
  /** Adds an event to the outbox of this transaction: it is published if and only if the transaction commits. */
  recordEvent(event: NewDomainEvent): void;
}

/**
 * MikroORM implementation. The key service is a process-wide singleton, so this repository must not hold on to a
 * request's EntityManager: outside a transaction every call works in a fork of its own (a long-lived identity
 * map would keep serving a key that another instance has since retired).
 */
export class MikroSigningKeyRepository implements SigningKeyTransaction {
  /**
   * @param em the ORM's root EntityManager (or any EntityManager to fork from).
   * @param boundToTransaction internal: true when `em` is a transaction's manager, used as is.
   */
  constructor(
    private readonly em: EntityManager,
    private readonly boundToTransaction = false,
  ) {}

  private scope(): EntityManager {
    return this.boundToTransaction ? this.em : this.em.fork();
  }

  findCurrent(): Promise<SigningKey | null> {
    return this.scope().findOne(SigningKeySchema, { status: 'current' });
  }

  findPublished(now: Date): Promise<SigningKey[]> {
    return this.scope().find(SigningKeySchema, {
      $or: [{ status: 'current' }, { status: 'retired', expiresFromJwksAt: { $gt: now } }],
    });
  }

  async insert(key: SigningKey): Promise<void> {
    try {
      // A native insert: the row is written now, so the unique index answers now, not at some later flush.
      await this.scope().insert(SigningKeySchema, { ...key });
    } catch (err) {
      // Translated at the edge so the service never learns about MikroORM's exception classes.
      if (err instanceof UniqueConstraintViolationException)
        throw new SigningKeyConflictError('a current signing key already exists', { cause: err });
      throw err;
    }
  }

  async retire(kid: string, retiredAt: Date, expiresFromJwksAt: Date): Promise<boolean> {
    const affected = await this.scope().nativeUpdate(
      SigningKeySchema,
      { kid, status: 'current' },
      { status: 'retired', retiredAt, expiresFromJwksAt },
    );
    return affected === 1;
  }

  transactional<T>(work: (tx: SigningKeyTransaction) => Promise<T>): Promise<T> {
    if (this.boundToTransaction) return work(this);
    return this.em.fork().transactional((txEm) => work(new MikroSigningKeyRepository(txEm, true)));
  }

  recordEvent(event: NewDomainEvent): void {
    if (!this.boundToTransaction) throw new Error('recordEvent needs a transaction: call it inside transactional()');
    // em.transactional flushes this with the rest of the unit of work just before it commits.
    recordEvent(this.em, event);
  }
}
