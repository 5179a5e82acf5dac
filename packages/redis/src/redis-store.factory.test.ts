import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_KEY_PREFIX } from './redis-store.js';
import { createRedisStore } from './redis-store.factory.js';

describe('createRedisStore', () => {
  it('returns the shared in-process store for memory://<name>', async () => {
    const url = `memory://factory-${randomBytes(4).toString('hex')}`;
    const first = createRedisStore({ url });
    const second = createRedisStore({ url });
    const elsewhere = createRedisStore({ url: `${url}-other` });
    try {
      expect(first.kind).toBe('in-process');
      expect(first.keyPrefix).toBe(DEFAULT_KEY_PREFIX);
      await first.set('k', 'v');
      expect(await second.get('k')).toBe('v');
      expect(await elsewhere.get('k')).toBeNull();
    } finally {
      await Promise.all([first.close(), second.close(), elsewhere.close()]);
    }
  });

  it('applies the key prefix it is given', async () => {
    const url = `memory://factory-${randomBytes(4).toString('hex')}`;
    const plain = createRedisStore({ url });
    const prefixed = createRedisStore({ url, keyPrefix: 'cbp:identity:' });
    try {
      expect(prefixed.keyPrefix).toBe('cbp:identity:');
      await prefixed.set('k', 'v');
      expect(await plain.get('identity:k')).toBe('v');
    } finally {
      await Promise.all([plain.close(), prefixed.close()]);
    }
  });

  it('rejects other schemes, naming the scheme but never the URL', () => {
    expect(() => createRedisStore({ url: 'http://user:hunter2@example.com' })).toThrow(/scheme "http:"/);
    expect(() => createRedisStore({ url: 'http://user:hunter2@example.com' })).not.toThrow(/hunter2/);
    expect(() => createRedisStore({ url: '127.0.0.1:6379' })).toThrow(/Unsupported Redis URL scheme/);
    expect(() => createRedisStore({ url: '' })).toThrow(/scheme \(none\)/);
    expect(() => createRedisStore({ url: 'memory://' })).toThrow(/needs a name/);
  });
});
