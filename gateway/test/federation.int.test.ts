// The supergraph works as one API: a User is resolved by all three subgraphs from their own tables (data that
// reached admin and analytics through the outbox and the event stream), the gateway reports readiness of every
// part, and no subgraph answers a caller that did not come through the gateway.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { signGatewayAssertion } from '@cbp/service-kit';
import { gatewayAssertionKeys } from '@cbp/testing';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});

afterAll(async () => {
  await platform?.close();
});

const USER_ACROSS_SUBGRAPHS = `{
  me {
    id email emailVerified createdAt
    sessions { id current }
    loginStats { successCount failureCount lastLoginAt }
    auditTrail(first: 10) { type subjectId }
  }
}`;

interface Me {
  me: {
    id: string;
    email: string;
    sessions: { id: string; current: boolean }[];
    loginStats: { successCount: number; failureCount: number; lastLoginAt: string | null };
    auditTrail: { type: string; subjectId: string }[];
  };
}

describe('federation', () => {
  it('resolves one User from identity, admin and analytics', async () => {
    const user = await seed(platform).user().verified().create();
    await platform.http('POST', '/auth/login', { body: { email: user.email, password: 'a wrong password, for the record' } });
    const { accessToken, sessionId } = await user.login();
    // Events travel outbox → Redis stream → consumers; wait until both consumers have seen the login.
    let me: Me['me'] | undefined;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const res = await platform.graphql<Me>(USER_ACROSS_SUBGRAPHS, {}, accessToken);
      expect(res.body.errors).toBeUndefined();
      me = res.body.data?.me;
      if (me && me.loginStats.successCount === 1 && me.auditTrail.some((e) => e.type === 'auth.login.succeeded')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(me).toMatchObject({ id: user.userId, email: user.email, sessions: [{ id: sessionId, current: true }] });
    expect(me?.loginStats).toMatchObject({ successCount: 1, failureCount: 1 });
    expect(me?.auditTrail.map((e) => e.type)).toEqual(
      expect.arrayContaining(['user.registered', 'user.email_verified', 'auth.login.failed', 'auth.login.succeeded']),
    );
  });

  it("keeps each subgraph's data in its own Postgres schema, each with its own migrations", async () => {
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_schema: string }>(
        "select distinct table_schema from information_schema.tables where table_name = 'mikro_orm_migrations' order by 1",
      );
      expect(rows.map((r) => r.table_schema)).toEqual(['admin', 'analytics', 'identity']);
    } finally {
      await client.end();
    }
  });

  it('reports every part ready, and serves health and metrics', async () => {
    const ready = await platform.http('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { redis: 'ok', identity: 'ok', admin: 'ok', analytics: 'ok' } });
    expect((await platform.http('GET', '/healthz')).status).toBe(200);
    const metrics = await (await fetch(`${platform.gatewayUrl}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds_bucket');
    // Probes and scrapes stay out of the request histogram (the SLOs are about users' requests).
    expect(metrics).not.toMatch(/http_request_duration_seconds_count\{[^}]*route="\/(healthz|readyz|metrics)"/);
    const identityMetrics = await (await fetch(`${platform.identityUrl}/metrics`)).text();
    expect(identityMetrics).toMatch(/auth_attempts_total\{flow="login",result="success",reason="OK",service="identity"\} 1/);
    expect(identityMetrics).toContain('password_hash_duration_seconds_bucket');
    expect(identityMetrics).toContain('auth_active_sessions');
    expect(identityMetrics).toMatch(/^signing_key_current_age_seconds\{service="identity"\} \d/m);
  });

  it('answers 503 SERVICE_UNAVAILABLE, not a 500, for the JWKS while identity cannot be reached', async () => {
    const gateway = await platform.startExtraGateway({ IDENTITY_URL: 'http://127.0.0.1:1/graphql' });
    const res = await fetch(`${gateway.url}/.well-known/jwks.json`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(503);
  });

  describe('a subgraph called directly, without the gateway', () => {
    const subgraphs = () => [platform.identityUrl, platform.adminUrl, platform.analyticsUrl];

    it('refuses queries, _service and _entities without the gateway assertion', async () => {
      for (const url of subgraphs()) {
        for (const query of [
          '{ __typename }',
          '{ _service { sdl } }',
          '{ _entities(representations: [{ __typename: "User", id: "x" }]) { __typename } }',
        ]) {
          const res = await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          });
          expect(res.status).toBe(401);
          expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
        }
      }
    });

    it('refuses an assertion signed with another key, and accepts the real one', async () => {
      const forged = await signGatewayAssertion(gatewayAssertionKeys().signingKey, 'identity', {
        identity: { kind: 'anonymous' },
        meta: { requestId: 'forged-request', ip: null, userAgent: null },
      });
      const real = await signGatewayAssertion(platform.assertionKeys.signingKey, 'identity', {
        identity: { kind: 'anonymous' },
        meta: { requestId: 'real-request-1', ip: null, userAgent: null },
      });
      const call = (assertion: string, requestId: string) =>
        fetch(`${platform.identityUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-gateway-assertion': assertion, 'x-request-id': requestId },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      expect((await call(forged, 'forged-request')).status).toBe(401);
      expect((await call(real, 'real-request-1')).status).toBe(200);
    });
  });
});
