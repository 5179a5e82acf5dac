// The in-memory signing-key repositories pass the same contract as the SQL one (run against PostgreSQL in
// test/repositories.contract.int.test.ts): the standalone twin the key service tests use, and the signing keys
// of the in-memory unit of work, each call in a transaction of its own.
import { InMemoryUnitOfWork } from '../unit-of-work/in-memory-unit-of-work.js';
import { InMemorySigningKeyRepository } from './in-memory-signing-key.repository.js';
import type { SigningKeyRepository } from './signing-key.repository.js';
import { signingKeyRepositoryContract } from './signing-key.repository.contract.js';

signingKeyRepositoryContract('in-memory', async () => ({ repo: new InMemorySigningKeyRepository(), cleanup: async () => undefined }));

signingKeyRepositoryContract('in-memory unit of work', async () => {
  const { transact } = new InMemoryUnitOfWork();
  const repo: SigningKeyRepository = {
    findCurrent: () => transact((tx) => tx.signingKeys.findCurrent()),
    findPublished: (now) => transact((tx) => tx.signingKeys.findPublished(now)),
    insert: (key) => transact((tx) => tx.signingKeys.insert(key)),
    retire: (kid, retiredAt, expiresFromJwksAt) => transact((tx) => tx.signingKeys.retire(kid, retiredAt, expiresFromJwksAt)),
    transactional: (work) => transact((tx) => tx.signingKeys.transactional(work)),
  };
  return { repo, cleanup: async () => undefined };
});
