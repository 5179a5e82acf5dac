/**
 * The stream half of the {@link RedisStore} contract: XADD ids and trimming, consumer groups, pending entries,
 * take-over of a dead consumer's entries, lag, and blocking reads.
 */
import { describe, expect, it } from '@jest/globals';
import { sleep } from './contract-context.js';
import type { ContractContext } from './contract-context.js';
import type { StreamEntry } from '../redis-store.js';

const ID = /^\d+-\d+$/;

function ids(entries: readonly StreamEntry[]): string[] {
  return entries.map((entry) => entry.id);
}

export function describeEventStreamsContract(t: ContractContext): void {
  const streams = () => t.store.streams;

  async function seed(count: number, stream = 's'): Promise<string[]> {
    const added: string[] = [];
    for (let i = 0; i < count; i += 1) added.push(await streams().add(stream, { n: String(i) }));
    return added;
  }

  describe('streams: add and length', () => {
    it('assigns strictly increasing <ms>-<seq> ids and counts entries', async () => {
      expect(await streams().length('s')).toBe(0);
      const added = await Promise.all(Array.from({ length: 50 }, (_, i) => streams().add('s', { n: String(i) })));
      for (const id of added) expect(id).toMatch(ID);
      const numeric = added.map((id) => id.split('-').map(Number) as [number, number]);
      for (let i = 1; i < numeric.length; i += 1) {
        const [ms, seq] = numeric[i] ?? [0, 0];
        const [previousMs, previousSeq] = numeric[i - 1] ?? [0, 0];
        expect(ms > previousMs || (ms === previousMs && seq > previousSeq)).toBe(true);
      }
      expect(await streams().length('s')).toBe(50);
    });

    it('round-trips fields exactly', async () => {
      const fields = { type: 'user.registered', payload: '{"email":"ä@example.com"}', empty: '', '42': 'numeric name' };
      await streams().ensureGroup('s', 'g');
      await streams().add('s', fields);
      const [entry] = await streams().readGroup('s', 'g', 'c', { count: 1 });
      expect(entry?.fields).toEqual(fields);
    });

    it('trims to about maxLen, keeping at least maxLen', async () => {
      await Promise.all(Array.from({ length: 300 }, (_, i) => streams().add('s', { n: String(i) }, { maxLen: 10 })));
      const length = await streams().length('s');
      expect(length).toBeGreaterThanOrEqual(10);
      expect(length).toBeLessThan(300);
    });

    it('rejects an entry without fields', async () => {
      await expect(streams().add('s', {})).rejects.toThrow(RangeError);
    });

    it('del removes a stream with its groups', async () => {
      await streams().ensureGroup('s', 'g');
      await seed(2);
      expect(await t.store.del('s')).toBe(1);
      expect(await streams().length('s')).toBe(0);
      expect(await streams().groupInfo('s', 'g')).toBeNull();
    });
  });

  describe('streams: consumer groups', () => {
    it('ensureGroup creates the stream and is idempotent without moving the group', async () => {
      await streams().ensureGroup('s', 'g');
      expect(await streams().groupInfo('s', 'g')).toEqual({ pending: 0, lag: 0, lastDeliveredId: '0-0' });
      const added = await seed(3);
      expect(ids(await streams().readGroup('s', 'g', 'c', { count: 2 }))).toEqual(added.slice(0, 2));
      await streams().ensureGroup('s', 'g');
      expect(ids(await streams().readGroup('s', 'g', 'c', { count: 10 }))).toEqual(added.slice(2));
    });

    it("a group started at '$' sees only later entries", async () => {
      await seed(2);
      await streams().ensureGroup('s', 'late', '$');
      const [later] = await seed(1);
      expect(ids(await streams().readGroup('s', 'late', 'c', { count: 10 }))).toEqual([later]);
    });

    it('delivers each entry once across the consumers of a group', async () => {
      await streams().ensureGroup('s', 'g');
      const added = await seed(10);
      const first = await streams().readGroup('s', 'g', 'c1', { count: 4 });
      const second = await streams().readGroup('s', 'g', 'c2', { count: 100 });
      expect(ids(first)).toEqual(added.slice(0, 4));
      expect(ids(second)).toEqual(added.slice(4));
      expect(first[0]?.fields).toEqual({ n: '0' });
      expect(await streams().readGroup('s', 'g', 'c1', { count: 10 })).toEqual([]);
    });

    it('never delivers one entry twice to concurrent readers', async () => {
      await streams().ensureGroup('s', 'g');
      const added = await seed(10);
      const batches = await Promise.all(Array.from({ length: 8 }, (_, i) => streams().readGroup('s', 'g', `c${i % 2}`, { count: 2 })));
      const delivered = batches.flatMap(ids);
      expect([...delivered].sort()).toEqual([...added].sort());
    });

    it('gives every group every entry', async () => {
      await streams().ensureGroup('s', 'audit');
      await streams().ensureGroup('s', 'analytics');
      const added = await seed(5);
      expect(ids(await streams().readGroup('s', 'audit', 'a', { count: 10 }))).toEqual(added);
      expect(ids(await streams().readGroup('s', 'analytics', 'b', { count: 10 }))).toEqual(added);
    });

    it('fails with NOGROUP for a missing stream or group', async () => {
      await expect(streams().readGroup('nothing', 'g', 'c', { count: 1 })).rejects.toThrow(/^NOGROUP/);
      await streams().ensureGroup('s', 'g');
      await expect(streams().readGroup('s', 'other', 'c', { count: 1 })).rejects.toThrow(/^NOGROUP/);
      await expect(streams().readPending('s', 'other', 'c', 1)).rejects.toThrow(/^NOGROUP/);
      await expect(streams().claimStale('s', 'other', 'c', 0, 1)).rejects.toThrow(/^NOGROUP/);
    });

    it('rejects a count that is not a positive integer', async () => {
      await streams().ensureGroup('s', 'g');
      await expect(streams().readGroup('s', 'g', 'c', { count: 0 })).rejects.toThrow(RangeError);
      await expect(streams().readPending('s', 'g', 'c', -1)).rejects.toThrow(RangeError);
    });
  });

  describe('streams: pending entries and ack', () => {
    it('readPending returns the unacked entries of this consumer after a restart', async () => {
      await streams().ensureGroup('s', 'g');
      const added = await seed(4);
      const delivered = await streams().readGroup('s', 'g', 'c1', { count: 3 });
      expect(await streams().ack('s', 'g', [added[0] ?? ''])).toBe(1);

      const restarted = await t.open(t.prefix);
      await t.store.close();
      const pending = await restarted.streams.readPending('s', 'g', 'c1', 10);
      expect(pending).toEqual(delivered.slice(1));
      expect(await restarted.streams.readPending('s', 'g', 'c2', 10)).toEqual([]);
      expect(ids(await restarted.streams.readPending('s', 'g', 'c1', 1))).toEqual([added[1]]);
      expect(ids(await restarted.streams.readGroup('s', 'g', 'c1', { count: 10 }))).toEqual([added[3]]);
    });

    it('ack removes entries from pending and counts only pending ones', async () => {
      await streams().ensureGroup('s', 'g');
      await seed(3);
      const delivered = ids(await streams().readGroup('s', 'g', 'c', { count: 3 }));
      expect(await streams().ack('s', 'g', delivered.slice(0, 2))).toBe(2);
      expect(await streams().ack('s', 'g', delivered)).toBe(1);
      expect(await streams().ack('s', 'g', [])).toBe(0);
      expect(await streams().readPending('s', 'g', 'c', 10)).toEqual([]);
      expect((await streams().groupInfo('s', 'g'))?.pending).toBe(0);
    });

    it('ack rejects a malformed id', async () => {
      await streams().ensureGroup('s', 'g');
      await expect(streams().ack('s', 'g', ['not-an-id'])).rejects.toThrow(/Invalid stream ID/);
    });

    it('drops pending entries whose stream entry was trimmed', async () => {
      await streams().ensureGroup('s', 'g');
      await seed(3);
      await streams().readGroup('s', 'g', 'c', { count: 3 });
      await Promise.all(Array.from({ length: 250 }, (_, i) => streams().add('s', { more: String(i) }, { maxLen: 5 })));
      const remaining = await streams().readPending('s', 'g', 'c', 10);
      expect(remaining).toEqual([]);
      expect((await streams().groupInfo('s', 'g'))?.pending).toBe(0);
    });

    it('claimStale hands entries idle for minIdleMs to another consumer', async () => {
      await streams().ensureGroup('s', 'g');
      const added = await seed(4);
      const stale = await streams().readGroup('s', 'g', 'dead', { count: 3 });
      // Wide margins: on a loaded CI machine the 'alive' read and the claim can be a few hundred ms apart, and
      // the claim must still see 'alive' as fresh and 'dead' as stale.
      await sleep(1_500);
      await streams().readGroup('s', 'g', 'alive', { count: 1 });
      expect(await streams().claimStale('s', 'g', 'rescuer', 60_000, 10)).toEqual([]);
      const claimed = await streams().claimStale('s', 'g', 'rescuer', 1_000, 10);
      expect(claimed).toEqual(stale);
      expect(await streams().readPending('s', 'g', 'dead', 10)).toEqual([]);
      expect(ids(await streams().readPending('s', 'g', 'rescuer', 10))).toEqual(added.slice(0, 3));
      expect(ids(await streams().readPending('s', 'g', 'alive', 10))).toEqual([added[3]]);
      expect(await streams().claimStale('s', 'g', 'other', 1_000, 10)).toEqual([]);
    });

    it('claimStale takes at most count entries', async () => {
      await streams().ensureGroup('s', 'g');
      await seed(5);
      await streams().readGroup('s', 'g', 'dead', { count: 5 });
      expect(await streams().claimStale('s', 'g', 'rescuer', 0, 2)).toHaveLength(2);
    });
  });

  describe('streams: groupInfo', () => {
    it('reports pending, lag and the last delivered id', async () => {
      expect(await streams().groupInfo('s', 'g')).toBeNull();
      await streams().ensureGroup('s', 'g');
      const added = await seed(5);
      expect(await streams().groupInfo('s', 'g')).toEqual({ pending: 0, lag: 5, lastDeliveredId: '0-0' });
      await streams().readGroup('s', 'g', 'c', { count: 2 });
      expect(await streams().groupInfo('s', 'g')).toEqual({ pending: 2, lag: 3, lastDeliveredId: added[1] });
      await streams().ack('s', 'g', [added[0] ?? '']);
      expect(await streams().groupInfo('s', 'g')).toEqual({ pending: 1, lag: 3, lastDeliveredId: added[1] });
      expect(await streams().groupInfo('s', 'missing')).toBeNull();
    });
  });

  describe('streams: blocking reads', () => {
    it('wakes when an entry is added, also by another store', async () => {
      await streams().ensureGroup('s', 'g');
      const producer = await t.open(t.prefix);
      const started = Date.now();
      const reading = streams().readGroup('s', 'g', 'c', { count: 10, blockMs: 5000 });
      await sleep(100);
      const id = await producer.streams.add('s', { n: '1' });
      expect(ids(await reading)).toEqual([id]);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('with blockMs 0 waits until an entry arrives', async () => {
      await streams().ensureGroup('s', 'g');
      const reading = streams().readGroup('s', 'g', 'c', { count: 1, blockMs: 0 });
      await sleep(100);
      const id = await streams().add('s', { n: '1' });
      expect(ids(await reading)).toEqual([id]);
    });

    it('returns empty when nothing arrives in time', async () => {
      await streams().ensureGroup('s', 'g');
      const started = Date.now();
      expect(await streams().readGroup('s', 'g', 'c', { count: 10, blockMs: 150 })).toEqual([]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    });

    it('hands one new entry to one of two blocked consumers; the other keeps waiting', async () => {
      await streams().ensureGroup('s', 'g');
      const first = streams().readGroup('s', 'g', 'c1', { count: 10, blockMs: 400 });
      const second = streams().readGroup('s', 'g', 'c2', { count: 10, blockMs: 400 });
      await sleep(100);
      const id = await streams().add('s', { n: '1' });
      const results = await Promise.all([first, second]);
      expect(results.flatMap(ids)).toEqual([id]);
    });

    it('does not hold up other commands of the store', async () => {
      await streams().ensureGroup('s', 'g');
      const reading = streams().readGroup('s', 'g', 'c', { count: 1, blockMs: 3000 });
      await sleep(50);
      const started = Date.now();
      await t.store.set('k', 'v');
      expect(await t.store.get('k')).toBe('v');
      expect(await streams().length('s')).toBe(0);
      expect(Date.now() - started).toBeLessThan(500);
      await streams().add('s', { n: '1' });
      expect(await reading).toHaveLength(1);
    });

    it('ends empty when the store is closed', async () => {
      await streams().ensureGroup('s', 'g');
      const reading = streams().readGroup('s', 'g', 'c', { count: 1, blockMs: 10_000 });
      await sleep(50);
      const started = Date.now();
      await t.store.close();
      expect(await reading).toEqual([]);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
}
