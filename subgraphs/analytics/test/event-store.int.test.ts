// The event store: every event is stored once, successful logins are scored as they arrive, and the aggregates
// count what was stored.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { makeEvent } from '@cbp/events';
import type { DomainEvent } from '@cbp/events';
import { startAnalyticsHarness, userIdentity, waitFor } from './support.js';
import type { AnalyticsHarness } from './support.js';

// The integration project's testTimeout does not reach the runner (jest reads it from the global config only).
jest.setTimeout(60_000);

const ALICE = '8f2d6c1a-9b3e-4d7f-a1c2-3e4f5a6b7c01';
const BOB = '8f2d6c1a-9b3e-4d7f-a1c2-3e4f5a6b7c02';
const CAROL = '8f2d6c1a-9b3e-4d7f-a1c2-3e4f5a6b7c03';
const analyst = userIdentity('8f2d6c1a-9b3e-4d7f-a1c2-3e4f5a6b7c04', ['analytics:read']);
const at = (iso: string) => new Date(`2026-03-${iso}Z`);

const registered = (who: string, when: string) =>
  makeEvent({ type: 'user.registered', subjectId: who, actorId: who, occurredAt: at(when), data: { email: 'x@example.test' } });
const succeeded = (who: string, when: string, ip: string | null, newDevice: boolean) =>
  makeEvent({
    type: 'auth.login.succeeded',
    subjectId: who,
    actorId: who,
    ip,
    occurredAt: at(when),
    data: { sessionId: 's', amr: ['pwd'], deviceId: 'd', newDevice },
  });
const failed = (who: string | null, when: string, reason: string) =>
  makeEvent({ type: 'auth.login.failed', subjectId: who, ip: '198.51.100.66', occurredAt: at(when), data: { reason } });

let h: AnalyticsHarness;
let aliceLogins: DomainEvent[];
beforeAll(async () => {
  h = await startAnalyticsHarness();
  aliceLogins = [
    succeeded(ALICE, '02T08:00:00', '203.0.113.1', true),
    succeeded(ALICE, '02T09:45:00', '203.0.113.1', false),
    succeeded(ALICE, '02T12:00:00', '203.0.113.3', false),
  ];
  const events = [
    registered(ALICE, '01T10:00:00'),
    registered(BOB, '01T23:59:59.999'),
    aliceLogins[0]!,
    failed(ALICE, '02T09:10:00', 'INVALID_CREDENTIALS'),
    failed(ALICE, '02T09:20:00', 'INVALID_CREDENTIALS'),
    failed(ALICE, '02T09:30:00', 'INVALID_OTP'),
    aliceLogins[1]!,
    failed(BOB, '02T10:00:00', 'ACCOUNT_LOCKED'),
    makeEvent({
      type: 'account.locked',
      subjectId: BOB,
      occurredAt: at('02T10:00:00'),
      data: { until: '2026-03-02T10:15:00Z', failures: 5 },
    }),
    failed(null, '02T11:00:00', 'INVALID_CREDENTIALS'),
    aliceLogins[2]!,
    registered(CAROL, '03T00:00:00'),
    succeeded(BOB, '04T10:00:00', null, true),
    makeEvent({ type: 'some.future.type', occurredAt: at('02T00:00:00'), data: { x: 1 } }),
  ];
  // Every event twice: the store must keep one of each.
  await h.publish(...events, ...events);
  await waitFor(`${events.length} stored events`, async () => {
    const rows = await h.sql<{ n: number }>('select count(*)::int as n from "analytics"."consumed_events"');
    return rows[0]?.n === events.length;
  });
});
afterAll(async () => {
  await h?.close();
});

describe('event store', () => {
  it('stores each event once, whatever its type, however often it is delivered', async () => {
    expect(await h.count()).toBe(14);
    const [row] = await h.sql<{ n: number }>(`select count(*)::int as n from "analytics"."auth_events" where "type" = 'some.future.type'`);
    expect(row?.n).toBe(1);
  });

  it('counts a user’s logins for User.loginStats', async () => {
    const res = await h.graphql<{ _entities: { loginStats: unknown }[] }>(
      `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { loginStats { successCount failureCount lastLoginAt lastFailureAt } } } }`,
      { id: ALICE },
      userIdentity(ALICE),
    );
    expect(res.data?._entities[0]?.loginStats).toEqual({
      successCount: 3,
      failureCount: 3,
      lastLoginAt: '2026-03-02T12:00:00.000Z',
      lastFailureAt: '2026-03-02T09:30:00.000Z',
    });
  });

  it('gives a user without events zeros', async () => {
    const res = await h.graphql<{ _entities: { loginStats: unknown }[] }>(
      `{ _entities(representations: [{ __typename: "User", id: "${CAROL}" }]) { ... on User { loginStats { successCount failureCount lastLoginAt lastFailureAt } } } }`,
      {},
      analyst,
    );
    expect(res.data?._entities[0]?.loginStats).toEqual({ successCount: 0, failureCount: 0, lastLoginAt: null, lastFailureAt: null });
  });
});

describe('login risk', () => {
  it('scores each stored successful login by the documented rules, newest first', async () => {
    const res = await h.graphql<{ _entities: { riskEvents: unknown[] }[] }>(
      `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { riskEvents(first: 10) { eventId occurredAt score reasons ip } } } }`,
      { id: ALICE },
      userIdentity(ALICE),
    );
    expect(res.data?._entities[0]?.riskEvents).toEqual([
      // A new IP, an hour and a half after the failures.
      { eventId: aliceLogins[2]!.id, occurredAt: '2026-03-02T12:00:00.000Z', score: 25, reasons: ['NEW_IP'], ip: '203.0.113.3' },
      // A known device and IP, but three failures in the hour before.
      { eventId: aliceLogins[1]!.id, occurredAt: '2026-03-02T09:45:00.000Z', score: 25, reasons: ['RECENT_FAILURES'], ip: '203.0.113.1' },
      // The first login: a new device from an IP never seen.
      {
        eventId: aliceLogins[0]!.id,
        occurredAt: '2026-03-02T08:00:00.000Z',
        score: 65,
        reasons: ['NEW_DEVICE', 'NEW_IP'],
        ip: '203.0.113.1',
      },
    ]);
  });

  it('scores a login without an IP on the device alone, and scores each login once', async () => {
    const rows = await h.sql<{ user_id: string; score: number; reasons: string[] }>(
      'select "user_id", "score", "reasons" from "analytics"."login_risk" order by "occurred_at"',
    );
    expect(rows).toHaveLength(4);
    expect(rows[3]).toEqual({ user_id: BOB, score: 40, reasons: ['NEW_DEVICE'] });
  });
});

describe('aggregates', () => {
  it('authStats counts registrations, logins, failures by reason, lockouts and distinct users in [from, to)', async () => {
    const res = await h.graphql<{ authStats: unknown }>(
      `{ authStats(from: "2026-03-01T00:00:00Z", to: "2026-03-04T00:00:00Z") {
          from to registrations loginsSucceeded loginsFailed failuresByReason { reason count } lockouts distinctUsers } }`,
      {},
      analyst,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.authStats).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-04T00:00:00.000Z',
      registrations: 3,
      loginsSucceeded: 3,
      loginsFailed: 5,
      failuresByReason: [
        { reason: 'INVALID_CREDENTIALS', count: 3 },
        { reason: 'ACCOUNT_LOCKED', count: 1 },
        { reason: 'INVALID_OTP', count: 1 },
      ],
      lockouts: 1,
      distinctUsers: 1,
    });
  });

  it('authStats excludes the end of the range', async () => {
    const res = await h.graphql<{ authStats: { registrations: number } }>(
      `{ authStats(from: "2026-03-01T00:00:00Z", to: "2026-03-03T00:00:00Z") { registrations } }`,
      {},
      analyst,
    );
    expect(res.data?.authStats.registrations).toBe(2);
  });

  it('signupsByDay lists every UTC day of the range, zeros included', async () => {
    const res = await h.graphql<{ signupsByDay: unknown }>(
      `{ signupsByDay(from: "2026-02-28T00:00:00Z", to: "2026-03-04T00:00:00Z") { day count } }`,
      {},
      analyst,
    );
    expect(res.data?.signupsByDay).toEqual([
      { day: '2026-02-28', count: 0 },
      { day: '2026-03-01', count: 2 },
      { day: '2026-03-02', count: 0 },
      { day: '2026-03-03', count: 1 },
    ]);
  });

  it('signupsByDay groups by UTC day whatever the offset of the range', async () => {
    // 2026-03-01T23:00Z to 2026-03-03T00:00Z: Bob's 23:59:59.999 signup counts, Carol's at midnight does not.
    const res = await h.graphql<{ signupsByDay: unknown }>(
      `{ signupsByDay(from: "2026-03-02T01:00:00+02:00", to: "2026-03-03T02:00:00+02:00") { day count } }`,
      {},
      analyst,
    );
    expect(res.data?.signupsByDay).toEqual([
      { day: '2026-03-01', count: 1 },
      { day: '2026-03-02', count: 0 },
    ]);
  });
});
