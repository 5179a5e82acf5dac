// Rule (RFC 8725, ASVS 6.8.2 / 9.1.1–9.2.3 / 7.4.1, docs/design.md §5 (Authentication model)): the gateway accepts a
// bearer token only when it is an RS256 `at+jwt` signed by a key of identity's JWKS, with our issuer and audience,
// unexpired, and naming a live session of its subject. Every other token, and every malformed Authorization header,
// gets 401 UNAUTHENTICATED, never a 500, on GraphQL and REST alike; and a flood of unknown `kid`s does not become a
// flood of JWKS fetches.
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign as rsaSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import type { JWK, JWTHeaderParameters } from 'jose';
import { reportMeasurement } from './support/measure.js';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';
import { currentSigningKey, identityRequestCount } from './support/signing-keys.js';
import { startTestPlatform, TEST_ISSUER } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let alice: SeededUser;
let bob: SeededUser;
let aliceSession: { accessToken: string; sessionId: string };
let bobSession: { accessToken: string; sessionId: string };
let signingKey: { kid: string; privateKey: KeyObject };
let publicJwk: JWK;

beforeAll(async () => {
  platform = await startTestPlatform();
  [alice, bob] = await Promise.all([seed(platform).user().verified().create(), seed(platform).user().verified().create()]);
  [aliceSession, bobSession] = await Promise.all([alice.login(), bob.login()]);
  signingKey = await currentSigningKey(platform);
  const jwks = (await (await fetch(`${platform.gatewayUrl}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
  const published = jwks.keys.find((k) => k.kid === signingKey.kid);
  if (!published) throw new Error('the current signing key is not in the JWKS');
  publicJwk = published;
});

afterAll(async () => {
  await platform?.close();
});

const ME = '{ me { id } }';

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const decodePart = (part: string | undefined) =>
  JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const partsOf = (token: string) => token.split('.') as [string, string, string];

/** Claims of a token identity would issue for `user`'s `session`, now. */
function claimsFor(user: SeededUser, sessionId: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: TEST_ISSUER,
    aud: 'cbp-api',
    sub: user.userId,
    sid: sessionId,
    iat: now,
    exp: now + 900,
    jti: randomBytes(16).toString('base64url'),
    roles: [],
    amr: ['pwd'],
  };
}

/** Signs with identity's real private key through jose, so only what the caller changed is wrong. */
function mint(
  claims: Record<string, unknown>,
  header: Partial<JWTHeaderParameters> = {},
  key: KeyObject = signingKey.privateKey,
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt', ...header }).sign(key);
}

/** RS256 by hand, for headers jose refuses to produce (crit, odd kid types). */
function rawRs256(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject = signingKey.privateKey): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${rsaSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** HS256 by hand with an arbitrary secret: the algorithm-confusion attack. */
function hs256(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

type GraphqlBody = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

/** `{ me { id } }` with exactly this Authorization header value. */
function meWithAuthorization(authorization: string) {
  return platform.http<GraphqlBody>('POST', '/graphql', { body: { query: ME }, headers: { authorization } });
}

async function expectRefusedOnGraphql(res: { status: number; body: GraphqlBody | string }): Promise<void> {
  expect(res.status).toBe(401);
  expect(typeof res.body).toBe('object');
  const body = res.body as GraphqlBody;
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.data ?? null).toBeNull();
  expect(JSON.stringify(body)).not.toMatch(/stack|at \//);
}

async function expectRefused(token: string): Promise<void> {
  await expectRefusedOnGraphql(await platform.graphql(ME, {}, token));
}

describe('control: a token minted here is accepted when nothing is wrong with it', () => {
  // Without this, every refusal below could come from a broken minting helper rather than from the check under test.
  it('accepts a jose-signed token with the real key, the real kid and the right claims', async () => {
    const res = await platform.graphql(ME, {}, await mint(claimsFor(alice, aliceSession.sessionId)));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { id: alice.userId } });
  });

  it('accepts a hand-signed RS256 token (the raw helper is sound too)', async () => {
    const res = await platform.graphql(
      ME,
      {},
      rawRs256({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt' }, claimsFor(alice, aliceSession.sessionId)),
    );
    expect(res.body.data).toEqual({ me: { id: alice.userId } });
  });
});

describe('signature and algorithm attacks', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses alg %s with an empty signature', async (alg) => {
    const [header, payload] = partsOf(aliceSession.accessToken);
    const realHeader = decodePart(header);
    await expectRefused(`${b64url({ ...realHeader, alg })}.${payload}.`);
    await expectRefused(`${b64url({ alg, typ: 'at+jwt' })}.${payload}.`);
  });

  it('refuses HS256 signed with the JWKS public key as the HMAC secret (PEM, PKCS#1 PEM, raw n)', async () => {
    const claims = decodePart(partsOf(aliceSession.accessToken)[1]);
    const header = { alg: 'HS256', kid: signingKey.kid, typ: 'at+jwt' };
    const key = createPublicKey({ key: { kty: 'RSA', n: publicJwk.n, e: publicJwk.e }, format: 'jwk' });
    const spkiPem = key.export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1Pem = key.export({ type: 'pkcs1', format: 'pem' }).toString();
    const secrets: (string | Buffer)[] = [
      spkiPem,
      spkiPem.trimEnd(),
      pkcs1Pem,
      publicJwk.n ?? '',
      Buffer.from(publicJwk.n ?? '', 'base64url'),
      JSON.stringify(publicJwk),
    ];
    for (const secret of secrets) await expectRefused(hs256(header, claims, secret));
  });

  it('refuses PS256 signed with our real private key (the algorithm is pinned, not the key type)', async () => {
    await expectRefused(await mint(claimsFor(alice, aliceSession.sessionId), { alg: 'PS256' }));
  });

  it("refuses a tampered payload (sub changed to another user's id) under the original signature", async () => {
    const [header, payload, signature] = partsOf(aliceSession.accessToken);
    const claims = decodePart(payload);
    await expectRefused(`${header}.${b64url({ ...claims, sub: bob.userId })}.${signature}`);
    await expectRefused(`${header}.${b64url({ ...claims, sub: bob.userId, sid: bobSession.sessionId })}.${signature}`);
    await expectRefused(`${header}.${b64url({ ...claims, roles: ['admin'] })}.${signature}`);
  });

  it('refuses a stripped or truncated signature', async () => {
    const [header, payload, signature] = partsOf(aliceSession.accessToken);
    await expectRefused(`${header}.${payload}.`);
    await expectRefused(`${header}.${payload}`);
    await expectRefused(`${header}.${payload}.${signature.slice(0, -4)}`);
    await expectRefused(`${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`);
  });

  it('refuses a token signed by an attacker key, even when the header carries it (jwk, jku, x5u)', async () => {
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const attackerJwk = attacker.publicKey.export({ format: 'jwk' });
    const claims = claimsFor(alice, aliceSession.sessionId);
    await expectRefused(rawRs256({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt' }, claims, attacker.privateKey));
    await expectRefused(rawRs256({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt', jwk: attackerJwk }, claims, attacker.privateKey));
    await expectRefused(
      rawRs256({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt', jku: 'http://127.0.0.1:9/jwks.json' }, claims, attacker.privateKey),
    );
    await expectRefused(
      rawRs256({ alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt', x5u: 'http://127.0.0.1:9/cert.pem' }, claims, attacker.privateKey),
    );
  });

  it('refuses a crit header with an unknown extension, even with a valid signature', async () => {
    await expectRefused(
      rawRs256(
        { alg: 'RS256', kid: signingKey.kid, typ: 'at+jwt', crit: ['cbp-unknown'], 'cbp-unknown': true },
        claimsFor(alice, aliceSession.sessionId),
      ),
    );
  });
});

describe('key ids', () => {
  it('refuses an unknown kid', async () => {
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expectRefused(
      await mint(claimsFor(alice, aliceSession.sessionId), { kid: randomBytes(32).toString('base64url') }, attacker.privateKey),
    );
    // The real key under a kid the JWKS does not have is refused too: keys are found by kid only.
    await expectRefused(await mint(claimsFor(alice, aliceSession.sessionId), { kid: randomBytes(32).toString('base64url') }));
  });

  it.each<[string, unknown]>([
    ['a path', '../../dev/null'],
    ['an SQL fragment', "x' OR '1'='1' --"],
    ['10 KB', 'k'.repeat(10_000)],
    ['null', null],
    ['a number', 12345],
    ['missing', undefined],
  ])('refuses a kid that is %s, signed with the real key', async (_label, kid) => {
    const header: Record<string, unknown> = { alg: 'RS256', typ: 'at+jwt' };
    if (kid !== undefined) header.kid = kid;
    await expectRefused(rawRs256(header, claimsFor(alice, aliceSession.sessionId)));
  });

  it('does not fetch the JWKS once per unknown kid: a flood of 50 makes at most one fetch', async () => {
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const claims = claimsFor(alice, aliceSession.sessionId);
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => mint(claims, { kid: randomBytes(32).toString('base64url') }, attacker.privateKey)),
    );
    const before = await identityRequestCount(platform, '/jwks.json');
    // The metric is wired: the gateway has fetched identity's JWKS at least once by now (the control tests).
    expect(before).toBeGreaterThanOrEqual(1);
    // One after another, not in parallel: jose shares one in-flight fetch among concurrent lookups, which would
    // hide a missing cooldown; sequential lookups each would fetch if nothing held them back.
    for (const token of tokens) await expectRefusedOnGraphql(await platform.graphql(ME, {}, token));
    const after = await identityRequestCount(platform, '/jwks.json');
    reportMeasurement(`identity /jwks.json fetches during a flood of 50 unknown kids: ${after - before}`);
    expect(after - before).toBeLessThanOrEqual(1);
    // The flood did not break verification for honest callers.
    expect((await platform.graphql(ME, {}, aliceSession.accessToken)).body.data).toEqual({ me: { id: alice.userId } });
  });
});

describe('claims, signed with the real key so that only the claim under test is wrong', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, (c: Record<string, unknown>) => Record<string, unknown>][] = [
    ['a wrong iss', (c) => ({ ...c, iss: 'http://evil.example' })],
    ['a missing iss', ({ iss: _iss, ...c }) => c],
    ['a wrong aud', (c) => ({ ...c, aud: 'some-other-api' })],
    ['an aud list without ours', (c) => ({ ...c, aud: ['some-other-api'] })],
    ['a missing aud', ({ aud: _aud, ...c }) => c],
    ['an exp in the past (beyond any clock skew)', (c) => ({ ...c, iat: now() - 1000, exp: now() - 100 })],
    ['an exp a second ago', (c) => ({ ...c, iat: now() - 900, exp: now() - 1 })],
    ['an exp equal to now', (c) => ({ ...c, iat: now() - 900, exp: now() })],
    ['a missing exp', ({ exp: _exp, ...c }) => c],
    ['an nbf in the future', (c) => ({ ...c, nbf: now() + 600 })],
    ['an iat in the future', (c) => ({ ...c, iat: now() + 600, exp: now() + 1500 })],
    ['a missing sub', ({ sub: _sub, ...c }) => c],
    ['a missing sid', ({ sid: _sid, ...c }) => c],
  ];

  it.each(cases)('refuses %s', async (_label, change) => {
    await expectRefused(await mint(change(claimsFor(alice, aliceSession.sessionId))));
  });

  it.each<[string, Partial<JWTHeaderParameters>]>([
    ['typ JWT', { typ: 'JWT' }],
    ['typ of an ID token', { typ: 'id_token+jwt' }],
    ['no typ', { typ: undefined }],
  ])('refuses another token type: %s', async (_label, header) => {
    await expectRefused(await mint(claimsFor(alice, aliceSession.sessionId), header));
  });
});

describe('sessions', () => {
  it('refuses the access token of a session that logged out, and a fresh token naming it', async () => {
    const session = await alice.login();
    expect((await platform.graphql(ME, {}, session.accessToken)).body.data).toEqual({ me: { id: alice.userId } });
    expect((await platform.http('POST', '/auth/logout', { token: session.accessToken })).status).toBe(204);
    await expectRefused(session.accessToken);
    await expectRefused(await mint(claimsFor(alice, session.sessionId)));
  });

  it('refuses a validly signed token naming a session id that does not exist', async () => {
    await expectRefused(await mint(claimsFor(alice, randomUUID())));
  });

  it('refuses a validly signed token whose sid is not a session id at all', async () => {
    await expectRefused(await mint(claimsFor(alice, "1' OR '1'='1")));
  });

  it("refuses a validly signed token pairing one user's sub with another user's session", async () => {
    await expectRefused(await mint({ ...claimsFor(alice, bobSession.sessionId) }));
    await expectRefused(await mint({ ...claimsFor(bob, aliceSession.sessionId) }));
  });
});

describe('malformed Authorization headers', () => {
  it.each([
    ['Bearer with two spaces', () => `Bearer  ${aliceSession.accessToken}`],
    ['Bearer with a trailing word', () => `Bearer ${aliceSession.accessToken} extra`],
    ['Bearer split by a space', () => `Bearer ${aliceSession.accessToken.slice(0, 20)} ${aliceSession.accessToken.slice(20)}`],
    ['Bearer alone', () => 'Bearer'],
    ['Bearer and a space', () => 'Bearer '],
    ['Basic credentials', () => 'Basic x'],
    ['Basic with a real token', () => `Basic ${aliceSession.accessToken}`],
    ['a bare token', () => aliceSession.accessToken],
    ['garbage', () => 'Bearer not-a-jwt'],
  ])('refuses %s with 401', async (_label, header) => {
    await expectRefusedOnGraphql(await meWithAuthorization(header()));
  });
});

describe('the REST face', () => {
  it.each<[string, () => string | Promise<string>]>([
    ['alg none', () => `${b64url({ alg: 'none', typ: 'at+jwt' })}.${partsOf(aliceSession.accessToken)[1]}.`],
    [
      'a tampered payload',
      () => {
        const [h, p, s] = partsOf(aliceSession.accessToken);
        return `${h}.${b64url({ ...decodePart(p), sub: bob.userId })}.${s}`;
      },
    ],
    [
      'an expired token',
      () =>
        mint({
          ...claimsFor(alice, aliceSession.sessionId),
          iat: Math.floor(Date.now() / 1000) - 1000,
          exp: Math.floor(Date.now() / 1000) - 100,
        }),
    ],
    ['an unknown session', () => mint(claimsFor(alice, randomUUID()))],
    ['garbage', () => 'not-a-jwt'],
  ])('POST /auth/logout with %s → 401 {"error":{"code":"UNAUTHENTICATED"}}', async (_label, make) => {
    const res = await platform.http('POST', '/auth/logout', { token: await make() });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('POST /auth/logout with a malformed header or none at all → 401 UNAUTHENTICATED', async () => {
    for (const authorization of ['Basic x', 'Bearer', `Bearer  ${aliceSession.accessToken}`]) {
      const res = await platform.http('POST', '/auth/logout', { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    }
    const anonymous = await platform.http('POST', '/auth/logout');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it("left alice's real session alone through all of the above", async () => {
    expect((await platform.graphql(ME, {}, aliceSession.accessToken)).body.data).toEqual({ me: { id: alice.userId } });
    expect((await platform.graphql(ME, {}, bobSession.accessToken)).body.data).toEqual({ me: { id: bob.userId } });
  });
});
