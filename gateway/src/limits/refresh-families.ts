import type { AnyRedisStore } from '@cbp/redis';

/**
 * The session budget's key of a refresh token: refresh tokens rotate (a new `id.secret` on every refresh), so the
 * gateway remembers, for each token a refresh hands out, the key of the token that started its session. The first
 * token of a session (from a login) is its own key. Only token ids are stored, never a secret.
 */
export class RefreshFamilies {
  constructor(
    private readonly store: AnyRedisStore,
    /** How long a link is kept: the session's absolute lifetime, after which the token is dead anyway. */
    private readonly ttlSeconds: number,
  ) {}

  /** The session key of the token `tokenId`: the first token id of its session, or itself when unknown. */
  async familyOf(tokenId: string): Promise<string> {
    return (await this.store.get(this.key(tokenId))) ?? tokenId;
  }

  /** Records that `tokenId` (handed out by a refresh) belongs to the session keyed `family`. */
  async link(tokenId: string, family: string): Promise<void> {
    await this.store.set(this.key(tokenId), family, { ttlMs: this.ttlSeconds * 1000 });
  }

  private key(tokenId: string): string {
    return `rl:refresh-family:${tokenId}`;
  }
}

/** The id part of an `id.secret` refresh token (lower-cased UUID), or null for anything else. */
export function refreshTokenId(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const id = token.slice(0, Math.max(0, token.indexOf('.')));
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : null;
}
