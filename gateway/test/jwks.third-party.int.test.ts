// Rule (docs/design.md §5 (Authentication model), §8 (REST contract), RFC 7517 / 7638): the gateway publishes
// identity's verification keys as a JWKS of public members only, with Cache-Control, each `kid` the RFC 7638
// thumbprint of its key, and a discovery document naming the issuer and the JWKS; a third party can verify our access
// tokens with nothing but that URL; after a rotation the JWKS holds the new key and the retired one, so tokens signed
// before the rotation keep verifying (for the third party and for the gateway) until they expire.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { calculateJwkThumbprint, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import pg from 'pg';
import { reportMeasurement } from './support/measure.js';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';
import { openKeyService } from './support/signing-keys.js';
import { startTestPlatform, TEST_ISSUER } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let user: SeededUser;

beforeAll(async () => {
  platform = await startTestPlatform();
  user = await seed(platform).user().verified().create();
});

afterAll(async () => {
  await platform?.close();
});

const ME = '{ me { id } }';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
/** How long the gateway keeps identity's JWKS (gateway/src/rest/jwks.routes.ts). */
const GATEWAY_JWKS_CACHE_MS = 30_000;
/** The gateway verifier's refetch-on-unknown-kid cooldown (gateway/src/auth/token-verifier.ts). */
const VERIFIER_COOLDOWN_MS = 30_000;

async function getJson<T>(path: string): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(`${platform.gatewayUrl}${path}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/** What a resource server that trusts us would run, knowing only the gateway's public URL. */
function thirdPartyVerify(token: string) {
  const jwks = createRemoteJWKSet(new URL(`${platform.gatewayUrl}/.well-known/jwks.json`));
  return jwtVerify(token, jwks, { issuer: TEST_ISSUER, audience: 'cbp-api', algorithms: ['RS256'], typ: 'at+jwt' });
}

describe('JWKS and discovery', () => {
  it.each(['/auth/keys/jwks.json', '/.well-known/jwks.json'])('GET %s → 200 JSON with Cache-Control', async (path) => {
    const res = await getJson<{ keys: JWK[] }>(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.body.keys.length).toBeGreaterThanOrEqual(1);
  });

  it('serves the same set at both paths', async () => {
    const [a, b] = await Promise.all([getJson('/auth/keys/jwks.json'), getJson('/.well-known/jwks.json')]);
    expect(a.body).toEqual(b.body);
  });

  it('publishes public members only, and each kid is the RFC 7638 thumbprint of its key', async () => {
    const { body } = await getJson<{ keys: JWK[] }>('/.well-known/jwks.json');
    for (const key of body.keys) {
      for (const member of PRIVATE_MEMBERS) expect(key).not.toHaveProperty(member);
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
      expect(Buffer.from(key.n ?? '', 'base64url').length * 8).toBeGreaterThanOrEqual(2048);
      expect(key.kid).toBe(await calculateJwkThumbprint({ kty: 'RSA', n: key.n, e: key.e }, 'sha256'));
    }
  });

  it('serves a discovery document naming the issuer and the JWKS', async () => {
    const res = await getJson<{ issuer: string; jwks_uri: string }>('/.well-known/openid-configuration');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(res.body.issuer).toBe(TEST_ISSUER);
    expect(res.body.jwks_uri).toBe(`${TEST_ISSUER}/.well-known/jwks.json`);
  });
});

describe('a third-party verifier', () => {
  it('accepts an access token from login, using only the public JWKS', async () => {
    const { accessToken, sessionId } = await user.login();
    const { payload, protectedHeader } = await thirdPartyVerify(accessToken);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({ iss: TEST_ISSUER, aud: 'cbp-api', sub: user.userId, sid: sessionId });
  });

  it('refuses the same token with one payload byte changed (the check above is a real one)', async () => {
    const { accessToken } = await user.login();
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')}.${signature}`;
    await expect(thirdPartyVerify(forged)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});

describe('signing-key rotation', () => {
  let before: { accessToken: string; sessionId: string };
  let oldKid: string;
  let newKid: string;
  let rotatedAt: number;
  let rotation: Awaited<ReturnType<typeof openKeyService>>;
  let signedWithNewKey: string;
  /** By then the gateway's verifier had fetched identity's JWKS (its first token check in this file). */
  let verifierFetchedBy: number;

  beforeAll(async () => {
    before = await user.login();
    oldKid = decodeProtectedHeader(before.accessToken).kid ?? '';
    // The gateway has verified a token with the old key (and so fetched identity's JWKS) before the rotation.
    expect((await platform.graphql(ME, {}, before.accessToken)).body.data).toEqual({ me: { id: user.userId } });
    verifierFetchedBy = Date.now();
    rotation = await openKeyService(platform);
    const result = await rotation.keys.rotate();
    rotatedAt = Date.now();
    newKid = result.kid;
    expect(result.previousKid).toBe(oldKid);
    expect(newKid).not.toBe(oldKid);
    // The rotating KeyService signs with the new key at once (identity's own instance switches within its
    // 60 s current-key cache window, so its logins may still carry the old kid for a while).
    const signed = await rotation.keys.signAccessToken({ sub: user.userId, sid: before.sessionId, roles: [], amr: ['pwd'] });
    expect(signed.kid).toBe(newKid);
    signedWithNewKey = signed.token;
  });

  afterAll(async () => {
    await rotation?.close();
  });

  it("identity's own JWKS holds the new key first, then the retired one, at once", async () => {
    const res = await fetch(`${platform.identityUrl}/jwks.json`);
    const body = (await res.json()) as { keys: JWK[] };
    expect(body.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
  });

  // KNOWN BUG (see the report of this test file's author): the gateway's verifier (gateway/src/auth/token-verifier.ts,
  // jose createRemoteJWKSet with a 30 s cooldown) does not refetch identity's JWKS for an unknown kid within 30 s of
  // its previous fetch, and identity publishes a new key only when it starts signing with it. So for up to 30 s
  // after a rotation, tokens signed with the new key get 401. `it.failing` passes while the bug is there; when it
  // is fixed (e.g. by publishing the next key before it signs), this reports a failure: turn it into `it`.
  // Rotations through identity (rotateSigningKey / POST /auth/keys/rotate) are now announced on Redis `keys:rotated`
  // and the gateway reloads its JWKS at once (admin.authorization.int.test.ts proves it). This test rotates through
  // a second KeyService that announces nothing, so the 30 s window remains for such out-of-band rotations.
  it.failing('a token signed with the new key right after the rotation is accepted by the gateway at once', async () => {
    const me = await platform.graphql(ME, {}, signedWithNewKey);
    expect(me.body.errors).toBeUndefined();
    expect(me.body.data).toEqual({ me: { id: user.userId } });
  });

  it(
    'the gateway JWKS lists both keys, new first, once its 30 s cache of the old set has run out',
    async () => {
      let kids: (string | undefined)[] = [];
      const deadline = rotatedAt + GATEWAY_JWKS_CACHE_MS + 10_000;
      for (;;) {
        kids = (await getJson<{ keys: JWK[] }>('/.well-known/jwks.json')).body.keys.map((k) => k.kid);
        if (kids.length > 1 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      reportMeasurement(`gateway JWKS showed the rotated key ${((Date.now() - rotatedAt) / 1000).toFixed(1)} s after the rotation`);
      expect(kids).toEqual([newKid, oldKid]);
      expect((await getJson<{ keys: JWK[] }>('/auth/keys/jwks.json')).body.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    },
    GATEWAY_JWKS_CACHE_MS + 20_000,
  );

  it('retired the old key with a JWKS window that outlives every token it signed', async () => {
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ kid: string; status: string; retired_at: Date | null; expires_from_jwks_at: Date | null }>(
        'select kid, status, retired_at, expires_from_jwks_at from identity.signing_keys order by created_at',
      );
      expect(rows.map((r) => [r.kid, r.status])).toEqual([
        [oldKid, 'retired'],
        [newKid, 'current'],
      ]);
      const retired = rows[0];
      const { exp } = JSON.parse(Buffer.from(before.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number };
      // At least one access-token lifetime (900 s) after retirement, and past the expiry of the token signed before it.
      expect((retired?.expires_from_jwks_at?.getTime() ?? 0) - (retired?.retired_at?.getTime() ?? Infinity)).toBeGreaterThanOrEqual(
        900_000,
      );
      expect(retired?.expires_from_jwks_at?.getTime() ?? 0).toBeGreaterThan(exp * 1000);
    } finally {
      await client.end();
    }
  });

  it('a fresh third-party verifier accepts a token signed BEFORE the rotation, and one signed after it', async () => {
    const old = await thirdPartyVerify(before.accessToken);
    expect(old.protectedHeader.kid).toBe(oldKid);
    expect(old.payload.sub).toBe(user.userId);
    const fresh = await thirdPartyVerify(signedWithNewKey);
    expect(fresh.protectedHeader.kid).toBe(newKid);
  });

  it(
    'the gateway reloads its keys for the new kid, and still accepts the token signed BEFORE the rotation',
    async () => {
      // Once 30 s have passed since the verifier's last JWKS fetch, an unknown kid makes it reload.
      const wait = verifierFetchedBy + VERIFIER_COOLDOWN_MS + 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const withNew = await platform.graphql(ME, {}, signedWithNewKey);
      expect(withNew.body.errors).toBeUndefined();
      expect(withNew.body.data).toEqual({ me: { id: user.userId } });
      // Now verified against the reloaded set: the retired key must still be in it.
      const withOld = await platform.graphql(ME, {}, before.accessToken);
      expect(withOld.status).toBe(200);
      expect(withOld.body.data).toEqual({ me: { id: user.userId } });
    },
    VERIFIER_COOLDOWN_MS + 10_000,
  );
});
