// Rules: the JWKS carries public members only; a retired key stays published until every token it signed has
// expired, then leaves; only a holder of keys:rotate rotates.
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { AppError } from '@cbp/errors';
import type { RequestIdentity } from '@cbp/service-kit';
import { CACHE, kidsOf, SKEW, SpyRepository, T0, TTL, wireKeyServices } from '../testing/signing-key-rig.js';
import type { KeyRigOverrides } from '../testing/signing-key-rig.js';
import { InMemorySigningKeyRepository } from './in-memory-signing-key.repository.js';
import type { SigningKey } from './signing-key.entity.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

let now = T0;
const clock = (): Date => new Date(now);
const encryptionKey = randomBytes(32);
let repo: InMemorySigningKeyRepository;

/** The signer and the rotation service over this test's repository, wired as identity wires them. */
const service = (overrides: KeyRigOverrides = {}) => wireKeyServices({ keys: repo, clock, encryptionKey }, overrides);

beforeEach(() => {
  now = T0;
  repo = new InMemorySigningKeyRepository();
});

describe('jwks', () => {
  it('publishes public members only', async () => {
    const keys = service();
    await keys.ensureCurrentKey();
    await keys.rotate();
    const { keys: published } = await keys.jwks();
    expect(published).toHaveLength(2);
    for (const jwk of published) {
      expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
      for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
    }
  });

  it('publishes only the public members even if the stored JSON held more', async () => {
    const spy = new SpyRepository(repo);
    const keys = service({ keys: spy });
    await keys.ensureCurrentKey();
    const [row] = repo.all() as [SigningKey];
    const leaky = { ...row, publicJwk: { ...row.publicJwk, d: 'secret', p: 'secret' } };
    spy.findPublished = async () => [leaky];
    const { keys: published } = await keys.jwks();
    expect(JSON.stringify(published)).not.toContain('secret');
  });
});

describe('rotate', () => {
  it('makes a new current key and keeps the retired one in the JWKS until retired_at + TTL + skew + cache window', async () => {
    const keys = service();
    const { kid: first } = await keys.ensureCurrentKey();
    now = T0 + 3_600_000;
    const rotatedAt = now;
    const { kid: second, previousKid } = await keys.rotate({ actorId: 'admin-1', requestId: 'req-1' });
    expect(previousKid).toBe(first);
    expect(second).not.toBe(first);

    const retired = repo.all().find((r) => r.kid === first);
    const expiresAt = rotatedAt + (TTL + SKEW + CACHE) * 1000;
    expect(retired).toMatchObject({ status: 'retired' });
    expect(retired?.retiredAt?.getTime()).toBe(rotatedAt);
    expect(retired?.expiresFromJwksAt?.getTime()).toBe(expiresAt);
    expect(
      repo
        .all()
        .filter((r) => r.status === 'current')
        .map((r) => r.kid),
    ).toEqual([second]);

    // Current key first, then the retired one, for as long as a token it signed may still be valid.
    expect(await kidsOf(keys)).toEqual([second, first]);
    now = expiresAt - 1;
    expect(await kidsOf(keys)).toEqual([second, first]);
    now = expiresAt;
    expect(await kidsOf(keys)).toEqual([second]);
  });

  it('records key.rotated in the same transaction', async () => {
    const keys = service();
    const { kid: first } = await keys.ensureCurrentKey();
    const { kid: second } = await keys.rotate({ actorId: 'admin-1', requestId: 'req-1' });
    expect(repo.events).toHaveLength(1);
    expect(repo.events[0]).toMatchObject({
      type: 'key.rotated',
      actorId: 'admin-1',
      requestId: 'req-1',
      data: { kid: second, previousKid: first },
    });
  });

  it('works on an empty table (previousKid null) and keeps several retired keys until each one expires', async () => {
    const keys = service();
    const a = await keys.rotate();
    expect(a.previousKid).toBeNull();
    now += 60_000;
    const b = await keys.rotate();
    now += 60_000;
    const c = await keys.rotate();
    expect(await kidsOf(keys)).toEqual([c.kid, b.kid, a.kid]);
    now = T0 + 60_000 + (TTL + SKEW + CACHE) * 1000;
    expect(await kidsOf(keys)).toEqual([c.kid, b.kid]);
  });

  it('rolls back and answers CONFLICT when another rotation retired the key first', async () => {
    const keys = service();
    const { kid } = await keys.ensureCurrentKey();
    const spy = new SpyRepository(repo);
    // The read inside the transaction still sees the old key, but a concurrent rotation has retired it.
    spy.transactional = (work) =>
      repo.transactional((tx) => work({ ...tx, findCurrent: tx.findCurrent, retire: async () => false, recordEvent: tx.recordEvent }));
    await expect(service({ keys: spy }).rotate()).rejects.toBeInstanceOf(AppError);
    await expect(service({ keys: spy }).rotate()).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(repo.all().map((r) => [r.kid, r.status])).toEqual([[kid, 'current']]);
    expect(repo.events).toHaveLength(0);
  });
});

describe('rotateSigningKey authorization', () => {
  const user = (scopes: string[]): RequestIdentity => ({
    kind: 'user',
    userId: '11111111-1111-4111-8111-111111111111',
    sessionId: 's',
    roles: [],
    scopes,
    amr: ['pwd'],
  });
  const meta = { requestId: 'r', ip: null, userAgent: null };
  const codeOf = async (p: Promise<unknown>) =>
    p.then(
      () => 'OK',
      (e: { code?: string }) => e.code,
    );

  it.each([['rotateSigningKey', (id: RequestIdentity) => service().rotation.rotateSigningKey(id, meta)]])(
    '%s: anonymous → UNAUTHENTICATED, no scope → FORBIDDEN',
    async (_name, call) => {
      expect(await codeOf(call({ kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
      expect(await codeOf(call(user(['users:read', 'audit:read'].filter((s) => _name !== 'list' || s !== 'users:read'))))).toBe(
        'FORBIDDEN',
      );
      expect(repo.all()).toEqual([]);
    },
  );
});
