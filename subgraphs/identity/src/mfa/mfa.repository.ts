import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@cbp/db';

/** A user's TOTP credential: the sealed secret, whether it is enabled yet, and the last step accepted. */
export interface TotpCredential {
  secretEncrypted: string | null;
  enabledAt: Date | null;
  lastStep: number | null;
}

/**
 * Persistence of the second factor (TOTP columns of `identity.users` and `identity.recovery_codes`), written with
 * SQL of its own so that the single-use checks are conditional UPDATEs the database decides atomically.
 */
export interface MfaRepository {
  findTotp(userId: string): Promise<TotpCredential | null>;
  /** Stores a pending (not yet enabled) secret, replacing any earlier pending one; false when TOTP is enabled. */
  savePendingSecret(userId: string, secretEncrypted: string): Promise<boolean>;
  /**
   * Enables the pending secret, recording `step` as used, only while it is still `secretEncrypted` (the one the
   * caller read and verified the code against); false if it was enabled or replaced meanwhile.
   */
  enable(userId: string, now: Date, step: number, secretEncrypted: string): Promise<boolean>;
  /** Removes the secret and every recovery code. */
  disable(userId: string): Promise<void>;
  /**
   * Records `step` as the last accepted one only when it is later than the stored one (RFC 6238 §5.2).
   * False means the step (or a later one) was already used: a replay, or a concurrent login with the same code.
   */
  advanceStep(userId: string, step: number): Promise<boolean>;
  /** Replaces every recovery code of the user with these hashes. */
  replaceRecoveryCodes(userId: string, hashes: readonly string[], now: Date): Promise<void>;
  /** Burns the unused code with this hash; false when there is none (unknown or already used). */
  burnRecoveryCode(userId: string, hash: string, now: Date): Promise<boolean>;
  countUnusedRecoveryCodes(userId: string): Promise<number>;
}

interface TotpRow {
  totp_secret_encrypted: string | null;
  totp_enabled_at: Date | string | null;
  totp_last_step: string | number | null;
}

const USERS = '"identity"."users"';
const CODES = '"identity"."recovery_codes"';

export class MikroMfaRepository implements MfaRepository {
  constructor(private readonly em: EntityManager) {}

  async findTotp(userId: string): Promise<TotpCredential | null> {
    const rows = await this.em.execute<TotpRow[]>(
      `select "totp_secret_encrypted", "totp_enabled_at", "totp_last_step" from ${USERS} where "id" = ?`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      secretEncrypted: row.totp_secret_encrypted,
      enabledAt: row.totp_enabled_at === null ? null : new Date(row.totp_enabled_at),
      lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    };
  }

  async savePendingSecret(userId: string, secretEncrypted: string): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update ${USERS} set "totp_secret_encrypted" = ?, "totp_last_step" = null where "id" = ? and "totp_enabled_at" is null returning "id"`,
      [secretEncrypted, userId],
    );
    return rows.length === 1;
  }

  async enable(userId: string, now: Date, step: number, secretEncrypted: string): Promise<boolean> {
    // One conditional UPDATE: a concurrent savePendingSecret either committed first (no row matches) or waits.
    const rows = await this.em.execute<{ id: string }[]>(
      `update ${USERS} set "totp_enabled_at" = ?, "totp_last_step" = ?
       where "id" = ? and "totp_enabled_at" is null and "totp_secret_encrypted" = ? returning "id"`,
      [now, step, userId, secretEncrypted],
    );
    return rows.length === 1;
  }

  async disable(userId: string): Promise<void> {
    await this.em.execute(
      `update ${USERS} set "totp_secret_encrypted" = null, "totp_enabled_at" = null, "totp_last_step" = null where "id" = ?`,
      [userId],
    );
    await this.em.execute(`delete from ${CODES} where "user_id" = ?`, [userId]);
  }

  async advanceStep(userId: string, step: number): Promise<boolean> {
    // One statement: under concurrency the second UPDATE waits for the first's row lock, then re-checks the
    // condition against the committed value, so two logins with one code cannot both pass.
    const rows = await this.em.execute<{ id: string }[]>(
      `update ${USERS} set "totp_last_step" = ? where "id" = ? and ("totp_last_step" is null or "totp_last_step" < ?) returning "id"`,
      [step, userId, step],
    );
    return rows.length === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: readonly string[], now: Date): Promise<void> {
    await this.em.execute(`delete from ${CODES} where "user_id" = ?`, [userId]);
    for (const hash of hashes) {
      await this.em.execute(`insert into ${CODES} ("id", "user_id", "code_hash", "created_at") values (?, ?, ?, ?)`, [
        randomUUID(),
        userId,
        hash,
        now,
      ]);
    }
  }

  async burnRecoveryCode(userId: string, hash: string, now: Date): Promise<boolean> {
    const rows = await this.em.execute<{ id: string }[]>(
      `update ${CODES} set "used_at" = ? where "user_id" = ? and "code_hash" = ? and "used_at" is null returning "id"`,
      [now, userId, hash],
    );
    return rows.length === 1;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    const rows = await this.em.execute<{ n: string | number }[]>(
      `select count(*) as "n" from ${CODES} where "user_id" = ? and "used_at" is null`,
      [userId],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
