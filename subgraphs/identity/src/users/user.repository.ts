import type { EntityManager } from '@cbp/db';
import { UserSchema } from './user.entity.js';
import type { User } from './user.entity.js';

/** Persistence of users. `find*` returns null when absent. */
export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByIds(ids: readonly string[]): Promise<User[]>;
  findByEmail(normalizedEmail: string): Promise<User | null>;
  /** Stages a new user; flushed with the transaction. */
  create(user: User): void;
}

export class MikroUserRepository implements UserRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { id });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.em.find(UserSchema, { id: { $in: [...ids] } });
  }

  findByEmail(normalizedEmail: string): Promise<User | null> {
    return this.em.findOne(UserSchema, { emailNormalized: normalizedEmail });
  }

  create(user: User): void {
    this.em.create(UserSchema, user);
  }
}
