// Rule (ASVS 8.3.2): a permission change applies at once. A role revoked mid-session stops working on the user's
// very next request (not when the access token expires, not when the 60 s session cache entry would lapse), and a
// role granted works on the next request, with the same access token.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { changeRole, seedWithRole } from './support/roles.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let admin: Awaited<ReturnType<typeof seedWithRole>>;

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await seedWithRole(platform, 'admin');
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const USERS = 'query { users(first: 1) { edges { cursor } } }';
const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code ?? 'OK';

describe('role changes take effect on the next request', () => {
  it('grantRole / revokeRole through GraphQL: the same token gains, then loses, users:read', async () => {
    const user = await seedWithRole(platform, null);
    // Warm the gateway's session cache with the scope-less principal.
    expect(codeOf(await platform.graphql(USERS, {}, user.token))).toBe('FORBIDDEN');
    expect(
      codeOf(await platform.graphql('mutation($u: ID!) { grantRole(userId: $u, role: "support") }', { u: user.userId }, admin.token)),
    ).toBe('OK');
    expect(codeOf(await platform.graphql(USERS, {}, user.token))).toBe('OK');
    expect(
      codeOf(await platform.graphql('mutation($u: ID!) { revokeRole(userId: $u, role: "support") }', { u: user.userId }, admin.token)),
    ).toBe('OK');
    expect(codeOf(await platform.graphql(USERS, {}, user.token))).toBe('FORBIDDEN');
  });

  it('an admin demoted by another admin loses admin access on their next request, on both faces', async () => {
    const second = await seedWithRole(platform, 'admin');
    expect((await platform.http('GET', '/admin/ping', { token: second.token })).status).toBe(200);
    expect(
      codeOf(await platform.graphql('mutation($u: ID!) { revokeRole(userId: $u, role: "admin") }', { u: second.userId }, admin.token)),
    ).toBe('OK');
    expect((await platform.http('GET', '/admin/ping', { token: second.token })).status).toBe(403);
    expect(codeOf(await platform.graphql('query { adminPing { ok } }', {}, second.token))).toBe('FORBIDDEN');
  });

  it('the CLI path (system grant) also applies on the next request, for every session of the user', async () => {
    const user = await seedWithRole(platform, null);
    const other = (await user.login()).accessToken;
    for (const token of [user.token, other]) expect((await platform.http('GET', '/admin/ping', { token })).status).toBe(403);
    await changeRole(platform, 'grant', 'admin', user.email);
    for (const token of [user.token, other]) expect((await platform.http('GET', '/admin/ping', { token })).status).toBe(200);
    await changeRole(platform, 'revoke', 'admin', user.email);
    for (const token of [user.token, other]) expect((await platform.http('GET', '/admin/ping', { token })).status).toBe(403);
  });

  it('a new login carries the roles in the access token, and role.granted / role.revoked reach the audit log', async () => {
    const user = await seedWithRole(platform, 'support');
    const [, payload] = user.token.split('.');
    expect((JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { roles: string[] }).roles).toEqual(['support', 'user']);
    await changeRole(platform, 'revoke', 'support', user.email);
    let types: string[] = [];
    for (let i = 0; i < 50 && !types.includes('role.revoked'); i++) {
      const res = await platform.graphql<{ auditLog: { edges: { node: { type: string } }[] } }>(
        'query($s: ID!) { auditLog(filter: { subjectId: $s }, first: 20) { edges { node { type } } } }',
        { s: user.userId },
        admin.token,
      );
      types = res.body.data?.auditLog.edges.map((e) => e.node.type) ?? [];
      if (!types.includes('role.revoked')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(types).toEqual(expect.arrayContaining(['role.granted', 'role.revoked']));
  });
});
