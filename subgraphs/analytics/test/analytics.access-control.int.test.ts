// Rule: analytics answers gateway-signed requests only (401 otherwise); a user's login stats and risk events are
// visible to that user and to holders of analytics:read only; the aggregates need analytics:read. The subgraph
// enforces this itself, for `_entities` as for root fields.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@cbp/service-kit';
import { gatewayAssertionKeys } from '@cbp/testing';
import { ANONYMOUS, codes, startAnalyticsHarness, userIdentity, waitFor } from './support.js';
import type { AnalyticsHarness } from './support.js';

// The integration project's testTimeout does not reach the runner (jest reads it from the global config only).
jest.setTimeout(60_000);

const ALICE = '4c1e9a7b-2d3f-4a5b-8c6d-7e8f9a0b1c01';
const BOB = '4c1e9a7b-2d3f-4a5b-8c6d-7e8f9a0b1c02';
const alice = userIdentity(ALICE);
const bob = userIdentity(BOB);
const analyst = userIdentity('4c1e9a7b-2d3f-4a5b-8c6d-7e8f9a0b1c03', ['analytics:read']);

const ENTITY = `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User { id loginStats { successCount failureCount lastLoginAt } riskEvents { score reasons } } } }`;
const RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };

let h: AnalyticsHarness;
beforeAll(async () => {
  h = await startAnalyticsHarness();
  await h.publish({ type: 'auth.login.succeeded', subjectId: ALICE, actorId: ALICE, ip: '203.0.113.5', data: { newDevice: true } });
  await waitFor('the login to be stored', async () => (await h.count()) === 1);
});
afterAll(async () => {
  await h?.close();
});

describe('analytics accepts gateway-signed requests only', () => {
  async function post(headers: Record<string, string>) {
    const response = await fetch(`${h.service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: ENTITY, variables: { id: ALICE } }),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string }; data?: unknown } };
  }

  it('refuses a request without an assertion (401)', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
  });

  it('refuses an assertion signed with another key (401)', async () => {
    const forged = await signGatewayAssertion(gatewayAssertionKeys().signingKey, 'analytics', {
      identity: analyst,
      meta: { requestId: 'r', ip: null, userAgent: null },
    });
    expect((await post({ [GATEWAY_ASSERTION_HEADER]: forged, 'x-request-id': 'r' })).status).toBe(401);
  });
});

describe('User.loginStats and User.riskEvents through _entities', () => {
  it('returns them to the user themself', async () => {
    const res = await h.graphql<{
      _entities: { loginStats: { successCount: number }; riskEvents: { score: number; reasons: string[] }[] }[];
    }>(ENTITY, { id: ALICE }, alice);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.loginStats.successCount).toBe(1);
    expect(res.data?._entities[0]?.riskEvents).toEqual([{ score: 65, reasons: ['NEW_DEVICE', 'NEW_IP'] }]);
  });

  // Both fields are non-null, so the first refusal nulls the entity and graphql-js stops there: one error.
  it('refuses another plain user with FORBIDDEN, whichever field is asked', async () => {
    const res = await h.graphql(ENTITY, { id: ALICE }, bob);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.data?._entities).toEqual([null]);
    for (const field of ['loginStats { successCount }', 'riskEvents { score }']) {
      const one = await h.graphql(
        `query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { ${field} } } }`,
        { id: ALICE },
        bob,
      );
      expect(codes(one)).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses an anonymous caller with UNAUTHENTICATED', async () => {
    expect(codes(await h.graphql(ENTITY, { id: ALICE }, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    const risk = await h.graphql(
      `{ _entities(representations: [{ __typename: "User", id: "${ALICE}" }]) { ... on User { riskEvents { score } } } }`,
      {},
      ANONYMOUS,
    );
    expect(codes(risk)).toEqual(['UNAUTHENTICATED']);
  });

  it('lets a holder of analytics:read read anyone’s', async () => {
    const res = await h.graphql<{ _entities: { loginStats: { successCount: number } }[] }>(ENTITY, { id: ALICE }, analyst);
    expect(res.data?._entities[0]?.loginStats.successCount).toBe(1);
  });

  it('refuses riskEvents(first: 101) with VALIDATION_FAILED', async () => {
    const res = await h.graphql(
      `{ _entities(representations: [{ __typename: "User", id: "${ALICE}" }]) { ... on User { riskEvents(first: 101) { score } } } }`,
      {},
      alice,
    );
    expect(codes(res)).toEqual(['VALIDATION_FAILED']);
  });
});

describe('aggregates', () => {
  it.each([
    ['authStats', 'query ($from: DateTime!, $to: DateTime!) { authStats(from: $from, to: $to) { registrations } }'],
    ['signupsByDay', 'query ($from: DateTime!, $to: DateTime!) { signupsByDay(from: $from, to: $to) { day count } }'],
  ])('%s: UNAUTHENTICATED for anonymous, FORBIDDEN without analytics:read, allowed with it', async (_name, query) => {
    expect(codes(await h.graphql(query, RANGE, ANONYMOUS))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await h.graphql(query, RANGE, alice))).toEqual(['FORBIDDEN']);
    expect((await h.graphql(query, RANGE, analyst)).errors).toBeUndefined();
  });

  it.each([
    ['from after to', { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    ['an empty range', { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    ['more than 366 days', { from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' }],
    ['a date without a time', { from: '2026-01-01', to: '2026-02-01T00:00:00Z' }],
    ['a time without a zone', { from: '2026-01-01T00:00:00', to: '2026-02-01T00:00:00Z' }],
  ])('refuses %s with VALIDATION_FAILED', async (_name, range) => {
    expect(
      codes(
        await h.graphql('query ($from: DateTime!, $to: DateTime!) { authStats(from: $from, to: $to) { registrations } }', range, analyst),
      ),
    ).toEqual(['VALIDATION_FAILED']);
    expect(
      codes(await h.graphql('query ($from: DateTime!, $to: DateTime!) { signupsByDay(from: $from, to: $to) { day } }', range, analyst)),
    ).toEqual(['VALIDATION_FAILED']);
  });
});
