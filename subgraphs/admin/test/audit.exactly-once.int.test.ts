// Rule: every event on the stream is recorded in the audit log exactly once: a redelivered event is not recorded
// twice, stopping admin mid-stream and starting it again loses none and duplicates none, and two admin replicas
// consuming side by side still build one unbroken chain.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { makeEvent } from '@cbp/events';
import type { EntityManager } from '@cbp/db';
import { MikroAuditLogRepository } from '../src/audit/audit-log.repository.js';
import { AuditChainKey } from '../src/audit/audit-chain-key.js';
import { AuditRecorder } from '../src/audit/audit-recorder.js';
import { startAdmin } from '../src/server.js';
import { startAdminHarness, userIdentity, waitFor } from './support.js';
import type { AdminHarness } from './support.js';

// The integration project's testTimeout does not reach the runner (jest reads it from the global config only).
jest.setTimeout(60_000);

const auditor = userIdentity('7e1f0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a01', ['audit:read']);

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h?.close();
});

async function verify() {
  const res = await h.graphql<{ verifyAuditChain: { ok: boolean; checked: number; reason: string | null } }>(
    '{ verifyAuditChain { ok checked reason } }',
    {},
    auditor,
  );
  return res.data?.verifyAuditChain;
}

async function recordedEventIds(): Promise<string[]> {
  return (await h.sql<{ event_id: string }>('select "event_id" from "admin"."audit_log" order by "seq"')).map((r) => r.event_id);
}

describe('audit log exactly once', () => {
  it('records an event delivered twice once', async () => {
    const event = makeEvent({
      type: 'session.revoked',
      subjectId: '7e1f0c2a-3b4d-4e5f-8a9b-0c1d2e3f4a02',
      data: { sessionId: 's1', reason: 'logout' },
    });
    const marker = makeEvent({ type: 'test.marker' });
    await h.publish(event, event, marker);
    await waitFor('the marker event', async () => (await recordedEventIds()).includes(marker.id));
    expect(await recordedEventIds()).toEqual([event.id, marker.id]);
  });

  it('loses none and duplicates none when admin stops mid-stream and starts again', async () => {
    const before = await h.count();
    const first = await h.publish(
      ...Array.from({ length: 300 }, (_, i) => ({ type: 'auth.login.failed', data: { i, reason: 'INVALID_CREDENTIALS' } })),
    );
    await waitFor('the consumer to get going', async () => (await h.count()) >= before + 10);
    await h.stop();
    const atStop = await h.count();
    // Stopped part-way: otherwise this test would prove nothing about resuming.
    expect(atStop).toBeLessThan(before + first.length);

    const second = await h.publish(...Array.from({ length: 50 }, (_, i) => ({ type: 'auth.login.succeeded', data: { i } })));
    expect(await h.count()).toBe(atStop);
    await h.restart();
    const expected = before + first.length + second.length;
    await waitFor(`${expected} entries`, async () => (await h.count()) >= expected, 30_000);

    const ids = await recordedEventIds();
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    for (const event of [...first, ...second]) expect(ids).toContain(event.id);
    expect(await verify()).toEqual({ ok: true, checked: expected, reason: null });
  });

  it('builds one unbroken chain when two admin replicas consume side by side', async () => {
    const before = await h.count();
    const replica = await startAdmin(h.config, { logger: h.logger });
    try {
      const events = await h.publish(
        ...Array.from({ length: 200 }, (_, i) => ({ type: i % 2 ? 'role.granted' : 'role.revoked', data: { role: `r${i}` } })),
      );
      const expected = before + events.length;
      await waitFor(`${expected} entries`, async () => (await h.count()) >= expected, 30_000);
      const ids = await recordedEventIds();
      expect(new Set(ids).size).toBe(expected);
      expect(ids).toHaveLength(expected);
      expect(await verify()).toEqual({ ok: true, checked: expected, reason: null });
    } finally {
      await replica.close();
    }
  });

  it('serialises appends: a second appender waits for the first one’s transaction and chains to its entry', async () => {
    const recorder = (em: EntityManager) =>
      new AuditRecorder({
        log: new MikroAuditLogRepository(em),
        key: new AuditChainKey(h.config.AUDIT_CHAIN_KEY),
        clock: () => new Date(),
        newId: randomUUID,
        logger: h.logger,
      });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const firstAppended = new Promise<void>((resolve) => (appended = resolve));
    const first = h.orm.em.fork().transactional(async (em) => {
      const entry = await recorder(em).record(makeEvent({ type: 'test.lock.first' }));
      appended();
      await held;
      return entry;
    });
    await firstAppended;
    let secondDone = false;
    const second = h.orm.em
      .fork()
      .transactional((em) => recorder(em).record(makeEvent({ type: 'test.lock.second' })))
      .finally(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(secondDone).toBe(false);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(b?.seq).toBe(a!.seq + 1);
    expect(b?.prevHash).toBe(a?.hash);
    expect((await verify())?.ok).toBe(true);
  });
});
