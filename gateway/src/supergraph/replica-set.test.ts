// Rule: a subgraph's requests rotate over its replicas; one that failed is skipped until a probe sees it healthy
// or its hold expires; when every replica is down one is still tried (docs/design.md §2 (Processes and ports)).
import { describe, expect, it } from '@jest/globals';
import { ReplicaSet } from './replica-set.js';

const A = 'http://127.0.0.1:4001/graphql';
const B = 'http://127.0.0.1:4011/graphql';
const C = 'http://127.0.0.1:4021/graphql';

function fakeClock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const picks = (set: ReplicaSet, n: number) => Array.from({ length: n }, () => set.pick());

describe('ReplicaSet', () => {
  it('rotates over the replicas in order', () => {
    expect(picks(new ReplicaSet([A, B, C]), 7)).toEqual([A, B, C, A, B, C, A]);
  });

  it('always answers the only replica of a single-URL subgraph', () => {
    const set = new ReplicaSet([A]);
    set.markDown(A);
    expect(picks(set, 3)).toEqual([A, A, A]);
  });

  it('skips a replica marked down, and takes it back when its hold expires', () => {
    const clock = fakeClock();
    const set = new ReplicaSet([A, B, C], { now: clock.now, holdDownMs: 5000 });
    set.markDown(B);
    expect(set.down()).toEqual([B]);
    expect(picks(set, 4)).toEqual([A, C, A, C]);
    clock.advance(4999);
    expect(picks(set, 2)).toEqual([A, C]);
    clock.advance(1);
    expect(set.down()).toEqual([]);
    expect(picks(set, 3)).toEqual([A, B, C]);
  });

  it('brings a replica back as soon as the probe finds it healthy, and keeps it out while the probe fails', async () => {
    const clock = fakeClock();
    const set = new ReplicaSet([A, B], { now: clock.now, holdDownMs: 5000 });
    set.markDown(A);
    clock.advance(4000);
    await set.probeDown(async () => false);
    // The failed probe restarted the hold: 4 s later A is still out.
    clock.advance(4000);
    expect(set.down()).toEqual([A]);
    expect(picks(set, 2)).toEqual([B, B]);
    const probed: string[] = [];
    await set.probeDown(async (url) => {
      probed.push(url);
      return true;
    });
    expect(probed).toEqual([A]);
    expect(set.down()).toEqual([]);
    expect(picks(set, 2)).toEqual([A, B]);
  });

  it('counts a probe that throws as unhealthy', async () => {
    const set = new ReplicaSet([A, B], { now: fakeClock().now });
    set.markDown(B);
    await set.probeDown(() => Promise.reject(new Error('connect ECONNREFUSED')));
    expect(set.down()).toEqual([B]);
  });

  it('excludes the replicas already tried, and answers undefined when none is left', () => {
    const set = new ReplicaSet([A, B, C], { now: fakeClock().now });
    expect(set.pick(new Set([A]))).toBe(B);
    expect(set.pick(new Set([A, B]))).toBe(C);
    expect(set.pick(new Set([A, B, C]))).toBeUndefined();
  });

  it('still tries a down replica when every replica is down, rotating among them', () => {
    const set = new ReplicaSet([A, B], { now: fakeClock().now });
    set.markDown(A);
    set.markDown(B);
    expect(picks(set, 3)).toEqual([A, B, A]);
    // A retry after A refused goes to B even though B is down too: trying beats failing without trying.
    expect(set.pick(new Set([A]))).toBe(B);
  });

  it('refuses an empty list', () => {
    expect(() => new ReplicaSet([])).toThrow(/at least one URL/);
  });
});
