import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import pg from 'pg';
import { createOrm } from '@cbp/db';
import { AccessTokenSigner } from '../../../subgraphs/identity/src/keys/access-token-signer.js';
import { KeyRotationService } from '../../../subgraphs/identity/src/keys/key-rotation.service.js';
import { decryptSecret, parseKeyEncryptionKey } from '../../../subgraphs/identity/src/keys/key-encryption.js';
import { MikroSigningKeyRepository } from '../../../subgraphs/identity/src/keys/signing-key.repository.js';
import { identityMigrations } from '../../../subgraphs/identity/src/migrations/index.js';
import { IDENTITY_ENTITIES } from '../../../subgraphs/identity/src/server.js';
import { forkingSqlTransact } from '../../../subgraphs/identity/src/unit-of-work/sql-unit-of-work.js';
import type { TestPlatform } from './platform.js';

/**
 * A second signer and key rotation over the platform's identity database, configured like identity's own (same
 * KEY_ENCRYPTION_KEY, issuer, audience, TTL), for tests that rotate the signing key before an admin route exists.
 * Call `close()` when done.
 */
export async function openKeyService(
  platform: TestPlatform,
): Promise<{ keys: Pick<KeyRotationService, 'rotate'> & Pick<AccessTokenSigner, 'signAccessToken'>; close(): Promise<void> }> {
  const orm = await createOrm({
    url: platform.databaseUrl,
    schema: 'identity',
    entities: IDENTITY_ENTITIES,
    migrations: identityMigrations,
    poolMax: 2,
  });
  const clock = () => new Date();
  const signer = new AccessTokenSigner({
    keys: new MikroSigningKeyRepository(orm.em),
    encryptionKey: parseKeyEncryptionKey(platform.env.KEY_ENCRYPTION_KEY ?? ''),
    clock,
    accessTokenTtlSeconds: Number(platform.env.ACCESS_TOKEN_TTL_SECONDS ?? 900),
    issuer: platform.env.JWT_ISSUER ?? '',
    audience: platform.env.JWT_AUDIENCE ?? 'cbp-api',
  });
  const rotation = new KeyRotationService({
    transact: forkingSqlTransact(orm.em),
    keys: new MikroSigningKeyRepository(orm.em),
    signer,
    clock,
    // Tests announce nothing: the gateway finds the new kid by its refetch-on-unknown-kid path.
    announceKeyRotation: () => Promise.resolve(),
    onEventsRecorded: () => undefined,
  });
  const keys = { rotate: () => rotation.rotate(), signAccessToken: signer.signAccessToken.bind(signer) };
  return { keys, close: () => orm.close(true) };
}

/**
 * The private half of identity's current signing key, read from `identity.signing_keys` and opened with the
 * harness's KEY_ENCRYPTION_KEY (the kid is the AES-GCM aad). Lets a test sign a token that is valid in every
 * respect but the one under test.
 */
export async function currentSigningKey(platform: TestPlatform): Promise<{ kid: string; privateKey: KeyObject }> {
  const client = new pg.Client({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ kid: string; private_key_enc: string }>(
      "select kid, private_key_enc from identity.signing_keys where status = 'current'",
    );
    const row = rows[0];
    if (!row || rows.length !== 1) throw new Error(`expected exactly one current signing key, found ${rows.length}`);
    const pem = decryptSecret(row.private_key_enc, parseKeyEncryptionKey(platform.env.KEY_ENCRYPTION_KEY ?? ''), row.kid);
    return { kid: row.kid, privateKey: createPrivateKey({ key: pem, format: 'pem' }) };
  } finally {
    await client.end();
  }
}

/** Sum of identity's `http_request_duration_seconds_count` samples for one route (every method and status). */
export async function identityRequestCount(platform: TestPlatform, route: string): Promise<number> {
  const text = await (await fetch(`${platform.identityUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('http_request_duration_seconds_count{') && line.includes(`route="${route}"`)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}
