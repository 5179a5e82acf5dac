import { EntitySchema } from '@cbp/db';

/** An account. The email is stored as given (trimmed) and compared through its lower-cased form. */
export interface User {
  id: string;
  email: string;
  emailNormalized: string;
  passwordHash: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'text' },
    emailNormalized: { type: 'text', unique: true },
    passwordHash: { type: 'text', hidden: true },
    emailVerifiedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
});
