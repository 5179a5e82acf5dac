// RFC 6238 §5.2 and Appendix B: the project's TOTP verifier (otplib 13 behind TotpVerifier, with an injected
// clock) reproduces the published SHA-1 vectors, accepts ±1 step of drift but not ±2, and refuses a step at or
// before the last accepted one (a replayed code).
import { describe, expect, it } from '@jest/globals';
import { newTotpSecret, totpKeyUri, TotpVerifier } from './totp.js';

const SEED = new TextEncoder().encode('12345678901234567890');
const at = (seconds: number) => new TotpVerifier(() => new Date(seconds * 1000));

const RFC6238_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TotpVerifier: RFC 6238 Appendix B (SHA-1, 8 digits)', () => {
  it.each(RFC6238_SHA1)('accepts the vector at t=%i (%s)', async (time, code) => {
    const result = await at(time).verify({ secret: SEED, code, digits: 8 });
    expect(result).toEqual({ valid: true, step: Math.floor(time / 30) });
  });

  it.each(RFC6238_SHA1)('refuses the vector at t=%i with its last digit changed', async (time, code) => {
    const wrong = code.slice(0, 7) + String((Number(code[7]) + 1) % 10);
    expect(await at(time).verify({ secret: SEED, code: wrong, digits: 8 })).toEqual({ valid: false });
  });

  it('accepts the same seed as Base32', async () => {
    expect(await at(59).verify({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code: '94287082', digits: 8 })).toMatchObject({ valid: true });
  });

  it('gives 287082 at t=59 with the default 6 digits', async () => {
    expect(await at(59).verify({ secret: SEED, code: '287082' })).toEqual({ valid: true, step: 1 });
    expect(await at(59).verify({ secret: SEED, code: '287 082' })).toEqual({ valid: true, step: 1 });
  });
});

describe('TotpVerifier: drift window and replay', () => {
  // HOTP(counter) for the RFC 4226 seed, counters 0..9 (Appendix D): the TOTP code of step n is HOTP(n).
  const HOTP = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  const mid = (step: number) => step * 30 + 15;

  it('accepts the previous, current and next step', async () => {
    for (const delta of [-1, 0, 1]) {
      expect(await at(mid(5)).verify({ secret: SEED, code: HOTP[5 + delta]! })).toEqual({ valid: true, step: 5 + delta });
    }
  });

  it('refuses codes two steps away, either side', async () => {
    expect(await at(mid(5)).verify({ secret: SEED, code: HOTP[3]! })).toEqual({ valid: false });
    expect(await at(mid(5)).verify({ secret: SEED, code: HOTP[7]! })).toEqual({ valid: false });
  });

  it('holds the window at step boundaries too', async () => {
    expect(await at(5 * 30).verify({ secret: SEED, code: HOTP[4]! })).toMatchObject({ valid: true });
    expect(await at(5 * 30).verify({ secret: SEED, code: HOTP[3]! })).toEqual({ valid: false });
    expect(await at(6 * 30 - 1).verify({ secret: SEED, code: HOTP[7]! })).toEqual({ valid: false });
  });

  it('refuses a replayed step and any earlier one, accepts a later one', async () => {
    const v = at(mid(5));
    expect(await v.verify({ secret: SEED, code: HOTP[5]!, afterStep: 5 })).toEqual({ valid: false });
    expect(await v.verify({ secret: SEED, code: HOTP[4]!, afterStep: 5 })).toEqual({ valid: false });
    expect(await v.verify({ secret: SEED, code: HOTP[6]!, afterStep: 5 })).toEqual({ valid: true, step: 6 });
    expect(await v.verify({ secret: SEED, code: HOTP[5]!, afterStep: 4 })).toEqual({ valid: true, step: 5 });
  });

  it('refuses malformed input without throwing', async () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '28708２'])
      expect(await at(59).verify({ secret: SEED, code })).toEqual({ valid: false });
  });
});

describe('secrets and the Key Uri Format', () => {
  it('makes 160-bit Base32 secrets, different each time', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });

  it('builds an otpauth URL with issuer, account, secret and the explicit parameters', () => {
    const url = new URL(totpKeyUri({ issuer: 'Chat Bot Pro V2', account: 'a+b@example.test', secret: 'JBSWY3DPEHPK3PXP' }));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Chat Bot Pro V2:a+b@example.test');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Chat Bot Pro V2',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
