import { EntitySchema } from '@cbp/db';

export type OneTimeTokenPurpose = 'email_verification' | 'password_reset';

/** A single-use emailed token; only its SHA-256 is stored (a leaked table yields no usable link). */
export interface OneTimeToken {
  id: string;
  userId: string;
  purpose: OneTimeTokenPurpose;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export const OneTimeTokenSchema = new EntitySchema<OneTimeToken>({
  name: 'OneTimeToken',
  tableName: 'one_time_tokens',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    purpose: { type: 'text' },
    tokenHash: { type: 'text', unique: true, hidden: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    expiresAt: { type: 'datetime', columnType: 'timestamptz' },
    usedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});
