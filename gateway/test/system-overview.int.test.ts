// The operator's overview (docs/design.md §9 (GraphQL contract)): readiness of every subgraph, PostgreSQL and Redis,
// the progress of each consumer group, and the current and retired signing keys with their ages — one query, answered
// by admin and identity together; system:read only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';
import { seedWithRole } from './support/roles.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});

afterAll(async () => {
  await platform?.close();
});

const OVERVIEW = `{
  systemOverview {
    ok checkedAt
    components { name ok detail }
    eventConsumers { group stream pending lag }
    signingKeys { kid status createdAt retiredAt leavesJwksAt ageSeconds }
  }
}`;

interface Overview {
  systemOverview: {
    ok: boolean;
    components: { name: string; ok: boolean; detail: string | null }[];
    eventConsumers: { group: string; pending: number | null; lag: number | null }[];
    signingKeys: { kid: string; status: string; retiredAt: string | null; leavesJwksAt: string | null; ageSeconds: number }[];
  };
}

describe('systemOverview', () => {
  it('shows every component, both consumer groups, and the signing keys before and after a rotation', async () => {
    const admin = await seedWithRole(platform, 'admin');
    // The admin subgraph reads the other subgraphs' readiness from its own configuration.
    const first = await platform.graphql<Overview>(OVERVIEW, {}, admin.token);
    expect(first.body.errors).toBeUndefined();
    const overview = first.body.data!.systemOverview;
    expect(overview.components.map((c) => c.name).sort()).toEqual(['analytics', 'identity', 'postgres', 'redis']);
    expect(overview.eventConsumers.map((c) => c.group).sort()).toEqual(['admin-audit', 'analytics']);
    expect(overview.signingKeys).toEqual([expect.objectContaining({ status: 'current', retiredAt: null, leavesJwksAt: null })]);
    const oldKid = overview.signingKeys[0]!.kid;

    const rotated = await platform.graphql<{ rotateSigningKey: { kid: string } }>('mutation { rotateSigningKey { kid } }', {}, admin.token);
    expect(rotated.body.errors).toBeUndefined();
    const after = await platform.graphql<Overview>(OVERVIEW, {}, admin.token);
    const keys = after.body.data!.systemOverview.signingKeys;
    expect(keys.map((k) => [k.kid, k.status])).toEqual([
      [rotated.body.data!.rotateSigningKey.kid, 'current'],
      [oldKid, 'retired'],
    ]);
    expect(Date.parse(keys[1]!.leavesJwksAt!)).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
  });

  it('reports the gateway-configured subgraphs as they are, and refuses callers without system:read', async () => {
    const user = await seedWithRole(platform, null);
    const denied = await platform.graphql(OVERVIEW, {}, user.token);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await platform.graphql(OVERVIEW);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
