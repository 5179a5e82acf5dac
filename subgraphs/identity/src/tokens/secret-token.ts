import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isCanonicalUuid } from '@cbp/contracts';

/** 256 random bits, URL-safe: the secret part of every token we hand out (ASVS 7.2.3 asks for ≥128). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored SHA-256 hex digest. */
export function secretMatches(secret: string, storedHashHex: string): boolean {
  const presented = Buffer.from(sha256Hex(secret), 'hex');
  const stored = Buffer.from(storedHashHex, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** A `id.secret` token (lucia's design): the id finds the row, the secret proves possession. */
export function newCompositeToken(): { id: string; secret: string; token: string; secretHash: string } {
  const id = randomUUID();
  const secret = randomSecret();
  return { id, secret, token: `${id}.${secret}`, secretHash: sha256Hex(secret) };
}

/** Splits a presented `id.secret` token; null for anything malformed (no database lookup for garbage). */
export function parseCompositeToken(token: unknown): { id: string; secret: string } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !isCanonicalUuid(id) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { id, secret };
}
