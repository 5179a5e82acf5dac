import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@cbp/db';
import { AppError, AUTH_ERRORS } from '@cbp/errors';
import { UserSchema } from './user.entity.js';
import type { User } from './user.entity.js';

/** Persistence of users. `find*` returns null when absent. */
export interface UserRepository {
  findById(id: string): Promise<User | null>;
  findByIds(ids: readonly string[]): Promise<User[]>;
  findByEmail(normalizedEmail: string): Promise<User | null>;
  /**
   * Inserts a new user now, in the caller's transaction.
   * @throws AppError EMAIL_IN_USE when the normalised email is taken, including by a concurrent registration that
   *   committed between the caller's `findByEmail` and this insert (the unique index decides).
   */
  create(user: User): Promise<void>;
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

  async create(user: User): Promise<void> {
    try {
      // A native insert, not a staged one: the unique index answers here, where the violation can be translated,
      // rather than at commit time as an untranslated 500.
      await this.em.insert(UserSchema, { ...user });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new AppError(AUTH_ERRORS.EMAIL_IN_USE, { cause: err });
      throw err;
    }
  }
}
