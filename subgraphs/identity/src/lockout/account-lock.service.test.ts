// Rule (ASVS 8.3.1): the service checks the scope itself, before touching storage, whatever the entry point.
import { describe, expect, it } from '@jest/globals';
import type { RequestIdentity } from '@cbp/service-kit';
import type { Transact } from '../unit-of-work/repositories.js';
import { AccountLockService } from './account-lock.service.js';

const untouchable: Transact = () => Promise.reject(new Error('storage must not be reached'));
const service = new AccountLockService({
  transact: untouchable,
  sessions: {
    revokeInTransaction: () => Promise.reject(new Error('unreachable')),
    afterRevoke: () => Promise.reject(new Error('unreachable')),
  },
  clock: () => new Date(0),
  onEventsRecorded: () => undefined,
});
const user = (scopes: string[]): RequestIdentity => ({
  kind: 'user',
  userId: '11111111-1111-4111-8111-111111111111',
  sessionId: 's',
  roles: [],
  scopes,
  amr: ['pwd'],
});
const meta = { requestId: 'r', ip: null, userAgent: null };
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: { code?: string }) => e.code,
  );

describe('AccountLockService authorization', () => {
  it.each([
    ['lock', (id: RequestIdentity) => service.lock(id, '22222222-2222-4222-8222-222222222222', 'x', meta)],
    ['unlock', (id: RequestIdentity) => service.unlock(id, '22222222-2222-4222-8222-222222222222', meta)],
  ])('%s: anonymous → UNAUTHENTICATED, no scope → FORBIDDEN', async (_name, call) => {
    expect(await codeOf(call({ kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(call(user(['users:read', 'audit:read'].filter((s) => _name !== 'list' || s !== 'users:read'))))).toBe('FORBIDDEN');
  });
});
