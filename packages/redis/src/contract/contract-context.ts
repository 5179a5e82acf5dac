/** Per-test fixtures shared by the contract suites: a fresh key prefix and store for every test. */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeEach } from '@jest/globals';
import type { RedisStore } from '../redis-store.js';

/** Opens a store with `keyPrefix` on the backend under test; stores opened with one prefix see the same data. */
export type MakeStore = (keyPrefix: string) => Promise<RedisStore>;

/** Removes every key under `rootPrefix` once the suite is done (needed for a real server). */
export type Cleanup = (rootPrefix: string) => Promise<void>;

export interface ContractContext {
  /** A store over this test's own prefix. */
  readonly store: RedisStore;
  /** This test's prefix. */
  readonly prefix: string;
  /** A fresh prefix no other test uses. */
  freshPrefix(): string;
  /** Opens another store (closed after the test). */
  open(keyPrefix: string): Promise<RedisStore>;
}

/** Registers the hooks and returns the context they fill; call inside a `describe`. */
export function useContractContext(makeStore: MakeStore, cleanup?: Cleanup): ContractContext {
  // One root per run, so a real server's leftovers are found with a single SCAN MATCH and never collide.
  const root = `cbp_t_${randomBytes(6).toString('hex')}:`;
  let counter = 0;
  let current: { store: RedisStore; prefix: string } | null = null;
  const opened: RedisStore[] = [];
  const context: ContractContext = {
    get store() {
      if (!current) throw new Error('no store outside a test');
      return current.store;
    },
    get prefix() {
      if (!current) throw new Error('no store outside a test');
      return current.prefix;
    },
    freshPrefix: () => `${root}${++counter}:`,
    open: async (keyPrefix) => {
      const store = await makeStore(keyPrefix);
      opened.push(store);
      return store;
    },
  };
  beforeEach(async () => {
    const prefix = context.freshPrefix();
    current = { store: await context.open(prefix), prefix };
  });
  afterEach(async () => {
    current = null;
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await cleanup?.(root);
  });
  return context;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds. @throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
