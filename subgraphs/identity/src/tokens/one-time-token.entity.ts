import { EntitySchema } from '@cbp/db';

export type OneTimeTokenPurpose = 'email_verification' | 'password_reset' | 'email_change';

/** A single-use emailed token; only its SHA-256 is stored (a leaked table yields no usable link). */
export interface OneTimeToken {
  id: string;
  userId: string;
  purpose: OneTimeTokenPurpose;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** `email_change` only: the normalised address the account moves to when the link is opened. */
  newEmail?: string | null;
  /**
   * `email_verification` only: the password hash registered with this link, activated when it verifies the email
   * (a re-registration of an unverified account supersedes the older links and their passwords).
   */
  pendingPasswordHash?: string | null;
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
    newEmail: { type: 'text', nullable: true },
    pendingPasswordHash: { type: 'text', nullable: true, hidden: true },
  },
});
