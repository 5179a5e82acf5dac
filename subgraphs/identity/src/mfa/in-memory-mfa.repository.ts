import { randomUUID } from 'node:crypto';
import type { InMemoryTables } from '../testing/in-memory-tables.js';
import { uniqueViolation } from '../testing/in-memory-tables.js';
import type { MfaRepository, TotpCredential } from './mfa.repository.js';

/**
 * In-memory {@link MfaRepository} over the TOTP columns of the user rows and the recovery codes. Each method is
 * the SQL one's conditional UPDATE: it checks and writes in one step, answering false when the condition fails.
 */
export class InMemoryMfaRepository implements MfaRepository {
  constructor(private readonly tables: InMemoryTables) {}

  async findTotp(userId: string): Promise<TotpCredential | null> {
    const columns = this.tables.columnsOf(userId);
    if (!columns) return null;
    return {
      secretEncrypted: columns.totpSecretEncrypted,
      enabledAt: columns.totpEnabledAt ? new Date(columns.totpEnabledAt) : null,
      lastStep: columns.totpLastStep,
    };
  }

  async savePendingSecret(userId: string, secretEncrypted: string): Promise<boolean> {
    const columns = this.tables.columnsOf(userId);
    if (!columns || columns.totpEnabledAt !== null) return false;
    columns.totpSecretEncrypted = secretEncrypted;
    columns.totpLastStep = null;
    return true;
  }

  async enable(userId: string, now: Date, step: number, secretEncrypted: string): Promise<boolean> {
    const columns = this.tables.columnsOf(userId);
    if (!columns || columns.totpEnabledAt !== null || columns.totpSecretEncrypted !== secretEncrypted) return false;
    columns.totpEnabledAt = new Date(now);
    columns.totpLastStep = step;
    return true;
  }

  async disable(userId: string): Promise<void> {
    const columns = this.tables.columnsOf(userId);
    if (columns) {
      columns.totpSecretEncrypted = null;
      columns.totpEnabledAt = null;
      columns.totpLastStep = null;
    }
    this.tables.data.recoveryCodes = this.tables.data.recoveryCodes.filter((c) => c.userId !== userId);
  }

  async advanceStep(userId: string, step: number): Promise<boolean> {
    const columns = this.tables.columnsOf(userId);
    if (!columns || (columns.totpLastStep !== null && columns.totpLastStep >= step)) return false;
    columns.totpLastStep = step;
    return true;
  }

  async replaceRecoveryCodes(userId: string, hashes: readonly string[], now: Date): Promise<void> {
    const kept = this.tables.data.recoveryCodes.filter((c) => c.userId !== userId);
    for (const codeHash of hashes) {
      if (kept.some((c) => c.userId === userId && c.codeHash === codeHash)) throw uniqueViolation('recovery_codes_user_id_code_hash_key');
      kept.push({ id: randomUUID(), userId, codeHash, createdAt: new Date(now), usedAt: null });
    }
    this.tables.data.recoveryCodes = kept;
  }

  async burnRecoveryCode(userId: string, hash: string, now: Date): Promise<boolean> {
    const code = this.tables.data.recoveryCodes.find((c) => c.userId === userId && c.codeHash === hash && c.usedAt === null);
    if (!code) return false;
    code.usedAt = new Date(now);
    return true;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    return this.tables.data.recoveryCodes.filter((c) => c.userId === userId && c.usedAt === null).length;
  }
}
