// Rule (ASVS 8.2.1, 8.3.1): every admin operation is refused to an anonymous caller (401 UNAUTHENTICATED) and to a
// signed-in user without its scope (403 FORBIDDEN), on the GraphQL face and on the REST face, and works for an
// admin. The check is the subgraph's, so no route through the gateway skips it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedWithRole } from './support/roles.js';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let admin: Awaited<ReturnType<typeof seedWithRole>>;
let plain: Awaited<ReturnType<typeof seedWithRole>>;
let target: Awaited<ReturnType<typeof seedWithRole>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  [admin, plain, target] = await Promise.all([seedWithRole(platform, 'admin'), seedWithRole(platform, null), seedWithRole(platform, null)]);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

interface Op {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  check: (data: Record<string, unknown>) => void;
}

const OPS: Op[] = [
  { name: 'adminPing', query: 'query { adminPing { ok } }', check: (d) => expect(d.adminPing).toEqual({ ok: true }) },
  {
    name: 'users',
    query:
      'query($s: String) { users(search: $s, first: 5) { edges { cursor node { id email roles locked } } pageInfo { hasNextPage endCursor } } }',
    variables: () => ({ s: target.email }),
    check: (d) =>
      expect((d.users as { edges: { node: { id: string; roles: string[] } }[] }).edges.map((e) => e.node)).toEqual([
        expect.objectContaining({ id: target.userId, roles: ['user'], locked: false }),
      ]),
  },
  {
    name: 'grantRole',
    query: 'mutation($u: ID!) { grantRole(userId: $u, role: "support") }',
    variables: () => ({ u: target.userId }),
    check: (d) => expect(d.grantRole).toEqual(['support', 'user']),
  },
  {
    name: 'revokeRole',
    query: 'mutation($u: ID!) { revokeRole(userId: $u, role: "support") }',
    variables: () => ({ u: target.userId }),
    check: (d) => expect(d.revokeRole).toEqual(['user']),
  },
  {
    name: 'lockUser',
    query: 'mutation($u: ID!) { lockUser(userId: $u, reason: "test") { id locked } }',
    variables: () => ({ u: target.userId }),
    check: (d) => expect(d.lockUser).toEqual({ id: target.userId, locked: true }),
  },
  {
    name: 'unlockUser',
    query: 'mutation($u: ID!) { unlockUser(userId: $u) { id locked } }',
    variables: () => ({ u: target.userId }),
    check: (d) => expect(d.unlockUser).toEqual({ id: target.userId, locked: false }),
  },
  {
    name: 'revokeUserSessions',
    query: 'mutation($u: ID!) { revokeUserSessions(userId: $u) }',
    variables: () => ({ u: target.userId }),
    check: (d) => expect(typeof d.revokeUserSessions).toBe('number'),
  },
  {
    name: 'rotateSigningKey',
    query: 'mutation { rotateSigningKey { kid } }',
    check: (d) => expect((d.rotateSigningKey as { kid: string }).kid).toMatch(/\S/),
  },
  { name: 'systemOverview', query: 'query { systemOverview { __typename } }', check: (d) => expect(d.systemOverview).toBeTruthy() },
  { name: 'auditLog', query: 'query { auditLog(first: 1) { __typename } }', check: (d) => expect(d.auditLog).toBeTruthy() },
  {
    name: 'invitations(all)',
    query: 'query { invitations(all: true) { id } }',
    check: (d) => expect(Array.isArray(d.invitations)).toBe(true),
  },
];

describe('GraphQL face', () => {
  it.each(OPS.map((op) => [op.name, op] as const))('%s: anonymous → UNAUTHENTICATED', async (_name, op) => {
    const res = await platform.graphql(op.query, op.variables?.());
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data ?? null).toBeNull();
  });

  it.each(OPS.map((op) => [op.name, op] as const))('%s: plain user → FORBIDDEN', async (_name, op) => {
    const res = await platform.graphql(op.query, op.variables?.(), plain.token);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each(OPS.map((op) => [op.name, op] as const))('%s: admin → works', async (_name, op) => {
    const res = await platform.graphql(op.query, op.variables?.(), admin.token);
    expect(res.body.errors).toBeUndefined();
    op.check(res.body.data ?? {});
  });
});

describe('REST face', () => {
  const routes = [
    { name: 'GET /admin/ping', method: 'GET', path: () => '/admin/ping' },
    { name: 'POST /auth/keys/rotate', method: 'POST', path: () => '/auth/keys/rotate' },
    { name: 'POST /admin/users/:id/sessions/revoke', method: 'POST', path: () => `/admin/users/${target.userId}/sessions/revoke` },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s: 401 anonymous, 403 plain user', async (_n, r) => {
    const anon = await platform.http(r.method, r.path());
    expect(anon.status).toBe(401);
    expect(anon.body).toEqual({ error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) });
    const user = await platform.http(r.method, r.path(), { token: plain.token });
    expect(user.status).toBe(403);
    expect(user.body).toEqual({ error: expect.objectContaining({ code: 'FORBIDDEN' }) });
  });

  it('GET /admin/ping → 200 {ok: true} for an admin', async () => {
    const res = await platform.http('GET', '/admin/ping', { token: admin.token });
    expect(res).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('POST /admin/users/:id/sessions/revoke → 200 {revoked: n}, and those sessions stop working at once', async () => {
    const victim = await seed(platform).user().verified().create();
    const a = await victim.login();
    await victim.login();
    const res = await platform.http('POST', `/admin/users/${victim.userId}/sessions/revoke`, { token: admin.token });
    expect(res).toMatchObject({ status: 200, body: { revoked: 2 } });
    const me = await platform.graphql<{ me: { id: string } | null }>('query { me { id } }', {}, a.accessToken);
    expect(me.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('POST /admin/users/:id/sessions/revoke → 404 NOT_FOUND for an unknown user (and for a non-UUID id)', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await platform.http('POST', `/admin/users/${id}/sessions/revoke`, { token: admin.token });
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    }
  });

  it('POST /auth/keys/rotate → 200 {kid}; a token signed by the new key works through the gateway at once; old tokens still verify', async () => {
    const before = await platform.http<{ keys: { kid: string }[] }>('GET', '/auth/keys/jwks.json');
    const oldToken = (await plain.login()).accessToken;
    const res = await platform.http<{ kid: string }>('POST', '/auth/keys/rotate', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.kid).not.toBe(before.body.keys[0]?.kid);
    // A new token right away: its kid is unknown to the gateway's JWKS cache, which refreshed on the
    // `keys:rotated` announcement rather than waiting out the 30 s refetch cooldown.
    const fresh = await admin.login();
    const header = JSON.parse(Buffer.from(fresh.accessToken.split('.')[0] ?? '', 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(res.body.kid);
    expect(await platform.http('GET', '/admin/ping', { token: fresh.accessToken })).toMatchObject({ status: 200 });
    expect((await platform.graphql('query { me { id } }', {}, oldToken)).body.data).toEqual({ me: { id: plain.userId } });
    const after = await platform.http<{ keys: { kid: string }[] }>('GET', '/auth/keys/jwks.json');
    expect(after.body.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([res.body.kid, before.body.keys[0]?.kid]));
  });
});

describe('admin operations, behaviour', () => {
  it('users: first > 100 → VALIDATION_FAILED; cursor pagination walks every page without overlap', async () => {
    const tooMany = await platform.graphql('query { users(first: 101) { pageInfo { hasNextPage } } }', {}, admin.token);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const page: {
        body: { data?: { users: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } };
      } = await platform.graphql(
        'query($after: String) { users(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
        admin.token,
      );
      const users = page.body.data?.users;
      if (!users) throw new Error('no page');
      seen.push(...users.edges.map((e) => e.node.id));
      if (!users.pageInfo.hasNextPage) break;
      after = users.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([admin.userId, plain.userId, target.userId]));
    const withTotp = await platform.graphql<{ users: { edges: unknown[] } }>(
      'query { users(filter: { totpEnabled: true, verified: true }) { edges { cursor } } }',
      {},
      admin.token,
    );
    expect(withTotp.body.data?.users.edges).toEqual([]);
    const admins = await platform.graphql<{ users: { edges: { node: { id: string } }[] } }>(
      'query { users(filter: { role: "admin" }) { edges { node { id } } } }',
      {},
      admin.token,
    );
    expect(admins.body.data?.users.edges.map((e) => e.node.id)).toEqual([admin.userId]);
  });

  it('lockUser: login answers 423 ACCOUNT_LOCKED and live sessions end; unlockUser lets the user in again', async () => {
    const victim = await seed(platform).user().verified().create();
    const { accessToken } = await victim.login();
    const locked = await platform.graphql(
      'mutation($u: ID!) { lockUser(userId: $u, reason: "fraud review") { locked } }',
      { u: victim.userId },
      admin.token,
    );
    expect(locked.body.errors).toBeUndefined();
    expect((await platform.graphql('query { me { id } }', {}, accessToken)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const refused = await platform.http('POST', '/auth/login', { body: { email: victim.email, password: victim.password } });
    expect(refused).toMatchObject({ status: 423, body: { error: { code: 'ACCOUNT_LOCKED' } } });
    const lockedOnes = await platform.graphql<{ users: { edges: { node: { id: string } }[] } }>(
      'query { users(filter: { locked: true }) { edges { node { id } } } }',
      {},
      admin.token,
    );
    expect(lockedOnes.body.data?.users.edges.map((e) => e.node.id)).toEqual([victim.userId]);
    await platform.graphql('mutation($u: ID!) { unlockUser(userId: $u) { locked } }', { u: victim.userId }, admin.token);
    await expect(victim.login()).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('revokeRole: an admin cannot revoke their own admin role (CONFLICT)', async () => {
    const res = await platform.graphql('mutation($u: ID!) { revokeRole(userId: $u, role: "admin") }', { u: admin.userId }, admin.token);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a support user reads users but cannot grant roles or rotate keys', async () => {
    const support = await seedWithRole(platform, 'support');
    expect((await platform.graphql('query { users(first: 1) { edges { cursor } } }', {}, support.token)).body.errors).toBeUndefined();
    expect(
      (await platform.graphql('mutation($u: ID!) { grantRole(userId: $u, role: "admin") }', { u: support.userId }, support.token)).body
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await platform.http('POST', '/auth/keys/rotate', { token: support.token })).status).toBe(403);
  });

  it('a plain user cannot read another user’s roles', async () => {
    const res = await platform.graphql(
      'query($s: String) { users(search: $s) { edges { node { roles } } } }',
      { s: admin.email },
      plain.token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mine = await platform.graphql<{ me: { roles: string[] } }>('query { me { roles } }', {}, plain.token);
    expect(mine.body.data?.me.roles).toEqual(['user']);
  });
});
