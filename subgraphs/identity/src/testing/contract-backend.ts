import { afterEach, beforeEach } from '@jest/globals';
import type { Repositories, Transact } from '../unit-of-work/repositories.js';
import { InMemoryUnitOfWork } from '../unit-of-work/in-memory-unit-of-work.js';

/** One backend of a repository contract: transactions over the repositories it stores in, and how to empty it. */
export interface ContractBackend<R extends Partial<Repositories>> {
  transact: Transact<R>;
  cleanup(): Promise<void>;
}

/** Opens a backend for one test; called before each test of a contract suite. */
export type ContractSetup<R extends Partial<Repositories>> = () => Promise<ContractBackend<R>>;

/** Opens a backend before each test and cleans it after; `backend.transact` reaches the current one. */
export function useContractBackend<R extends Partial<Repositories>>(setup: ContractSetup<R>): { transact: Transact<R> } {
  let current: ContractBackend<R> | null = null;
  beforeEach(async () => {
    current = await setup();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  return {
    transact: (fn) => {
      if (!current) throw new Error('the contract backend is only open inside a test');
      return current.transact(fn);
    },
  };
}

/** The in-memory backend: a fresh unit of work per test, nothing to clean. */
export const inMemoryBackend = async (): Promise<ContractBackend<Repositories>> => {
  const uow = new InMemoryUnitOfWork();
  return { transact: uow.transact, cleanup: async () => undefined };
};
