// Rule (ASVS 8.3.1): the service checks the scope itself, before touching storage, whatever the entry point; and
// the page size is bounded (first ≤ 100) so no caller can make the users list unbounded.
import { describe, expect, it } from '@jest/globals';
import type { RequestIdentity } from '@cbp/service-kit';
import type { Transact } from '../unit-of-work/repositories.js';
import { UserService, userCursor } from './user.service.js';

const untouchable: Transact = () => Promise.reject(new Error('storage must not be reached'));
const service = new UserService({
  transact: untouchable,
  users: {
    findById: () => Promise.reject(new Error('unreachable')),
    findByIds: () => Promise.reject(new Error('unreachable')),
    findByEmail: () => Promise.reject(new Error('unreachable')),
    create: () => Promise.reject(new Error('unreachable')),
    list: () => Promise.reject(new Error('unreachable')),
    findSummaryForUpdate: () => Promise.reject(new Error('unreachable')),
  },
});
const user = (scopes: string[]): RequestIdentity => ({
  kind: 'user',
  userId: '11111111-1111-4111-8111-111111111111',
  sessionId: 's',
  roles: [],
  scopes,
  amr: ['pwd'],
});
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: { code?: string }) => e.code,
  );

describe('UserService authorization', () => {
  it.each([['list', (id: RequestIdentity) => service.list(id, {})]])(
    '%s: anonymous → UNAUTHENTICATED, no scope → FORBIDDEN',
    async (_name, call) => {
      expect(await codeOf(call({ kind: 'anonymous' }))).toBe('UNAUTHENTICATED');
      expect(await codeOf(call(user(['users:read', 'audit:read'].filter((s) => _name !== 'list' || s !== 'users:read'))))).toBe(
        'FORBIDDEN',
      );
    },
  );

  it('find (user by id): anonymous → UNAUTHENTICATED, no users:read → FORBIDDEN, a non-UUID id → VALIDATION_FAILED', async () => {
    const id = '22222222-2222-4222-8222-222222222222';
    expect(await codeOf(service.find({ kind: 'anonymous' }, id))).toBe('UNAUTHENTICATED');
    expect(await codeOf(service.find(user(['sessions:read', 'audit:read']), id))).toBe('FORBIDDEN');
    for (const bad of ['not-a-uuid', '', `${id}x`, "' or 1=1 --"])
      expect(await codeOf(service.find(user(['users:read']), bad))).toBe('VALIDATION_FAILED');
  });

  it('list: first outside 1..100 and a forged cursor are VALIDATION_FAILED', async () => {
    for (const first of [0, 101, 1.5]) expect(await codeOf(service.list(user(['users:read']), { first }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(service.list(user(['users:read']), { after: 'bm90LWEtY3Vyc29y' }))).toBe('VALIDATION_FAILED');
  });

  it('cursors round-trip (createdAt, id)', () => {
    const row = { createdAt: new Date('2026-11-25T06:00:00.123Z'), id: '33333333-3333-4333-8333-333333333333' };
    expect(userCursor.decode(userCursor.encode(row))).toEqual(row);
  });
});
