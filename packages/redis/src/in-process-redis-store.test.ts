import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { describeRedisStoreContract } from './contract/redis-store.contract.js';
import { InProcessRedisStore } from './in-process-redis-store.js';
import { createRedisStore } from './redis-store.factory.js';

// Every store of the run shares one named backend, as the services of `npm start` do.
const name = `contract-${randomBytes(4).toString('hex')}`;

describeRedisStoreContract('in-process', async (keyPrefix) => createRedisStore({ url: `memory://${name}`, keyPrefix }));

describe('InProcessRedisStore with an injected clock', () => {
  let now = 1_700_000_000_000;
  const clock = () => now;
  const stores: InProcessRedisStore[] = [];
  const open = (): InProcessRedisStore => {
    const store = new InProcessRedisStore({ clock, keyPrefix: 't:' });
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('expires keys when the clock passes their ttl, without waiting', async () => {
    const store = open();
    await store.set('k', 'v', { ttlMs: 1000 });
    expect(await store.incr('n', 500)).toBe(1);
    now += 999;
    expect(await store.get('k')).toBe('v');
    expect(await store.pttl('k')).toBe(1);
    expect(await store.get('n')).toBeNull();
    now += 1;
    expect(await store.get('k')).toBeNull();
  });

  it('derives stream ids from the clock and keeps them increasing when it stands still or goes back', async () => {
    const store = open();
    now = 1_700_000_000_000;
    expect(await store.streams.add('s', { a: '1' })).toBe('1700000000000-0');
    expect(await store.streams.add('s', { a: '2' })).toBe('1700000000000-1');
    now -= 5000;
    expect(await store.streams.add('s', { a: '3' })).toBe('1700000000000-2');
    now += 10_000;
    expect(await store.streams.add('s', { a: '4' })).toBe('1700000005000-0');
  });

  it('measures pending idle time on the clock for claimStale', async () => {
    const store = open();
    await store.streams.ensureGroup('s', 'g');
    await store.streams.add('s', { a: '1' });
    await store.streams.readGroup('s', 'g', 'dead', { count: 1 });
    now += 29_999;
    expect(await store.streams.claimStale('s', 'g', 'rescuer', 30_000, 10)).toEqual([]);
    now += 1;
    expect(await store.streams.claimStale('s', 'g', 'rescuer', 30_000, 10)).toHaveLength(1);
  });

  it('hands out copies, so mutating an entry cannot change the stream', async () => {
    const store = open();
    await store.streams.ensureGroup('s', 'g');
    await store.streams.add('s', { a: '1' });
    const [entry] = await store.streams.readGroup('s', 'g', 'c', { count: 1 });
    if (!entry) throw new Error('expected an entry');
    entry.fields.a = 'mutated';
    expect((await store.streams.readPending('s', 'g', 'c', 1))[0]?.fields).toEqual({ a: '1' });
  });

  it('gives each store created with new its own data', async () => {
    const first = open();
    const second = open();
    await first.set('k', 'v');
    expect(await second.get('k')).toBeNull();
  });
});

describe('InProcessRedisStore.shared', () => {
  it('keeps the data until the last holder closes', async () => {
    const sharedName = `shared-${randomBytes(4).toString('hex')}`;
    const identity = InProcessRedisStore.shared(sharedName, { keyPrefix: 'cbp:' });
    const gateway = InProcessRedisStore.shared(sharedName, { keyPrefix: 'cbp:' });
    await identity.set('session:1', 'alive');
    await identity.close();
    expect(await gateway.get('session:1')).toBe('alive');
    await gateway.close();
    const later = InProcessRedisStore.shared(sharedName, { keyPrefix: 'cbp:' });
    expect(await later.get('session:1')).toBeNull();
    await later.close();
  });
});
