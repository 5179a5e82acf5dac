import { LockMode } from '@cbp/db';
import type { EntityManager } from '@cbp/db';
import { OneTimeTokenSchema } from './one-time-token.entity.js';
import type { OneTimeToken, OneTimeTokenPurpose } from './one-time-token.entity.js';

export interface OneTimeTokenRepository {
  create(token: OneTimeToken): void;
  /** The token with this hash and purpose, locked FOR UPDATE so two uses of one link cannot both succeed. */
  findByHashForUpdate(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null>;
  /** Marks every unused token of the user for this purpose as used (a new request supersedes older links). */
  invalidateAll(userId: string, purpose: OneTimeTokenPurpose, now: Date): Promise<number>;
}

export class MikroOneTimeTokenRepository implements OneTimeTokenRepository {
  constructor(private readonly em: EntityManager) {}

  create(token: OneTimeToken): void {
    this.em.create(OneTimeTokenSchema, token);
  }

  findByHashForUpdate(tokenHash: string, purpose: OneTimeTokenPurpose): Promise<OneTimeToken | null> {
    return this.em.findOne(OneTimeTokenSchema, { tokenHash, purpose }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  invalidateAll(userId: string, purpose: OneTimeTokenPurpose, now: Date): Promise<number> {
    return this.em.nativeUpdate(OneTimeTokenSchema, { userId, purpose, usedAt: null }, { usedAt: now });
  }
}
