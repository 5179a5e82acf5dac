import { generateSecret, verify } from 'otplib';

/** RFC 6238 parameters every authenticator app understands (Google Authenticator ignores anything else). */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** 160 bits: RFC 4226 §4 recommends it; NIST SP 800-63B asks for at least 112. */
export const TOTP_SECRET_BYTES = 20;

export interface TotpCheck {
  /** Base32 secret, or the raw key bytes (the RFC test seeds are ASCII). */
  secret: string | Uint8Array;
  /** What the user typed; spaces are ignored. */
  code: string;
  /** Refuse any step at or before this one (RFC 6238 §5.2: a code is accepted once). */
  afterStep?: number | null;
  /** 6 by default; the RFC 6238 Appendix B vectors use 8. */
  digits?: 6 | 8;
}

export type TotpResult = { valid: true; step: number } | { valid: false };

/**
 * Verifies TOTP codes (RFC 6238: SHA-1, 30 s steps, T0 = 0) with ±1 step of drift, through otplib 13.
 * The clock is injected so the RFC vectors and the drift window can be tested at fixed times.
 */
export class TotpVerifier {
  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** The matching time step, or `{valid: false}`; never throws for a malformed code. */
  async verify(check: TotpCheck): Promise<TotpResult> {
    const digits = check.digits ?? TOTP_DIGITS;
    const code = check.code.replace(/\s+/g, '');
    if (!new RegExp(`^\\d{${digits}}$`).test(code)) return { valid: false };
    const epoch = Math.floor(this.clock().getTime() / 1000);
    const result = await verify({
      secret: check.secret,
      token: code,
      digits,
      algorithm: 'sha1',
      period: TOTP_PERIOD_SECONDS,
      epoch,
      // ±one period of tolerance = the previous, current and next step, never two away.
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(check.afterStep !== null && check.afterStep !== undefined ? { afterTimeStep: check.afterStep } : {}),
    });
    // The functional API types TOTP and HOTP results as one union; only TOTP's carries the matched step.
    return result.valid && 'timeStep' in result ? { valid: true, step: result.timeStep } : { valid: false };
  }

  /** The current time step (for tests and diagnostics). */
  currentStep(): number {
    return Math.floor(this.clock().getTime() / 1000 / TOTP_PERIOD_SECONDS);
  }
}

/** A fresh 160-bit secret, Base32 without padding. */
export function newTotpSecret(): string {
  return generateSecret({ length: TOTP_SECRET_BYTES });
}

/**
 * The Key Uri Format URL (`otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`)
 * that authenticator apps read from the QR code.
 */
export function totpKeyUri(options: { issuer: string; account: string; secret: string }): string {
  // Built by hand: otplib's generateURI leaves out algorithm/digits/period when they are the defaults, and some
  // apps guess wrong without them. Issuer and account are percent-encoded; the ':' between them is literal.
  const issuer = encodeURIComponent(options.issuer);
  const label = `${issuer}:${encodeURIComponent(options.account)}`;
  const query = `secret=${options.secret}&issuer=${issuer}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`;
  return `otpauth://totp/${label}?${query}`;
}
