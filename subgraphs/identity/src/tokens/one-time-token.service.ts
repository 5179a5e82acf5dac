import { randomUUID } from 'node:crypto';
import { AppError, AUTH_ERRORS } from '@cbp/errors';
import type { OneTimeToken, OneTimeTokenPurpose } from './one-time-token.entity.js';
import type { OneTimeTokenRepository } from './one-time-token.repository.js';
import { randomSecret, sha256Hex } from './secret-token.js';

/**
 * Issues and redeems emailed one-time tokens (email verification, password reset): 256 random bits, stored only
 * as SHA-256, single use, expiring, and a new one supersedes the older ones (ASVS 6.4.1).
 */
export const oneTimeTokens = {
  /**
   * Returns the raw token to put in the email; it is not stored anywhere. `pendingPasswordHash`: the password a
   * registration chose, activated when this link verifies the email.
   */
  issue(
    repo: OneTimeTokenRepository,
    userId: string,
    purpose: OneTimeTokenPurpose,
    ttlSeconds: number,
    now: Date,
    newEmail: string | null = null,
    pendingPasswordHash: string | null = null,
  ): Promise<string> {
    return repo.invalidateAll(userId, purpose, now).then(() => {
      const token = randomSecret();
      repo.create({
        id: randomUUID(),
        userId,
        purpose,
        tokenHash: sha256Hex(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
        usedAt: null,
        newEmail,
        pendingPasswordHash,
      });
      return token;
    });
  },

  /** Burns the token and returns its user id; INVALID_TOKEN (400) when unknown, expired or already used. */
  async redeem(repo: OneTimeTokenRepository, rawToken: unknown, purpose: OneTimeTokenPurpose, now: Date): Promise<string> {
    return (await oneTimeTokens.redeemToken(repo, rawToken, purpose, now)).userId;
  },

  /** {@link redeem}, returning the burnt token itself (an email change reads the address it carries). */
  async redeemToken(repo: OneTimeTokenRepository, rawToken: unknown, purpose: OneTimeTokenPurpose, now: Date): Promise<OneTimeToken> {
    if (typeof rawToken !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(rawToken)) throw new AppError(AUTH_ERRORS.INVALID_TOKEN);
    const token = await repo.findByHashForUpdate(sha256Hex(rawToken), purpose);
    if (!token || token.usedAt !== null || token.expiresAt.getTime() <= now.getTime()) throw new AppError(AUTH_ERRORS.INVALID_TOKEN);
    token.usedAt = now;
    return token;
  },
};
