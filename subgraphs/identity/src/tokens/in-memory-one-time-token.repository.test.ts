// The in-memory twin passes the same contract as the SQL repository (run against PostgreSQL in
// test/repositories.contract.int.test.ts), so unit tests of the services can rely on it.
import { inMemoryBackend } from '../testing/contract-backend.js';
import { oneTimeTokenRepositoryContract } from './one-time-token.repository.contract.js';

oneTimeTokenRepositoryContract('in-memory', inMemoryBackend);
