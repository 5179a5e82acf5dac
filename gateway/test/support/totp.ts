import { createHmac } from 'node:crypto';

/** RFC 4648 Base32 decoding (no padding), written here so the tests do not trust the code under test. */
export function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of input.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with HMAC-SHA1 and dynamic truncation, straight from node:crypto (independent of otplib). */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

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
