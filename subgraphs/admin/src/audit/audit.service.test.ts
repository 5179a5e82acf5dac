import { describe, expect, it } from '@jest/globals';
import { makeEvent } from '@cbp/events';
import type { Logger } from '@cbp/logging';
import type { RequestIdentity } from '@cbp/service-kit';
import { InProcessRedisStore } from '@cbp/redis';
import { AuditChainKey } from './audit-chain-key.js';
import { AuditCheckpointStore } from './audit-checkpoint.js';
import { InMemoryAuditLogRepository } from './audit-log.in-memory.js';
import { AuditRecorder } from './audit-recorder.js';
import { AuditService, toAuditQuery } from './audit.service.js';

const ALICE = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const silent = { warn: () => undefined, debug: () => undefined } as unknown as Logger;

function user(userId: string, scopes: string[] = []): RequestIdentity {
  return { kind: 'user', userId, sessionId: 's', roles: [], scopes, amr: ['pwd'] };
}
const auditor = user('33333333-3333-4333-8333-333333333333', ['audit:read']);

async function seeded() {
  const log = new InMemoryAuditLogRepository();
  const key = new AuditChainKey('k'.repeat(32));
  await log.ensureAnchor(() => key.anchor(1));
  const recorder = new AuditRecorder({ log, key, clock: () => new Date(), newId: () => crypto.randomUUID(), logger: silent });
  for (let i = 0; i < 5; i++)
    await recorder.record(makeEvent({ type: 'auth.login.failed', subjectId: ALICE, occurredAt: new Date(Date.UTC(2026, 0, 1 + i)) }));
  await recorder.record(makeEvent({ type: 'role.granted', actorId: ALICE, subjectId: BOB }));
  await recorder.record(makeEvent({ type: 'auth.login.succeeded', subjectId: BOB }));
  const checkpoints = new AuditCheckpointStore(new InProcessRedisStore());
  return { log, recorder, service: new AuditService({ log, key, checkpoints }) };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

describe('AuditService permissions', () => {
  it('lets a user read their own trail, as subject and as actor, newest first', async () => {
    const { service } = await seeded();
    const trail = await service.trailOf(user(ALICE), ALICE, 20);
    expect(trail.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it("refuses a plain user another user's trail (FORBIDDEN) and an anonymous caller any (UNAUTHENTICATED)", async () => {
    const { service } = await seeded();
    expect(await codeOf(service.trailOf(user(BOB), ALICE, 20))).toBe('FORBIDDEN');
    expect(await codeOf(service.trailOf({ kind: 'anonymous' }, ALICE, 20))).toBe('UNAUTHENTICATED');
    expect((await service.trailOf(auditor, ALICE, 2)).map((e) => e.seq)).toEqual([6, 5]);
  });

  it('requires audit:read for the log and for verification', async () => {
    const { service } = await seeded();
    expect(await codeOf(service.list(user(ALICE), null, 10, null))).toBe('FORBIDDEN');
    expect(await codeOf(service.verifyChain(user(ALICE)))).toBe('FORBIDDEN');
    expect(await codeOf(service.list({ kind: 'anonymous' }, null, 10, null))).toBe('UNAUTHENTICATED');
  });

  it('caps page sizes at 100', async () => {
    const { service } = await seeded();
    expect(await codeOf(service.list(auditor, null, 101, null))).toBe('VALIDATION_FAILED');
    expect(await codeOf(service.list(auditor, null, 0, null))).toBe('VALIDATION_FAILED');
    expect(await codeOf(service.trailOf(user(ALICE), ALICE, 101))).toBe('VALIDATION_FAILED');
  });
});

describe('AuditService.list', () => {
  it('pages newest first with opaque cursors until the end', async () => {
    const { service } = await seeded();
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await service.list(auditor, null, 3, after);
      seen.push(...page.edges.map((e) => e.node.seq));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });

  it('filters by subject, actor, type and time', async () => {
    const { service } = await seeded();
    const seqs = async (filter: Parameters<AuditService['list']>[1]) =>
      (await service.list(auditor, filter, 50, null)).edges.map((e) => e.node.seq);
    expect(await seqs({ subjectId: BOB })).toEqual([7, 6]);
    expect(await seqs({ actorId: ALICE })).toEqual([6]);
    expect(await seqs({ type: 'auth.login.failed', from: '2026-01-02T00:00:00Z', to: '2026-01-04T00:00:00Z' })).toEqual([3, 2]);
  });

  it('refuses malformed filters with VALIDATION_FAILED', () => {
    for (const filter of [
      { actorId: 'nope' },
      { from: 'yesterday' },
      { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { type: '' },
    ]) {
      expect(() => toAuditQuery(filter)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });
});

describe('AuditService.verifyChain', () => {
  it('verifies what the recorder appended, across batches', async () => {
    const { service, recorder } = await seeded();
    for (let i = 0; i < 600; i++) await recorder.record(makeEvent({ type: `custom.${i % 3}`, data: { i } }));
    expect(await service.verifyChain(auditor)).toMatchObject({ ok: true, checked: 607, head: { seq: 607 } });
  });

  it('records an event once however often it is delivered', async () => {
    const { log, recorder } = await seeded();
    const event = makeEvent({ type: 'mfa.enabled', subjectId: ALICE });
    expect(await recorder.record(event)).not.toBeNull();
    expect(await recorder.record(event)).toBeNull();
    expect(log.entries.filter((e) => e.eventId === event.id)).toHaveLength(1);
  });
});
