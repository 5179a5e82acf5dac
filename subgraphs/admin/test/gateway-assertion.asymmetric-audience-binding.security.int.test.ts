// Rule: a subgraph accepts only an assertion signed with the gateway's own private key (EdDSA), naming this
// subgraph as its audience, unexpired, and sent with the request id it was made for. The old shared-secret HS256
// form is refused: a subgraph holding only the public key cannot mint an identity for another subgraph.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@cbp/service-kit';
import type { GatewayAssertion } from '@cbp/service-kit';
import { gatewayAssertionKeys } from '@cbp/testing';
import { startAdminHarness, userIdentity } from './support.js';
import type { AdminHarness } from './support.js';

jest.setTimeout(60_000);

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h?.close();
});

const AUDITOR = userIdentity('5b0c3c36-4c43-4b8f-9d8c-2c4a3b4e5f61', ['audit:read', 'admin:access']);
const ASSERTION: GatewayAssertion = { identity: AUDITOR, meta: { requestId: 'req-1', ip: null, userAgent: null } };

async function call(assertion: string, requestId = 'req-1'): Promise<number> {
  const response = await fetch(`${h.service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion, 'x-request-id': requestId },
    body: JSON.stringify({ query: '{ adminPing { ok } }' }),
  });
  return response.status;
}

describe('the gateway assertion a subgraph accepts', () => {
  it('is accepted when signed by the gateway key for this subgraph and this request', async () => {
    expect(await call(await signGatewayAssertion(h.assertionKeys.signingKey, 'admin', ASSERTION))).toBe(200);
  });

  it('is refused when signed by another key', async () => {
    expect(await call(await signGatewayAssertion(gatewayAssertionKeys().signingKey, 'admin', ASSERTION))).toBe(401);
  });

  it("is refused when made for another subgraph's audience", async () => {
    expect(await call(await signGatewayAssertion(h.assertionKeys.signingKey, 'identity', ASSERTION))).toBe(401);
    expect(await call(await signGatewayAssertion(h.assertionKeys.signingKey, 'cbp-subgraph', ASSERTION))).toBe(401);
  });

  it('is refused once expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ identity: AUDITOR, meta: ASSERTION.meta })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'cbp-gateway+jwt' })
      .setIssuer('cbp-gateway')
      .setAudience('admin')
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(h.assertionKeys.signingKey);
    expect(await call(expired)).toBe(401);
  });

  it('is refused in the old HS256 shared-secret form, whatever the secret', async () => {
    // The public key itself as an HMAC secret (the classic algorithm confusion), and an arbitrary shared secret.
    for (const secret of [h.config.GATEWAY_ASSERTION_PUBLIC_KEY, 's'.repeat(48)]) {
      const hs256 = await new SignJWT({ identity: AUDITOR, meta: ASSERTION.meta })
        .setProtectedHeader({ alg: 'HS256', typ: 'cbp-gateway+jwt' })
        .setIssuer('cbp-gateway')
        .setAudience('admin')
        .setIssuedAt()
        .setExpirationTime('30s')
        .sign(new TextEncoder().encode(secret));
      expect(await call(hs256)).toBe(401);
    }
    // Hand-made HS256 with the PEM bytes, in case a verifier fed the key text to an HMAC.
    const [header, payload] = (await signGatewayAssertion(h.assertionKeys.signingKey, 'admin', ASSERTION)).split('.');
    const mac = createHmac('sha256', h.config.GATEWAY_ASSERTION_PUBLIC_KEY).update(`${header}.${payload}`).digest('base64url');
    expect(await call(`${header}.${payload}.${mac}`)).toBe(401);
  });

  it('is refused when sent with another request id, or none', async () => {
    const assertion = await signGatewayAssertion(h.assertionKeys.signingKey, 'admin', ASSERTION);
    expect(await call(assertion, 'req-2')).toBe(401);
    const response = await fetch(`${h.service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion },
      body: JSON.stringify({ query: '{ adminPing { ok } }' }),
    });
    expect(response.status).toBe(401);
  });
});
