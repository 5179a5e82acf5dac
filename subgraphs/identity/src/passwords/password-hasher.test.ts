// Password storage (docs/design.md §5 (Authentication model), OWASP Password Storage, ASVS 6.3.8): argon2id at no less than the OWASP minimum,
// rehash when the parameters rise, a malformed stored hash is a non-match (never an exception), and an unknown
// account costs the same argon2 work as a wrong password.
import { describe, expect, it } from '@jest/globals';
import argon2 from 'argon2';
import { Registry } from '@cbp/metrics';
import { argon2ParamsProblem, Argon2PasswordHasher, DEFAULT_ARGON2_PARAMS, OWASP_ARGON2ID_MINIMUMS } from './password-hasher.js';
import type { Argon2Params } from './password-hasher.js';

const MIN: Argon2Params = { memoryKiB: 19_456, timeCost: 2, parallelism: 1 };
const hasher = (params: Argon2Params = MIN, registry = new Registry()) => new Argon2PasswordHasher(params, { registry });

describe('argon2 package', () => {
  it('reproduces the RFC 9106 §5.3 argon2id test vector', async () => {
    const tag = await argon2.hash(Buffer.alloc(32, 1), {
      type: argon2.argon2id,
      memoryCost: 32,
      timeCost: 3,
      parallelism: 4,
      hashLength: 32,
      salt: Buffer.alloc(16, 2),
      secret: Buffer.alloc(8, 3),
      associatedData: Buffer.alloc(12, 4),
      raw: true,
    });
    expect(tag.toString('hex')).toBe('0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659');
  });
});

describe('parameters', () => {
  it('defaults to the OWASP minimum m=19456, t=2, p=1', () => {
    expect(DEFAULT_ARGON2_PARAMS).toEqual(MIN);
  });

  it('accepts the minimum and each OWASP-equivalent pair', () => {
    for (const pair of OWASP_ARGON2ID_MINIMUMS) expect(argon2ParamsProblem({ ...pair, parallelism: 1 })).toBeNull();
    expect(() => hasher({ memoryKiB: 7_168, timeCost: 5, parallelism: 1 })).not.toThrow();
    expect(argon2ParamsProblem({ memoryKiB: 65_536, timeCost: 3, parallelism: 4 })).toBeNull();
  });

  it.each<[string, Argon2Params]>([
    ['memory one KiB short', { memoryKiB: 19_455, timeCost: 2, parallelism: 1 }],
    ['one pass at the t=2 memory', { memoryKiB: 19_456, timeCost: 1, parallelism: 1 }],
    ['m=12288 with t=2', { memoryKiB: 12_288, timeCost: 2, parallelism: 1 }],
    ['m=7167 with t=5', { memoryKiB: 7_167, timeCost: 5, parallelism: 1 }],
    ['zero parallelism', { memoryKiB: 19_456, timeCost: 2, parallelism: 0 }],
    ['fractional values', { memoryKiB: 19_456.5, timeCost: 2, parallelism: 1 }],
    ['absurd memory', { memoryKiB: 4_194_304, timeCost: 2, parallelism: 1 }],
  ])('refuses %s', (_label, params) => {
    expect(argon2ParamsProblem(params)).toEqual(expect.any(String));
    expect(() => hasher(params)).toThrow(RangeError);
  });
});

describe('Argon2PasswordHasher', () => {
  it('hashes to an argon2id PHC string with the configured parameters and a fresh salt', async () => {
    const h = hasher();
    const [a, b] = await Promise.all([h.hash('correct horse battery staple'), h.hash('correct horse battery staple')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const h = hasher();
    const stored = await h.hash('correct horse battery staple');
    await expect(h.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(h.verify(stored, 'correct horse battery stapl')).resolves.toBe(false);
    await expect(h.verify(stored, 'Correct horse battery staple')).resolves.toBe(false);
  });

  it('normalises to NFC on both sides, so composed and decomposed é are the same password', async () => {
    const h = hasher();
    const composed = 'caf\u00e9 au lait sans sucre';
    const decomposed = 'cafe\u0301 au lait sans sucre';
    expect(composed).not.toBe(decomposed);
    await expect(h.verify(await h.hash(decomposed), composed)).resolves.toBe(true);
  });

  it('never truncates: a 256-character password differs from its 255-character prefix', async () => {
    const h = hasher();
    const long = 'x'.repeat(255) + 'y';
    const stored = await h.hash(long);
    await expect(h.verify(stored, long.slice(0, 255))).resolves.toBe(false);
    await expect(h.verify(stored, long)).resolves.toBe(true);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a hash'],
    ['truncated', '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ'],
    ['bcrypt', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['argon2i', '$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzYWx0$UHBDMkFzM3hzZ3dXTGF0c0FQb05sZ1U'],
    ['unknown id', '$constructor$v=19$m=19456,t=2,p=1$c29tZXNhbHRzYWx0$UHBDMkFzM3hzZ3dXTGF0c0FQb05sZ1U'],
    ['absurd memory', '$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHRzYWx0$UHBDMkFzM3hzZ3dXTGF0c0FQb05sZ1U'],
    ['4-byte tag', '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzYWx0$AAAAAA'],
    ['a "no password" placeholder', '!'],
  ])('returns false, never throws, for a malformed stored hash (%s)', async (_label, stored) => {
    const h = hasher();
    await expect(h.verify(stored, 'whatever the user typed')).resolves.toBe(false);
    expect(h.needsRehash(stored)).toBe(true);
  });

  it('returns false for a non-string stored hash (a null column)', async () => {
    await expect(hasher().verify(null as unknown as string, 'x'.repeat(20))).resolves.toBe(false);
  });

  it('says no rehash for a hash made with the current parameters', async () => {
    const h = hasher();
    expect(h.needsRehash(await h.hash('a perfectly fine passphrase'))).toBe(false);
  });

  it('says rehash when the configured parameters rise, and the new hash verifies', async () => {
    const registry = new Registry();
    const old = hasher(MIN, registry);
    const stored = await old.hash('a perfectly fine passphrase');
    const raised = hasher({ memoryKiB: 19_456, timeCost: 3, parallelism: 1 }, registry);
    expect(raised.needsRehash(stored)).toBe(true);
    expect(hasher({ memoryKiB: 23_552, timeCost: 2, parallelism: 1 }, registry).needsRehash(stored)).toBe(true);
    await expect(raised.verify(stored, 'a perfectly fine passphrase')).resolves.toBe(true);
    const rehashed = await raised.hash('a perfectly fine passphrase');
    expect(raised.needsRehash(rehashed)).toBe(false);
  });

  it('keeps a hash that is stronger in every dimension, but reshapes a mixed one', async () => {
    const strong = await hasher({ memoryKiB: 19_456, timeCost: 3, parallelism: 1 }).hash('a perfectly fine passphrase');
    expect(hasher().needsRehash(strong)).toBe(false);
    // m=47104,t=1 is OWASP-equivalent but slower on glibc: fewer passes than configured → rehash.
    const mixed = await hasher({ memoryKiB: 47_104, timeCost: 1, parallelism: 1 }).hash('a perfectly fine passphrase');
    expect(hasher().needsRehash(mixed)).toBe(true);
  });

  it('says rehash for an argon2i hash with the very parameters argon2id would use', async () => {
    const argon2i = await argon2.hash('a perfectly fine passphrase', {
      type: argon2.argon2i,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(hasher().needsRehash(argon2i)).toBe(true);
  });

  it('verifyAgainstDummy always answers false after a real argon2 verify', async () => {
    const registry = new Registry();
    const h = hasher(MIN, registry);
    await h.ready();
    await expect(h.verifyAgainstDummy('correct horse battery staple')).resolves.toBe(false);
    await expect(h.verifyAgainstDummy('')).resolves.toBe(false);
    // Two verifies observed, and the dummy hash made at start-up is not counted as a hash.
    const text = await registry.metrics();
    expect(text).toContain('password_hash_duration_seconds_count{op="verify"} 2');
    expect(text).not.toContain('password_hash_duration_seconds_count{op="hash"}');
  });

  it('makes an unknown account cost about what a wrong password costs', async () => {
    const h = hasher();
    await h.ready();
    const stored = await h.hash('the real password of somebody');
    const median = async (fn: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        const start = process.hrtime.bigint();
        await fn();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return times.sort((a, b) => a - b)[4] ?? 0;
    };
    const wrong = await median(() => h.verify(stored, 'a wrong guess of a password'));
    const unknown = await median(() => h.verifyAgainstDummy('a wrong guess of a password'));
    const malformed = await median(() => h.verify('!', 'a wrong guess of a password'));
    // Same parameters, same work. The bounds are wide so that a busy machine does not make this flaky; a shortcut
    // (no argon2 at all) would land near 0.01.
    expect(unknown / wrong).toBeGreaterThan(0.33);
    expect(unknown / wrong).toBeLessThan(3);
    expect(malformed / wrong).toBeGreaterThan(0.33);
  });

  it('records hash and verify durations on the registry it was given, and shares it between hashers', async () => {
    const registry = new Registry();
    const h = hasher(MIN, registry);
    expect(() => hasher(MIN, registry)).not.toThrow();
    await h.verify(await h.hash('one more long passphrase'), 'one more long passphrase');
    const text = await registry.metrics();
    expect(text).toContain('password_hash_duration_seconds_count{op="hash"} 1');
    expect(text).toMatch(/password_hash_duration_seconds_count\{op="verify"\} [1-9]/);
  });
});
