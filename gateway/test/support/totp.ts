// One independent RFC 4226/6238 reference for every test (identity's test helpers hold it).
import { base32Decode, hotp } from '../../../subgraphs/identity/src/testing/totp-code.js';

export { base32Decode, hotp };

/** RFC 6238 TOTP (T0 = 0, 30 s) of a Base32 secret at `atMs`, shifted by `stepOffset` steps. */
export function totp(secretBase32: string, atMs = Date.now(), stepOffset = 0): string {
  return hotp(base32Decode(secretBase32), Math.floor(atMs / 1000 / 30) + stepOffset);
}

/** The payload of a JWT, decoded without verification (the gateway verified it; tests only read claims). */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Waits out the last 3 s of a 30 s step, so a code computed now is still in the server's window when checked. */
export async function awayFromStepBoundary(): Promise<void> {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 27_000) await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 150));
}

/**
 * Lifts the gateway's rate limits (docs/design.md §7 (Rate limits, lockout and GraphQL limits)) for tests of the
 * account-level rules, which send many attempts from one IP on purpose. Variables a gateway does not know are ignored.
 */
export const RELAXED_RATE_LIMITS: Record<string, string> = {
  RATE_LIMIT_IP_POINTS: '1000000',
  RATE_LIMIT_IP_BURST_POINTS: '1000000',
  RATE_LIMIT_LOGIN_POINTS: '1000000',
  RATE_LIMIT_OTP_POINTS: '1000000',
  RATE_LIMIT_EMAIL_POINTS: '1000000',
  RATE_LIMIT_IP_CAPACITY_POINTS: '1000000',
  RATE_LIMIT_REFRESH_SESSION_POINTS: '1000000',
  RATE_LIMIT_INVITATION_POINTS: '1000000',
};
