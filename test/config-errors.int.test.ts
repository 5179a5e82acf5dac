// Configuration is validated at start-up: a wrong value stops the process with exit code 1 and one line that
// names the variable and what is wrong (and never echoes a secret).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { gatewayAssertionKeys } from '@cbp/testing';
import { cleanEnv, runTs } from './support.js';

const keys = gatewayAssertionKeys();
const valid = {
  // The validation messages, not production's extra requirements (the entry points default to production).
  NODE_ENV: 'development',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  GATEWAY_ASSERTION_PRIVATE_KEY: keys.privateKey,
  GATEWAY_ASSERTION_PUBLIC_KEY: keys.publicKey,
  AUDIT_CHAIN_KEY: randomBytes(32).toString('base64url'),
  KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

const cases: [string, string, Record<string, string>, RegExp][] = [
  [
    'identity',
    'subgraphs/identity/src/main.ts',
    { IDENTITY_PORT: 'eighty' },
    /^identity: invalid configuration: IDENTITY_PORT: must be an integer from 0 to 65535 \(got "eighty"\)$/,
  ],
  [
    'identity',
    'subgraphs/identity/src/main.ts',
    { KEY_ENCRYPTION_KEY: 'c2hvcnQ=' },
    /^identity: invalid configuration: KEY_ENCRYPTION_KEY: .*32 bytes/,
  ],
  [
    'admin',
    'subgraphs/admin/src/main.ts',
    { DATABASE_URL: 'mysql://x' },
    /^admin: invalid configuration: DATABASE_URL: must be a URL \(postgres:\/\/ or postgresql:\/\/\)$/,
  ],
  [
    'analytics',
    'subgraphs/analytics/src/main.ts',
    // The private key where the public one belongs: a subgraph must never hold the power to sign.
    { GATEWAY_ASSERTION_PUBLIC_KEY: keys.privateKey },
    /^analytics: invalid configuration: GATEWAY_ASSERTION_PUBLIC_KEY: must be an Ed25519 public key \(PEM or JWK\)$/,
  ],
  ['gateway', 'gateway/src/main.ts', { LOG_LEVEL: 'chatty' }, /^gateway: invalid configuration: LOG_LEVEL: must be one of/],
  [
    'launcher',
    'scripts/start.ts',
    { GATEWAY_PORT: '99999', DATABASE_URL: '', REDIS_URL: '' },
    /gateway: invalid configuration: GATEWAY_PORT: must be an integer from 0 to 65535/,
  ],
];

describe('a wrong configuration value stops the process with one line', () => {
  it.each(cases)('%s (%s) %j', async (_name, script, bad, expected) => {
    const env = Object.fromEntries(Object.entries({ ...valid, ...bad }).filter(([, v]) => v !== ''));
    const run = runTs(script, cleanEnv({ ...env, CBP_DATA_DIR: '/tmp/cbp-config-errors', WEB_DEV_SERVER: 'false' }));
    const { code } = await run.exited;
    expect(code).toBe(1);
    const lines = run
      .output()
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(run.output()).not.toContain('short');
  });
});
