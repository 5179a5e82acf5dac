import { describe, expect, it } from '@jest/globals';
import { canonicalJson, GENESIS_HASH, hashEntry, hashInput, toStorableJson } from './audit-hash.js';
import type { HashedAuditFields } from './audit-hash.js';

const entry: HashedAuditFields = {
  seq: 1,
  id: '00000000-0000-4000-8000-000000000001',
  eventId: '00000000-0000-4000-8000-000000000002',
  type: 'auth.login.failed',
  occurredAt: new Date('2026-01-02T03:04:05.006Z'),
  recordedAt: new Date('2026-01-02T03:04:06.000Z'),
  actorId: null,
  subjectId: '00000000-0000-4000-8000-000000000003',
  ip: '203.0.113.7',
  userAgent: 'curl/8',
  details: { reason: 'INVALID_CREDENTIALS' },
};

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for the same data whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ a: 1, b: [1, 2], c: { x: 1, y: 2 } })).toBe(canonicalJson({ c: { y: 2, x: 1 }, b: [1, 2], a: 1 }));
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  it('omits undefined members, writes array holes as null, and numbers in their shortest form', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1.5, 1e21, -0] })).toBe('{"b":[null,1.5,1e+21,0]}');
  });

  it('escapes strings as JSON.stringify does', () => {
    expect(canonicalJson('a"b\\c\n\u2028')).toBe(JSON.stringify('a"b\\c\n\u2028'));
  });

  it('refuses values without a JSON form instead of guessing', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});

describe('toStorableJson', () => {
  it('replaces what PostgreSQL cannot store (NUL, lone surrogates) and drops what JSON cannot say', () => {
    expect(toStorableJson({ a: 'x\u0000y', b: '\ud800', c: '😀', d: NaN, e: undefined, f: [undefined] })).toEqual({
      a: 'x\uFFFDy',
      b: '\uFFFD',
      c: '😀',
      d: null,
      f: [null],
    });
  });

  it('is stable: storing the stored form changes nothing', () => {
    const once = toStorableJson({ k: ['a\u0000', 2, { z: new Date('2026-01-01T00:00:00Z') }] });
    expect(toStorableJson(once)).toEqual(once);
  });
});

describe('hashEntry', () => {
  it('is sha256 over prevHash, a newline and the canonical JSON of the fields', () => {
    expect(hashInput(GENESIS_HASH, entry)).toBe(
      `${'0'.repeat(64)}\n{"actorId":null,"details":{"reason":"INVALID_CREDENTIALS"},"eventId":"00000000-0000-4000-8000-000000000002",` +
        `"id":"00000000-0000-4000-8000-000000000001","ip":"203.0.113.7","occurredAt":"2026-01-02T03:04:05.006Z",` +
        `"recordedAt":"2026-01-02T03:04:06.000Z","seq":1,"subjectId":"00000000-0000-4000-8000-000000000003",` +
        `"type":"auth.login.failed","userAgent":"curl/8"}`,
    );
    expect(hashEntry(GENESIS_HASH, entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any hashed field changes, or when the previous hash does', () => {
    const base = hashEntry(GENESIS_HASH, entry);
    const variants: Partial<HashedAuditFields>[] = [
      { seq: 2 },
      { type: 'auth.login.succeeded' },
      { occurredAt: new Date('2026-01-02T03:04:05.007Z') },
      { recordedAt: new Date('2026-01-02T03:04:06.001Z') },
      { actorId: entry.subjectId },
      { ip: null },
      { userAgent: 'curl/9' },
      { details: { reason: 'ACCOUNT_LOCKED' } },
    ];
    for (const change of variants) expect(hashEntry(GENESIS_HASH, { ...entry, ...change })).not.toBe(base);
    expect(hashEntry('f'.repeat(64), entry)).not.toBe(base);
  });
});
