// Rule: an invitation code is at least 128 random bits, stored only hashed, shown once, usable once, until it
// expires, and only by the address it is bound to; registration records inviter, invitee and accepted_at in the
// same transaction as the account. In invite-only mode, registering without a valid code is refused.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { changeRole, seedWithRole } from './support/roles.js';
import { SmtpSink } from './support/smtp-sink.js';
import { startTestPlatform, TEST_PUBLIC_URL } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

const CREATE =
  'mutation($email: String, $h: Int) { createInvitation(email: $email, expiresInHours: $h) { code link invitation { id email status expiresAt createdAt invitedBy { id } } } }';
const LIST = 'query($all: Boolean) { invitations(all: $all) { id email status acceptedAt acceptedBy { id } invitedBy { id } } }';
const password = 'correct horse battery staple 42';

interface Created {
  code: string;
  link: string;
  invitation: { id: string; email: string | null; status: string; expiresAt: string; createdAt: string; invitedBy: { id: string } };
}

async function invite(platform: TestPlatform, token: string, variables: Record<string, unknown> = {}): Promise<Created> {
  const res = await platform.graphql<{ createInvitation: Created }>(CREATE, variables, token);
  if (!res.body.data) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.createInvitation;
}

const email = () => `invitee-${Math.random().toString(16).slice(2)}@example.test`;

describe('open registration with invitations', () => {
  let platform: TestPlatform;
  let inviter: Awaited<ReturnType<typeof seedWithRole>>;
  beforeAll(async () => {
    platform = await startTestPlatform();
    inviter = await seedWithRole(platform, null);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('createInvitation needs a signed-in user', async () => {
    const res = await platform.graphql(CREATE, {});
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('returns a ≥128-bit code once with its link (default expiry 7 days); only its hash is stored', async () => {
    const created = await invite(platform, inviter.token);
    expect(Buffer.from(created.code, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(created.link).toBe(`${TEST_PUBLIC_URL}/register?inviteCode=${created.code}`);
    const days = (Date.parse(created.invitation.expiresAt) - Date.parse(created.invitation.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<Record<string, unknown>>('select * from identity.invitations where id = $1', [
        created.invitation.id,
      ]);
      expect(JSON.stringify(rows)).not.toContain(created.code);
    } finally {
      await client.end();
    }
  });

  it('registration with the code records inviter, invitee and accepted_at; the code then cannot be used again', async () => {
    const created = await invite(platform, inviter.token);
    const first = email();
    const reg = await platform.http<{ userId: string }>('POST', '/auth/register', {
      body: { email: first, password, inviteCode: created.code },
    });
    expect(reg.status).toBe(201);
    const mine = await platform.graphql<{
      invitations: {
        id: string;
        status: string;
        acceptedAt: string | null;
        acceptedBy: { id: string } | null;
        invitedBy: { id: string };
      }[];
    }>(LIST, {}, inviter.token);
    const row = mine.body.data?.invitations.find((i) => i.id === created.invitation.id);
    expect(row).toMatchObject({ status: 'ACCEPTED', acceptedBy: { id: reg.body.userId }, invitedBy: { id: inviter.userId } });
    expect(row?.acceptedAt).toEqual(expect.any(String));
    const again = await platform.http('POST', '/auth/register', { body: { email: email(), password, inviteCode: created.code } });
    expect(again).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INVITATION' } } });
  });

  it('a code bound to an email refuses another email, and is emailed to its address', async () => {
    const bound = email();
    const created = await invite(platform, inviter.token, { email: bound });
    expect(created.invitation.email).toBe(bound);
    const wrong = await platform.http('POST', '/auth/register', { body: { email: email(), password, inviteCode: created.code } });
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INVITATION' } } });
    const mail = await platform.mail.waitFor(bound, /register\?inviteCode=/);
    expect(JSON.stringify(mail)).toContain(created.code);
    expect((await platform.http('POST', '/auth/register', { body: { email: bound, password, inviteCode: created.code } })).status).toBe(
      201,
    );
  });

  it('an expired or made-up code is refused (and no account is created)', async () => {
    const created = await invite(platform, inviter.token, { h: 1 });
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      await client.query("update identity.invitations set expires_at = now() - interval '1 second' where id = $1", [created.invitation.id]);
      const victim = email();
      for (const code of [created.code, 'x'.repeat(43)]) {
        const res = await platform.http('POST', '/auth/register', { body: { email: victim, password, inviteCode: code } });
        expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INVITATION' } } });
      }
      const { rows } = await client.query('select 1 from identity.users where email_normalized = $1', [victim]);
      expect(rows).toHaveLength(0);
    } finally {
      await client.end();
    }
    const list = await platform.graphql<{ invitations: { id: string; status: string }[] }>(LIST, {}, inviter.token);
    expect(list.body.data?.invitations.find((i) => i.id === created.invitation.id)?.status).toBe('EXPIRED');
  });

  it('invitations: a user sees only their own; all: true needs invitations:read (admin sees everyone’s)', async () => {
    const other = await seedWithRole(platform, null);
    await invite(platform, other.token);
    const mine = await platform.graphql<{ invitations: { invitedBy: { id: string } }[] }>(LIST, {}, inviter.token);
    expect(new Set(mine.body.data?.invitations.map((i) => i.invitedBy.id))).toEqual(new Set([inviter.userId]));
    expect((await platform.graphql(LIST, { all: true }, inviter.token)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await seedWithRole(platform, 'admin');
    const all = await platform.graphql<{ invitations: { invitedBy: { id: string } }[] }>(LIST, { all: true }, admin.token);
    expect(new Set(all.body.data?.invitations.map((i) => i.invitedBy.id))).toEqual(new Set([inviter.userId, other.userId]));
  });
});

describe('REGISTRATION_MODE=invite-only, INVITATIONS_ADMIN_ONLY=true', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ REGISTRATION_MODE: 'invite-only', INVITATIONS_ADMIN_ONLY: 'true' });
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('register without a code → 403 INVITE_REQUIRED (REST and GraphQL)', async () => {
    const res = await platform.http('POST', '/auth/register', { body: { email: email(), password } });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'INVITE_REQUIRED' } } });
    const gql = await platform.graphql('mutation($i: RegisterInput!) { register(input: $i) { userId } }', {
      i: { email: email(), password },
    });
    expect(gql.body.errors?.[0]?.extensions?.code).toBe('INVITE_REQUIRED');
  });

  it('only an admin may invite; the invitee registers with the code', async () => {
    // Invite-only from the start: the operator seeds two invitations by SQL (as `npm run admin` would grant).
    const codes = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];
    const client = new pg.Client({ connectionString: platform.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        "insert into identity.users (id, email, email_normalized, password_hash, email_verified_at) values (gen_random_uuid(), 'operator@example.test', 'operator@example.test', 'x', now()) returning id",
      );
      for (const code of codes) {
        await client.query(
          "insert into identity.invitations (id, code_hash, inviter_id, created_at, expires_at) values (gen_random_uuid(), $1, $2, now(), now() + interval '1 hour')",
          [createHash('sha256').update(code).digest('hex'), rows[0]?.id],
        );
      }
    } finally {
      await client.end();
    }
    const [adminEmail, userEmail] = [email(), email()];
    for (const [i, address] of [adminEmail, userEmail].entries()) {
      expect((await platform.http('POST', '/auth/register', { body: { email: address, password, inviteCode: codes[i] } })).status).toBe(
        201,
      );
      const mail = await platform.mail.waitFor(address, /verify-email\?token=/);
      expect(
        (await platform.http('POST', '/auth/email/verify/confirm', { body: { token: SmtpSink.tokenFrom(mail, '/verify-email') } })).status,
      ).toBe(200);
    }
    await changeRole(platform, 'grant', 'admin', adminEmail);
    const login = async (address: string) =>
      (await platform.http<{ accessToken: string }>('POST', '/auth/login', { body: { email: address, password } })).body.accessToken;
    const [adminToken, userToken] = [await login(adminEmail), await login(userEmail)];
    expect((await platform.graphql(CREATE, {}, userToken)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const created = await invite(platform, adminToken);
    expect((await platform.http('POST', '/auth/register', { body: { email: email(), password, inviteCode: created.code } })).status).toBe(
      201,
    );
  });
});
