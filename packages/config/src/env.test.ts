import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, fields, parseEnv, serviceEnvSchema, z } from './index.js';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: 'redis://127.0.0.1:6379',
  GATEWAY_ASSERTION_PUBLIC_KEY: generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString(),
};

describe('parseEnv', () => {
  const schema = serviceEnvSchema.extend({ IDENTITY_PORT: fields.port().default(4001) });

  it('returns a frozen, typed config with defaults applied', () => {
    const config = parseEnv('identity', schema, valid);
    expect(config.IDENTITY_PORT).toBe(4001);
    expect(config.REDIS_KEY_PREFIX).toBe('cbp:');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv('identity', schema, { ...valid, IDENTITY_PORT: '' }).IDENTITY_PORT).toBe(4001);
  });

  it('reports every problem in one line that names each variable', () => {
    let error: unknown;
    try {
      parseEnv('identity', schema, { ...valid, IDENTITY_PORT: 'abc', REDIS_URL: undefined, LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^identity: invalid configuration: /);
    expect(message).toContain('IDENTITY_PORT: must be an integer from 0 to 65535 (got "abc")');
    expect(message).toContain('REDIS_URL is required');
    expect(message).toContain('LOG_LEVEL');
  });

  it('never echoes the value of a secret-like variable', () => {
    expect(() => parseEnv('identity', schema, { ...valid, GATEWAY_ASSERTION_PUBLIC_KEY: 'not-a-key-but-a-secret-value' })).toThrow(
      /GATEWAY_ASSERTION_PUBLIC_KEY: must be an Ed25519 public key \(PEM or JWK\)$/,
    );
  });

  it('accepts the in-process redis scheme and rejects others', () => {
    expect(parseEnv('x', schema, { ...valid, REDIS_URL: 'memory://embedded' }).REDIS_URL).toBe('memory://embedded');
    expect(() => parseEnv('x', schema, { ...valid, REDIS_URL: 'http://x' })).toThrow(/REDIS_URL: must be a URL/);
  });

  it('parses booleans and lists', () => {
    const s = z.object({ A: fields.bool().default(false), B: fields.csv().default([]) });
    expect(parseEnv('x', s, { A: 'yes', B: 'a, b,,c' })).toEqual({ A: true, B: ['a', 'b', 'c'] });
    expect(() => parseEnv('x', s, { A: 'maybe' })).toThrow(/A: must be true or false/);
  });
});
