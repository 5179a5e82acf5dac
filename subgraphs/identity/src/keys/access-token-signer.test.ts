// Rules: access tokens carry exactly the header and claims of docs/design.md §5 (Authentication model); signing
// reads the database at most once per cache window and decrypts each private key once.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint, createLocalJWKSet, decodeJwt, decodeProtectedHeader } from 'jose';
import { createAccessTokenVerifier } from '@cbp/service-kit';
import { AUDIENCE, CACHE, ISSUER, kidsOf, SpyRepository, T0, TTL, wireKeyServices } from '../testing/signing-key-rig.js';
import type { KeyRigOverrides } from '../testing/signing-key-rig.js';
import { InMemorySigningKeyRepository } from './in-memory-signing-key.repository.js';
import { decryptSecret, KeyDecryptionError } from './key-encryption.js';
import type { SigningKey } from './signing-key.entity.js';

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

describe('AccessTokenSigner configuration', () => {
  it('refuses RSA keys under 2048 bits and other bad settings', () => {
    expect(() => service({ modulusLength: 1024 })).toThrow(RangeError);
    expect(() => service({ modulusLength: 2047 })).toThrow(RangeError);
    expect(() => service({ accessTokenTtlSeconds: 0 })).toThrow(RangeError);
    expect(() => service({ encryptionKey: randomBytes(16) })).toThrow(RangeError);
    expect(() => service({ issuer: '' })).toThrow(RangeError);
  });
});

describe('ensureCurrentKey', () => {
  it('creates one current RS256 key whose kid is its RFC 7638 thumbprint, and reuses it afterwards', async () => {
    const keys = service();
    const first = await keys.ensureCurrentKey();
    expect(first.created).toBe(true);
    await expect(keys.ensureCurrentKey()).resolves.toEqual({ kid: first.kid, created: false });
    await expect(service().ensureCurrentKey()).resolves.toEqual({ kid: first.kid, created: false });

    const rows = repo.all();
    expect(rows).toHaveLength(1);
    const [row] = rows as [SigningKey];
    expect(row).toMatchObject({ kid: first.kid, alg: 'RS256', status: 'current', retiredAt: null, expiresFromJwksAt: null });
    expect(row.createdAt.getTime()).toBe(T0);
    // Our kid equals what jose computes from the published key: RFC 7638 §3, SHA-256.
    await expect(calculateJwkThumbprint(row.publicJwk, 'sha256')).resolves.toBe(row.kid);
    expect(Buffer.from(row.publicJwk.n, 'base64url')).toHaveLength(256);
  });

  it('stores the private key sealed under the encryption key with the kid as aad, never in clear', async () => {
    const { kid } = await service().ensureCurrentKey();
    const [row] = repo.all() as [SigningKey];
    expect(row.privateKeyEnc).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(row.publicJwk)).not.toMatch(/"(d|p|q|dp|dq|qi)"/);
    const pem = decryptSecret(row.privateKeyEnc, encryptionKey, kid).toString('utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const jwk = createPrivateKey(pem).export({ format: 'jwk' });
    expect(jwk.n).toBe(row.publicJwk.n);
    expect(row.privateKeyEnc).not.toContain(jwk.d);
    expect(row.privateKeyEnc).not.toContain(
      Buffer.from(jwk.d ?? '', 'base64url')
        .toString('base64')
        .slice(0, 40),
    );
  });

  it('leaves exactly one current key when instances start at the same time', async () => {
    const results = await Promise.all([service().ensureCurrentKey(), service().ensureCurrentKey(), service().ensureCurrentKey()]);
    const current = repo.all().filter((r) => r.status === 'current');
    expect(current).toHaveLength(1);
    expect(new Set(results.map((r) => r.kid))).toEqual(new Set([current[0]?.kid]));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('signAccessToken', () => {
  it('signs RS256 with header { alg, kid, typ: at+jwt } and claims iss, aud, sub, sid, iat, exp, jti, roles, amr', async () => {
    const keys = service();
    const { kid } = await keys.ensureCurrentKey();
    const signed = await keys.signAccessToken({ sub: 'user-1', sid: 'session-1', roles: ['admin'], amr: ['pwd', 'otp'] });
    expect(signed.kid).toBe(kid);
    expect(signed.expiresIn).toBe(TTL);
    expect(decodeProtectedHeader(signed.token)).toEqual({ alg: 'RS256', kid, typ: 'at+jwt' });
    const claims = decodeJwt(signed.token);
    expect(Object.keys(claims).sort()).toEqual(['amr', 'aud', 'exp', 'iat', 'iss', 'jti', 'roles', 'sid', 'sub']);
    expect(claims).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', sid: 'session-1', roles: ['admin'], amr: ['pwd', 'otp'] });
    expect(claims.iat).toBe(T0 / 1000);
    expect(claims.exp).toBe(T0 / 1000 + TTL);
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const second = decodeJwt((await keys.signAccessToken({ sub: 'user-1', sid: 'session-1', roles: [], amr: ['pwd'] })).token);
    expect(second.jti).not.toBe(claims.jti);
  });

  it('verifies with the published JWKS', async () => {
    const keys = service();
    await keys.ensureCurrentKey();
    const { token } = await keys.signAccessToken({ sub: 'user-1', sid: 'session-1', roles: ['user'], amr: ['pwd'] });
    const verifier = createAccessTokenVerifier({ jwks: createLocalJWKSet(await keys.jwks()), issuer: ISSUER, audience: AUDIENCE, clock });
    await expect(verifier.verify(token)).resolves.toEqual({
      sub: 'user-1',
      sid: 'session-1',
      roles: ['user'],
      amr: ['pwd'],
      iat: T0 / 1000,
      exp: T0 / 1000 + TTL,
    });
  });

  it('creates the first key itself when ensureCurrentKey was not called', async () => {
    const signed = await service().signAccessToken({ sub: 'u', sid: 's', roles: [], amr: ['pwd'] });
    expect(repo.all().map((r) => r.kid)).toEqual([signed.kid]);
  });

  it('reads the current key once per cache window and decrypts each private key once', async () => {
    await service().ensureCurrentKey();
    const spy = new SpyRepository(repo);
    const keys = service({ keys: spy });
    const input = { sub: 'u', sid: 's', roles: [], amr: ['pwd'] };
    await Promise.all(Array.from({ length: 20 }, () => keys.signAccessToken(input)));
    expect(spy.findCurrentCalls).toBe(1);

    // From now on the stored ciphertext is garbage: only a decryption cached per kid can still sign.
    spy.doctor = (row) => ({ ...row, privateKeyEnc: Buffer.alloc(64).toString('base64') });
    now += (CACHE - 1) * 1000;
    await keys.signAccessToken(input);
    expect(spy.findCurrentCalls).toBe(1);
    now += 1000;
    await keys.signAccessToken(input);
    expect(spy.findCurrentCalls).toBe(2);
  });

  it('switches to a key rotated on this instance at once, and to one rotated elsewhere within the cache window', async () => {
    const here = service();
    const elsewhere = service();
    const { kid: first } = await here.ensureCurrentKey();
    const input = { sub: 'u', sid: 's', roles: [], amr: ['pwd'] };
    expect((await here.signAccessToken(input)).kid).toBe(first);

    const { kid: second } = await here.rotate();
    expect((await here.signAccessToken(input)).kid).toBe(second);

    expect((await elsewhere.signAccessToken(input)).kid).toBe(second);
    const { kid: third } = await here.rotate();
    // `elsewhere` signs with the now-retired key until its cache window ends; that key is still published.
    const stale = await elsewhere.signAccessToken(input);
    expect(stale.kid).toBe(second);
    expect(await kidsOf(here)).toContain(second);
    now += CACHE * 1000;
    expect((await elsewhere.signAccessToken(input)).kid).toBe(third);
  });

  it('fails when the stored key cannot be opened with this KEY_ENCRYPTION_KEY', async () => {
    await service().ensureCurrentKey();
    const other = service({ encryptionKey: randomBytes(32) });
    await expect(other.signAccessToken({ sub: 'u', sid: 's', roles: [], amr: ['pwd'] })).rejects.toBeInstanceOf(KeyDecryptionError);
  });

  it('refuses a row whose sealed private key was swapped for another row of the same database', async () => {
    const keys = service();
    await keys.ensureCurrentKey();
    await keys.rotate();
    const [retired, current] = [repo.all().find((r) => r.status === 'retired'), repo.all().find((r) => r.status === 'current')];
    const spy = new SpyRepository(repo);
    spy.doctor = (row) => ({ ...row, privateKeyEnc: retired?.privateKeyEnc ?? '' });
    expect(current).toBeDefined();
    await expect(service({ keys: spy }).signAccessToken({ sub: 'u', sid: 's', roles: [], amr: ['pwd'] })).rejects.toBeInstanceOf(
      KeyDecryptionError,
    );
  });

  it('refuses malformed claims', async () => {
    const keys = service();
    await expect(keys.signAccessToken({ sub: '', sid: 's', roles: [], amr: [] })).rejects.toThrow(TypeError);
    await expect(keys.signAccessToken({ sub: 'u', sid: '', roles: [], amr: [] })).rejects.toThrow(TypeError);
    await expect(keys.signAccessToken({ sub: 'u', sid: 's', roles: [1] as unknown as string[], amr: [] })).rejects.toThrow(TypeError);
    await expect(keys.signAccessToken({ sub: 'u', sid: 's', roles: [], amr: 'pwd' as unknown as string[] })).rejects.toThrow(TypeError);
  });
});
