/**
 * The behaviour every {@link RedisStore} must have, run against the real-Redis adapter and the in-process one
 * alike so the embedded default cannot drift from production (Ory Kratos runs its persister tests the same way).
 * Timing tests use real timers and short TTLs.
 */
import { describe, expect, it } from '@jest/globals';
import { describeEventStreamsContract } from './event-streams.contract.js';
import { sleep, useContractContext, waitFor } from './contract-context.js';
import type { Cleanup, MakeStore } from './contract-context.js';

export type { Cleanup, MakeStore } from './contract-context.js';

/**
 * Declares the contract suite for one implementation.
 * @param makeStore opens a store with the given prefix; two stores with one prefix must share data.
 * @param cleanup removes what the run left under its root prefix (all test prefixes start with it).
 */
export function describeRedisStoreContract(name: string, makeStore: MakeStore, cleanup?: Cleanup): void {
  describe(`RedisStore contract: ${name}`, () => {
    const t = useContractContext(makeStore, cleanup);

    describe('get / set', () => {
      it('returns null for a missing key and the value after set', async () => {
        expect(await t.store.get('missing')).toBeNull();
        expect(await t.store.set('k', 'v1')).toBe(true);
        expect(await t.store.get('k')).toBe('v1');
        expect(await t.store.set('k', 'v2 ✓')).toBe(true);
        expect(await t.store.get('k')).toBe('v2 ✓');
      });

      it('onlyIfAbsent writes once and reports the refusal', async () => {
        expect(await t.store.set('nx', 'first', { onlyIfAbsent: true })).toBe(true);
        expect(await t.store.set('nx', 'second', { onlyIfAbsent: true })).toBe(false);
        expect(await t.store.get('nx')).toBe('first');
      });

      it('onlyIfAbsent lets exactly one of many concurrent writers win', async () => {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.store.set('lock', String(i), { onlyIfAbsent: true })));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('expires a key after ttlMs', async () => {
        await t.store.set('ttl', 'v', { ttlMs: 50 });
        expect(await t.store.get('ttl')).toBe('v');
        await sleep(120);
        expect(await t.store.get('ttl')).toBeNull();
        expect(await t.store.pttl('ttl')).toBe(-2);
        expect(await t.store.set('ttl', 'again', { onlyIfAbsent: true })).toBe(true);
      });

      it('a set without ttl clears an earlier expiry', async () => {
        await t.store.set('k', 'v', { ttlMs: 60_000 });
        await t.store.set('k', 'w');
        expect(await t.store.pttl('k')).toBe(-1);
      });

      it('rejects a ttl that is not a positive integer', async () => {
        await expect(t.store.set('k', 'v', { ttlMs: 0 })).rejects.toThrow(RangeError);
        await expect(t.store.set('k', 'v', { ttlMs: 1.5 })).rejects.toThrow(RangeError);
        expect(await t.store.get('k')).toBeNull();
      });
    });

    describe('pttl', () => {
      it('is -2 for a missing key, -1 without expiry, the remaining ms otherwise', async () => {
        expect(await t.store.pttl('none')).toBe(-2);
        await t.store.set('forever', 'v');
        expect(await t.store.pttl('forever')).toBe(-1);
        await t.store.set('soon', 'v', { ttlMs: 1000 });
        const remaining = await t.store.pttl('soon');
        expect(remaining).toBeGreaterThan(0);
        expect(remaining).toBeLessThanOrEqual(1000);
      });
    });

    describe('getDel', () => {
      it('returns the value and deletes it; null when missing', async () => {
        await t.store.set('once', 'secret');
        expect(await t.store.getDel('once')).toBe('secret');
        expect(await t.store.get('once')).toBeNull();
        expect(await t.store.getDel('once')).toBeNull();
      });

      it('gives the value to exactly one of many concurrent callers', async () => {
        await t.store.set('token', 'burn-me');
        const results = await Promise.all(Array.from({ length: 20 }, () => t.store.getDel('token')));
        expect(results.filter((value) => value !== null)).toEqual(['burn-me']);
      });

      it('does not return an expired value', async () => {
        await t.store.set('old', 'v', { ttlMs: 30 });
        await sleep(80);
        expect(await t.store.getDel('old')).toBeNull();
      });
    });

    describe('del', () => {
      it('counts the keys that existed', async () => {
        await t.store.set('a', '1');
        await t.store.set('b', '2');
        expect(await t.store.del('a', 'b', 'c')).toBe(2);
        expect(await t.store.get('a')).toBeNull();
        expect(await t.store.del()).toBe(0);
      });
    });

    describe('incr', () => {
      it('starts a new counter at 1 and counts up', async () => {
        expect(await t.store.incr('n')).toBe(1);
        expect(await t.store.incr('n')).toBe(2);
        expect(await t.store.get('n')).toBe('2');
        expect(await t.store.pttl('n')).toBe(-1);
      });

      it('is atomic under 100 concurrent increments', async () => {
        const values = await Promise.all(Array.from({ length: 100 }, () => t.store.incr('hits', 60_000)));
        expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
        expect(await t.store.get('hits')).toBe('100');
        expect(await t.store.pttl('hits')).toBeGreaterThan(0);
      });

      it('sets the ttl only when it creates the key (fixed window)', async () => {
        expect(await t.store.incr('window', 1000)).toBe(1);
        await sleep(20);
        expect(await t.store.incr('window', 100_000)).toBe(2);
        expect(await t.store.pttl('window')).toBeLessThanOrEqual(1000);
        await t.store.set('plain', '5');
        expect(await t.store.incr('plain', 1000)).toBe(6);
        expect(await t.store.pttl('plain')).toBe(-1);
      });

      it('starts over once the window expired', async () => {
        expect(await t.store.incr('short', 50)).toBe(1);
        expect(await t.store.incr('short', 50)).toBe(2);
        await sleep(120);
        expect(await t.store.incr('short', 50)).toBe(1);
      });

      it('rejects a value that is not an integer, and a bad ttl', async () => {
        await t.store.set('text', 'abc');
        await expect(t.store.incr('text')).rejects.toThrow(/not an integer/);
        await expect(t.store.incr('fresh', -5)).rejects.toThrow(RangeError);
        expect(await t.store.get('fresh')).toBeNull();
      });
    });

    describe('ping and type errors', () => {
      it('ping resolves', async () => {
        await expect(t.store.ping()).resolves.toBeUndefined();
      });

      it('string commands on a stream key fail with WRONGTYPE', async () => {
        await t.store.streams.add('s', { a: '1' });
        await expect(t.store.get('s')).rejects.toThrow(/WRONGTYPE/);
        await expect(t.store.incr('s')).rejects.toThrow(/WRONGTYPE/);
        await t.store.set('str', 'v');
        await expect(t.store.streams.add('str', { a: '1' })).rejects.toThrow(/WRONGTYPE/);
      });
    });

    describeEventStreamsContract(t);

    describe('pub/sub', () => {
      it('delivers published messages to every subscriber of the channel, asynchronously', async () => {
        const first: string[] = [];
        const second: string[] = [];
        const other: string[] = [];
        await t.store.subscribe('ch', (message) => first.push(message));
        await t.store.subscribe('ch', (message) => second.push(message));
        await t.store.subscribe('other', (message) => other.push(message));
        const publishing = t.store.publish('ch', 'm1');
        expect(first).toEqual([]);
        await publishing;
        await t.store.publish('ch', 'm2');
        await waitFor(() => first.length === 2 && second.length === 2);
        expect(first).toEqual(['m1', 'm2']);
        expect(second).toEqual(['m1', 'm2']);
        await sleep(30);
        expect(other).toEqual([]);
      });

      it('reaches subscribers of another store on the same prefix', async () => {
        const peer = await t.open(t.prefix);
        const received: string[] = [];
        await peer.subscribe('invalidate', (message) => received.push(message));
        await t.store.publish('invalidate', 'session:1');
        await waitFor(() => received.length === 1);
        expect(received).toEqual(['session:1']);
      });

      it('stops delivering after unsubscribe, leaving other subscriptions alone', async () => {
        const gone: string[] = [];
        const kept: string[] = [];
        const unsubscribe = await t.store.subscribe('ch', (message) => gone.push(message));
        await t.store.subscribe('ch', (message) => kept.push(message));
        await unsubscribe();
        await unsubscribe();
        await t.store.publish('ch', 'after');
        await waitFor(() => kept.length === 1);
        await sleep(30);
        expect(gone).toEqual([]);
      });

      it('keeps delivering to others when a subscriber throws', async () => {
        const received: string[] = [];
        await t.store.subscribe('ch', () => {
          throw new Error('subscriber bug');
        });
        await t.store.subscribe('ch', (message) => received.push(message));
        await t.store.publish('ch', 'one');
        await t.store.publish('ch', 'two');
        await waitFor(() => received.length === 2);
      });
    });

    describe('key prefix isolation', () => {
      it('stores with different prefixes on one backend do not see each other', async () => {
        const neighbour = await t.open(t.freshPrefix());
        await t.store.set('shared-name', 'mine');
        expect(await neighbour.get('shared-name')).toBeNull();
        await neighbour.set('shared-name', 'theirs');
        expect(await neighbour.del('shared-name')).toBe(1);
        expect(await t.store.get('shared-name')).toBe('mine');
        expect(await neighbour.incr('shared-name')).toBe(1);

        await t.store.streams.add('events', { a: '1' });
        await t.store.streams.ensureGroup('events', 'g');
        expect(await neighbour.streams.length('events')).toBe(0);
        expect(await neighbour.streams.groupInfo('events', 'g')).toBeNull();

        const heard: string[] = [];
        await t.store.subscribe('ch', (message) => heard.push(message));
        await neighbour.publish('ch', 'from neighbour');
        await t.store.publish('ch', 'from self');
        await waitFor(() => heard.length === 1);
        await sleep(30);
        expect(heard).toEqual(['from self']);
      });

      it('stores with the same prefix share data', async () => {
        const twin = await t.open(t.prefix);
        await t.store.set('k', 'v');
        expect(await twin.get('k')).toBe('v');
      });
    });

    describe('close', () => {
      it('is idempotent and makes later calls reject', async () => {
        await t.store.close();
        await t.store.close();
        await expect(t.store.get('k')).rejects.toThrow(/closed/);
        await expect(t.store.streams.length('s')).rejects.toThrow(/closed/);
      });

      it('does not disturb another store on the same backend', async () => {
        const other = await t.open(t.prefix);
        await t.store.set('k', 'v');
        await t.store.close();
        expect(await other.get('k')).toBe('v');
      });
    });
  });
}
