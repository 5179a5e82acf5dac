// Rule (ASVS 8.2.1, 8.2.2): user(id), the admin console's user detail, is for holders of users:read only (admin,
// support). Anyone else is refused, even for their own id: 401 UNAUTHENTICATED anonymous, 403 FORBIDDEN without the
// scope. An unknown id answers null, a malformed one VALIDATION_FAILED. The User fields keep their own rules.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { changeRole, seedWithRole } from './support/roles.js';
import { seed } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let admin: Awaited<ReturnType<typeof seedWithRole>>;
let support: Awaited<ReturnType<typeof seedWithRole>>;
let plain: Awaited<ReturnType<typeof seedWithRole>>;
let target: { userId: string; email: string; sessionIds: string[] };

beforeAll(async () => {
  platform = await startTestPlatform();
  [admin, support, plain] = await Promise.all([
    seedWithRole(platform, 'admin'),
    seedWithRole(platform, 'support'),
    seedWithRole(platform, null),
  ]);
  const user = await seed(platform).user().verified().create();
  await changeRole(platform, 'grant', 'support', user.email);
  const sessions = [await user.login(), await user.login()];
  target = { userId: user.userId, email: user.email, sessionIds: sessions.map((s) => s.sessionId) };
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const DETAIL = `query($id: ID!) {
  user(id: $id) { id email emailVerified createdAt roles locked totpEnabled sessions { id current } devices { id } auditTrail(first: 5) { type } }
}`;
const codeOf = (res: { body: { errors?: { extensions?: { code?: string } }[] } }) => res.body.errors?.[0]?.extensions?.code ?? 'OK';

interface Detail {
  user: {
    id: string;
    email: string;
    emailVerified: boolean;
    createdAt: string;
    roles: string[];
    locked: boolean;
    totpEnabled: boolean;
    sessions: { id: string; current: boolean }[];
    devices: { id: string }[];
    auditTrail: { type: string }[];
  } | null;
}

describe('user(id)', () => {
  it.each([
    ['admin', () => admin.token],
    ['support', () => support.token],
  ])('%s gets the account with email, roles, locked, totpEnabled, sessions, devices and its audit trail', async (_who, token) => {
    const res = await platform.graphql<Detail>(DETAIL, { id: target.userId }, token());
    expect(res.body.errors).toBeUndefined();
    const user = res.body.data?.user;
    expect(user).toMatchObject({
      id: target.userId,
      email: target.email,
      emailVerified: true,
      roles: ['support', 'user'],
      locked: false,
      totpEnabled: false,
    });
    expect(new Date(user?.createdAt ?? '').getTime()).not.toBeNaN();
    expect(user?.sessions.map((s) => s.id).sort()).toEqual([...target.sessionIds].sort());
    expect(user?.sessions.every((s) => !s.current)).toBe(true);
    expect(user?.devices.length).toBeGreaterThan(0);
    expect(Array.isArray(user?.auditTrail)).toBe(true);
  });

  it('resolves the analytics field loginStats for an admin', async () => {
    const res = await platform.graphql<{ user: { loginStats: { successCount: number } } }>(
      'query($id: ID!) { user(id: $id) { loginStats { successCount } } }',
      { id: target.userId },
      admin.token,
    );
    expect(res.body.errors).toBeUndefined();
    expect(typeof res.body.data?.user.loginStats.successCount).toBe('number');
  });

  it('shows a lock: locked is true after lockUser', async () => {
    const victim = await seed(platform).user().verified().create();
    expect(
      codeOf(
        await platform.graphql('mutation($u: ID!) { lockUser(userId: $u, reason: "review") { id } }', { u: victim.userId }, admin.token),
      ),
    ).toBe('OK');
    const res = await platform.graphql<Detail>(
      'query($id: ID!) { user(id: $id) { locked sessions { id } } }',
      { id: victim.userId },
      support.token,
    );
    expect(res.body.data?.user).toEqual({ locked: true, sessions: [] });
  });

  it('an unknown id → null, without an error', async () => {
    const res = await platform.graphql<Detail>(DETAIL, { id: '00000000-0000-4000-8000-000000000000' }, admin.token);
    expect(res.body).toEqual({ data: { user: null } });
  });

  it('a malformed id → VALIDATION_FAILED', async () => {
    for (const id of ['not-a-uuid', `${target.userId}0`, "' or 1=1 --"]) {
      const res = await platform.graphql<Detail>(DETAIL, { id }, admin.token);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
      expect(res.body.data?.user ?? null).toBeNull();
    }
  });

  it('a plain user → FORBIDDEN, for another user and for themself alike', async () => {
    for (const id of [target.userId, plain.userId]) {
      const res = await platform.graphql<Detail>(DETAIL, { id }, plain.token);
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.body.data?.user ?? null).toBeNull();
    }
  });

  it('anonymous → UNAUTHENTICATED', async () => {
    const res = await platform.graphql<Detail>(DETAIL, { id: target.userId });
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
    expect(res.body.data?.user ?? null).toBeNull();
  });

  it('the fields keep their own rules: support (no analytics:read) is refused loginStats', async () => {
    const res = await platform.graphql(
      'query($id: ID!) { user(id: $id) { id loginStats { successCount } } }',
      { id: target.userId },
      support.token,
    );
    expect(codeOf(res)).toBe('FORBIDDEN');
  });
});
