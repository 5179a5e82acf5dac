import { makeEvent } from '@cbp/events';
import type { DomainEvent, NewDomainEvent } from '@cbp/events';
import type { SigningKey } from './signing-key.entity.js';
import { SigningKeyConflictError } from './signing-key.repository.js';
import type { SigningKeyRepository, SigningKeyTransaction } from './signing-key.repository.js';

/**
 * In-memory `SigningKeyRepository` for unit tests. It enforces what the table enforces (unique kid, at most one
 * `current` row) and returns copies, so a caller mutating a result cannot change what is "stored".
 * `transactional` restores the previous rows and events when the work throws.
 */
export class InMemorySigningKeyRepository implements SigningKeyRepository {
  private rows = new Map<string, SigningKey>();
  /** Events recorded by committed transactions, oldest first. */
  events: DomainEvent[] = [];

  /** Every stored row, as stored (copies). */
  all(): SigningKey[] {
    return [...this.rows.values()].map(copy);
  }

  async findCurrent(): Promise<SigningKey | null> {
    const row = [...this.rows.values()].find((r) => r.status === 'current');
    return row ? copy(row) : null;
  }

  async findPublished(now: Date): Promise<SigningKey[]> {
    return [...this.rows.values()]
      .filter((r) => r.status === 'current' || (r.expiresFromJwksAt !== null && r.expiresFromJwksAt.getTime() > now.getTime()))
      .map(copy);
  }

  async insert(key: SigningKey): Promise<void> {
    if (this.rows.has(key.kid)) throw new SigningKeyConflictError(`kid ${key.kid} already exists`);
    if (key.status === 'current' && [...this.rows.values()].some((r) => r.status === 'current')) {
      throw new SigningKeyConflictError('a current signing key already exists');
    }
    this.rows.set(key.kid, copy(key));
  }

  async retire(kid: string, retiredAt: Date, expiresFromJwksAt: Date): Promise<boolean> {
    const row = this.rows.get(kid);
    if (!row || row.status !== 'current') return false;
    this.rows.set(kid, { ...row, status: 'retired', retiredAt: new Date(retiredAt), expiresFromJwksAt: new Date(expiresFromJwksAt) });
    return true;
  }

  async transactional<T>(work: (tx: SigningKeyTransaction) => Promise<T>): Promise<T> {
    const rowsBefore = new Map(this.rows);
    const pending: DomainEvent[] = [];
    const tx: SigningKeyTransaction = {
      findCurrent: () => this.findCurrent(),
      findPublished: (now) => this.findPublished(now),
      insert: (key) => this.insert(key),
      retire: (kid, retiredAt, expiresFromJwksAt) => this.retire(kid, retiredAt, expiresFromJwksAt),
      transactional: (inner) => inner(tx),
      recordEvent: (event: NewDomainEvent) => {
        pending.push(makeEvent(event));
      },
    };
    try {
      const result = await work(tx);
      this.events.push(...pending);
      return result;
    } catch (err) {
      this.rows = rowsBefore;
      throw err;
    }
  }
}

function copy(row: SigningKey): SigningKey {
  return {
    ...row,
    publicJwk: { ...row.publicJwk },
    createdAt: new Date(row.createdAt),
    retiredAt: row.retiredAt ? new Date(row.retiredAt) : null,
    expiresFromJwksAt: row.expiresFromJwksAt ? new Date(row.expiresFromJwksAt) : null,
  };
}
