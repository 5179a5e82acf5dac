// Rule: the admin subgraph answers only requests signed by the gateway. A request without the assertion, or with
// one signed by another secret, is refused with 401 before any resolver (including `_entities` and `_service`) runs.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@cbp/service-kit';
import { gatewayAssertionKeys } from '@cbp/testing';
import { startAdminHarness, userIdentity } from './support.js';
import type { AdminHarness } from './support.js';

// The integration project's testTimeout does not reach the runner (jest reads it from the global config only).
jest.setTimeout(60_000);

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h?.close();
});

const AUDITOR = userIdentity('9a0c3c36-4c43-4b8f-9d8c-2c4a3b4e5f60', ['audit:read', 'admin:access', 'system:read']);

async function post(headers: Record<string, string>, query: string) {
  const response = await fetch(`${h.service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string }; data?: unknown } };
}

describe('admin accepts gateway-signed requests only', () => {
  it.each([
    ['adminPing', '{ adminPing { ok } }'],
    ['_service', '{ _service { sdl } }'],
    [
      '_entities',
      '{ _entities(representations: [{ __typename: "User", id: "9a0c3c36-4c43-4b8f-9d8c-2c4a3b4e5f60" }]) { ... on User { auditTrail { id } } } }',
    ],
  ])('refuses %s without an assertion (401)', async (_name, query) => {
    const res = await post({}, query);
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it('refuses an assertion signed with another key (401)', async () => {
    const forged = await signGatewayAssertion(gatewayAssertionKeys().signingKey, 'admin', {
      identity: AUDITOR,
      meta: { requestId: 'r', ip: null, userAgent: null },
    });
    const res = await post({ [GATEWAY_ASSERTION_HEADER]: forged, 'x-request-id': 'r' }, '{ adminPing { ok } }');
    expect(res.status).toBe(401);
  });

  it('refuses a tampered assertion (401)', async () => {
    const genuine = await signGatewayAssertion(h.assertionKeys.signingKey, 'admin', {
      identity: { kind: 'anonymous' },
      meta: { requestId: 'r', ip: null, userAgent: null },
    });
    const [header, , signature] = genuine.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        identity: AUDITOR,
        meta: { requestId: 'r' },
        iss: 'cbp-gateway',
        aud: 'admin',
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString('base64url');
    const res = await post(
      { [GATEWAY_ASSERTION_HEADER]: `${header}.${payload}.${signature}`, 'x-request-id': 'r' },
      '{ adminPing { ok } }',
    );
    expect(res.status).toBe(401);
  });

  it('answers a genuine assertion', async () => {
    const res = await h.graphql<{ adminPing: { ok: boolean; at: string } }>('{ adminPing { ok at } }', {}, AUDITOR);
    expect(res.status).toBe(200);
    expect(res.data?.adminPing.ok).toBe(true);
    expect(new Date(res.data!.adminPing.at).toISOString()).toBe(res.data!.adminPing.at);
  });
});
