import type { InMemoryTables } from '../testing/in-memory-tables.js';
import { uniqueViolation } from '../testing/in-memory-tables.js';
import type { OneTimeToken, OneTimeTokenPurpose } from './one-time-token.entity.js';
import type { OneTimeTokenRepository } from './one-time-token.repository.js';

/** In-memory {@link OneTimeTokenRepository}; the token hash is unique, as in the table. */
export class InMemoryOneTimeTokenRepository implements OneTimeTokenRepository {
  constructor(private readonly tables: InMemoryTables) {}

  create(token: OneTimeToken): void {
    const tokens = this.tables.data.oneTimeTokens;
    if (tokens.has(token.id)) throw uniqueViolation('one_time_tokens_pkey');
    if ([...tokens.values()].some((t) => t.tokenHash === token.tokenHash)) throw uniqueViolation('one_time_tokens_token_hash_key');
    tokens.set(token.id, { ...token });
  }

  async findByHashForUpdate(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null> {
    return [...this.tables.data.oneTimeTokens.values()].find((t) => t.tokenHash === tokenHash && t.purpose === purpose) ?? null;
  }

  async invalidateAll(userId: string, purpose: OneTimeTokenPurpose, now: Date): Promise<number> {
    const unused = [...this.tables.data.oneTimeTokens.values()].filter(
      (t) => t.userId === userId && t.purpose === purpose && t.usedAt === null,
    );
    for (const token of unused) token.usedAt = now;
    return unused.length;
  }
}
