// Rules, against PostgreSQL: at most one current signing key, even when instances start together; rotation
// retires the old key, inserts the new one and records `key.rotated` in one transaction (all or nothing); private
// keys are stored only sealed; the JWKS served over HTTP carries public members only and verifies our tokens.
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createRemoteJWKSet } from 'jose';
import { createOrm, migrate } from '@cbp/db';
import type { MikroORM } from '@cbp/db';
import { OutboxMessageSchema } from '@cbp/events';
import type { NewDomainEvent } from '@cbp/events';
import { createTestDatabase, readTestBackends } from '@cbp/testing';
import type { TestDatabase } from '@cbp/testing';
import { createAccessTokenVerifier } from '@cbp/service-kit';
import { jwksRouter } from '../src/keys/jwks.routes.js';
import { decryptSecret } from '../src/keys/key-encryption.js';
import { AccessTokenSigner } from '../src/keys/access-token-signer.js';
import type { AccessTokenInput, AccessTokenSignerDeps } from '../src/keys/access-token-signer.js';
import { KeyRotationService } from '../src/keys/key-rotation.service.js';
import type { RotationContext } from '../src/keys/key-rotation.service.js';
import { SigningKeySchema } from '../src/keys/signing-key.entity.js';
import { MikroSigningKeyRepository } from '../src/keys/signing-key.repository.js';
import type { SigningKeyRepository, SigningKeyTransaction } from '../src/keys/signing-key.repository.js';
import { Migration20261125000000Init } from '../src/migrations/20261125000000-init.js';
import { Migration20261125000100SigningKeys } from '../src/migrations/20261125000100-signing-keys.js';
import { forkingSqlTransact } from '../src/unit-of-work/sql-unit-of-work.js';

const TTL = 900;
const SKEW = 30;
const CACHE = 60;
const ISSUER = 'https://auth.example.test';
const AUDIENCE = 'cbp-api';
const encryptionKey = randomBytes(32);

let db: TestDatabase;
let orm: MikroORM;
let now = Date.UTC(2026, 10, 25, 12, 0, 0);
const clock = (): Date => new Date(now);

interface KeyRow {
  kid: string;
  status: string;
  public_jwk: Record<string, unknown>;
  private_key_enc: string;
  // The raw driver returns timestamptz as text.
  retired_at: string | null;
  expires_from_jwks_at: string | null;
}

const epochMs = (value: string | null | undefined): number | null => (value ? new Date(value).getTime() : null);

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  orm.em.getConnection().execute<T[]>(query, params);
const rows = (): Promise<KeyRow[]> => sql<KeyRow>('select * from "identity"."signing_keys" order by created_at, kid');

/**
 * The signer and the rotation service, wired as identity wires them; a test that replaces the repository (to
 * inject a failure) gets its transactions from that repository too.
 */
function service(overrides: Partial<Omit<AccessTokenSignerDeps, 'keys'>> & { keys?: SigningKeyRepository } = {}) {
  const keys = overrides.keys ?? new MikroSigningKeyRepository(orm.em);
  const signer = new AccessTokenSigner({
    encryptionKey,
    clock,
    accessTokenTtlSeconds: TTL,
    issuer: ISSUER,
    audience: AUDIENCE,
    clockSkewSeconds: SKEW,
    currentKeyCacheSeconds: CACHE,
    ...overrides,
    keys,
  });
  const rotation = new KeyRotationService({
    transact: overrides.keys ? (fn) => keys.transactional((signingKeys) => fn({ signingKeys })) : forkingSqlTransact(orm.em),
    keys,
    signer,
    clock,
    announceKeyRotation: () => Promise.resolve(),
    onEventsRecorded: () => undefined,
  });
  return {
    ensureCurrentKey: () => signer.ensureCurrentKey(),
    signAccessToken: (input: AccessTokenInput) => signer.signAccessToken(input),
    rotate: (context?: RotationContext) => rotation.rotate(context),
    jwks: () => rotation.jwks(),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({
    url: db.url,
    schema: 'identity',
    entities: [SigningKeySchema, OutboxMessageSchema],
    migrations: [
      { name: '20261125000000-init', class: Migration20261125000000Init },
      { name: '20261125000100-signing-keys', class: Migration20261125000100SigningKeys },
    ],
  });
  await migrate(orm);
});

afterAll(async () => {
  await orm?.close(true);
  await db?.drop();
});

beforeEach(async () => {
  now = Date.UTC(2026, 10, 25, 12, 0, 0);
  await sql('delete from "identity"."signing_keys"');
  await sql('delete from "identity"."outbox"');
});

describe('signing_keys table', () => {
  it('refuses a second current key and inconsistent or leaky rows', async () => {
    const { kid } = await service().ensureCurrentKey();
    const [row] = await rows();
    const insert = (values: Partial<Record<keyof KeyRow, unknown>>) =>
      sql(
        'insert into "identity"."signing_keys" (kid, alg, public_jwk, private_key_enc, status, retired_at, expires_from_jwks_at) values (?, ?, ?::jsonb, ?, ?, ?, ?)',
        [
          values.kid ?? 'other-kid',
          'RS256',
          JSON.stringify(values.public_jwk ?? { ...row?.public_jwk, kid: values.kid ?? 'other-kid' }),
          'sealed',
          values.status ?? 'current',
          values.retired_at ?? null,
          values.expires_from_jwks_at ?? null,
        ],
      );
    await expect(insert({})).rejects.toThrow(/signing_keys_one_current_idx/);
    await expect(insert({ status: 'retired' })).rejects.toThrow(/signing_keys_retirement_check/);
    await expect(insert({ status: 'revoked' })).rejects.toThrow(/check/);
    await expect(
      insert({
        status: 'retired',
        retired_at: new Date(),
        expires_from_jwks_at: new Date(),
        public_jwk: { ...row?.public_jwk, kid: 'other-kid', d: 'x' },
      }),
    ).rejects.toThrow(/signing_keys_public_jwk_check/);
    await expect(
      insert({ status: 'retired', retired_at: new Date(), expires_from_jwks_at: new Date(), public_jwk: row?.public_jwk }),
    ).rejects.toThrow(/signing_keys_public_jwk_check/);
    expect((await rows()).map((r) => r.kid)).toEqual([kid]);
  });
});

describe('ensureCurrentKey', () => {
  it('leaves exactly one current key when four instances start at the same time', async () => {
    const results = await Promise.all([service(), service(), service(), service()].map((s) => s.ensureCurrentKey()));
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.status).toBe('current');
    expect(results.map((r) => r.kid)).toEqual(Array(4).fill(stored[0]?.kid));
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('stores the private key only sealed: no PEM, no d, and it opens only with its kid', async () => {
    const { kid } = await service().ensureCurrentKey();
    const [row] = await rows();
    if (!row) throw new Error('no row');
    expect(row.private_key_enc).not.toContain('PRIVATE KEY');
    expect(Object.keys(row.public_jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const pem = decryptSecret(row.private_key_enc, encryptionKey, kid).toString('utf8');
    const { d = '' } = createPrivateKey(pem).export({ format: 'jwk' });
    expect(d.length).toBeGreaterThan(300);
    const dBase64 = Buffer.from(d, 'base64url').toString('base64');
    const whole = await sql<{ dump: string }>('select row_to_json(k)::text as dump from "identity"."signing_keys" k');
    for (const needle of ['PRIVATE KEY', d, d.slice(0, 32), dBase64.slice(0, 32)]) expect(whole[0]?.dump).not.toContain(needle);
    expect(() => decryptSecret(row.private_key_enc, encryptionKey, 'another-kid')).toThrow();
  });
});

describe('rotate', () => {
  it('retires the old key, makes a new current key and records key.rotated, in one transaction', async () => {
    const keys = service();
    const { kid: first } = await keys.ensureCurrentKey();
    now += 3_600_000;
    const { kid: second, previousKid } = await keys.rotate({ actorId: '00000000-0000-4000-8000-000000000001', requestId: 'req-1' });
    expect(previousKid).toBe(first);

    const stored = await rows();
    expect(stored.map((r) => [r.kid, r.status])).toEqual([
      [first, 'retired'],
      [second, 'current'],
    ]);
    expect(epochMs(stored[0]?.retired_at)).toBe(now);
    expect(epochMs(stored[0]?.expires_from_jwks_at)).toBe(now + (TTL + SKEW + CACHE) * 1000);

    const events = await sql<{ type: string; payload: { data: unknown; actorId: string } }>(
      'select type, payload from "identity"."outbox"',
    );
    expect(events).toEqual([
      {
        type: 'key.rotated',
        payload: expect.objectContaining({ actorId: '00000000-0000-4000-8000-000000000001', data: { kid: second, previousKid: first } }),
      },
    ]);
  });

  it('rolls back the retirement and the event when anything in the transaction fails', async () => {
    const real = new MikroSigningKeyRepository(orm.em);
    const { kid } = await service().ensureCurrentKey();
    const failing: SigningKeyRepository = {
      findCurrent: () => real.findCurrent(),
      findPublished: (at) => real.findPublished(at),
      insert: (key) => real.insert(key),
      retire: (k, r, e) => real.retire(k, r, e),
      transactional: (work) =>
        real.transactional((tx) => {
          const sabotaged: SigningKeyTransaction = {
            findCurrent: () => tx.findCurrent(),
            findPublished: (at) => tx.findPublished(at),
            insert: (key) => tx.insert(key),
            retire: (k, r, e) => tx.retire(k, r, e),
            transactional: (inner) => tx.transactional(inner),
            recordEvent: (event: NewDomainEvent) => {
              tx.recordEvent(event);
              throw new Error('crash after every write of the rotation');
            },
          };
          return work(sabotaged);
        }),
    };
    await expect(service({ keys: failing }).rotate()).rejects.toThrow('crash after every write');
    expect((await rows()).map((r) => [r.kid, r.status])).toEqual([[kid, 'current']]);
    expect(await sql('select * from "identity"."outbox"')).toEqual([]);
  });

  it('two rotations at once never leave two current keys', async () => {
    const { kid: first } = await service().ensureCurrentKey();
    const outcomes = await Promise.allSettled([service().rotate(), service().rotate()]);
    const current = (await rows()).filter((r) => r.status === 'current');
    expect(current).toHaveLength(1);
    const succeeded = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string }] : []));
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const reason of failed) expect(reason.code).toBe('CONFLICT');
    // Whatever the interleaving, the rotations form a chain from the first key to the one now current.
    const chain = new Map(succeeded.map((r) => [r.previousKid, r.kid]));
    let kid: string | undefined = first;
    for (let i = 0; i < succeeded.length; i += 1) kid = chain.get(kid ?? '');
    expect(kid).toBe(current[0]?.kid);
    expect(await sql('select * from "identity"."outbox"')).toHaveLength(succeeded.length);
  });
});

// PGlite (the embedded fallback when no server answers) runs one transaction at a time, so two transactions can
// never both be open there and this interleaving cannot happen; on a real server (always in CI) it runs.
const onRealServer = readTestBackends().dbMode === 'postgres' ? it : it.skip;

describe('rotate, interleaved', () => {
  onRealServer('when both rotations read the same current key, the row lock and the conditional retire let only one commit', async () => {
    const { kid: first } = await service().ensureCurrentKey();
    // Both transactions read the current key before either writes: the worst interleaving, forced.
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const racing = (): SigningKeyRepository => {
      const real = new MikroSigningKeyRepository(orm.em);
      return {
        findCurrent: () => real.findCurrent(),
        findPublished: (at) => real.findPublished(at),
        insert: (key) => real.insert(key),
        retire: (k, r, e) => real.retire(k, r, e),
        transactional: (work) =>
          real.transactional((tx) =>
            work({
              findCurrent: async () => {
                const current = await tx.findCurrent();
                arrived += 1;
                if (arrived === 2) release();
                await bothRead;
                return current;
              },
              findPublished: (at) => tx.findPublished(at),
              insert: (key) => tx.insert(key),
              retire: (k, r, e) => tx.retire(k, r, e),
              transactional: (inner) => tx.transactional(inner),
              recordEvent: (event) => tx.recordEvent(event),
            }),
          ),
      };
    };
    const outcomes = await Promise.allSettled([service({ keys: racing() }).rotate(), service({ keys: racing() }).rotate()]);
    const succeeded = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string }] : []));
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]?.previousKid).toBe(first);
    expect(failed.map((f) => f.code)).toEqual(['CONFLICT']);
    expect((await rows()).filter((r) => r.status === 'current').map((r) => r.kid)).toEqual([succeeded[0]?.kid]);
    expect(await sql('select * from "identity"."outbox"')).toHaveLength(1);
  });
});

describe('jwks', () => {
  it('publishes the current and the retired key, then drops the retired one at expires_from_jwks_at', async () => {
    const keys = service();
    const { kid: first } = await keys.ensureCurrentKey();
    const { kid: second } = await keys.rotate();
    const kids = async (): Promise<(string | undefined)[]> => (await keys.jwks()).keys.map((k) => k.kid);
    expect(await kids()).toEqual([second, first]);
    now += (TTL + SKEW + CACHE) * 1000 - 1;
    expect(await kids()).toEqual([second, first]);
    now += 1;
    expect(await kids()).toEqual([second]);
  });

  it('is served over HTTP with public members only, cacheable, and verifies our tokens through a remote JWKS', async () => {
    const keys = service();
    await keys.ensureCurrentKey();
    const app = express();
    app.use('/.well-known', jwksRouter(keys));
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=60');
      const body = (await response.json()) as { keys: Record<string, unknown>[] };
      expect(body.keys).toHaveLength(1);
      expect(Object.keys(body.keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);

      const verifier = createAccessTokenVerifier({ jwks: createRemoteJWKSet(new URL(url)), issuer: ISSUER, audience: AUDIENCE, clock });
      const { token } = await keys.signAccessToken({ sub: 'user-1', sid: 'session-1', roles: ['user'], amr: ['pwd'] });
      await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'user-1', sid: 'session-1' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
