// Rule (OWASP GraphQL Cheat Sheet, ASVS 13.4, docs/design.md §7 (Rate limits, lockout and GraphQL limits)): a
// document is bounded before anything runs: at most 15 aliases, depth 10, 1000 tokens, 50 directives and a cost cap;
// one operation per HTTP request (no JSON-array batching); and no field suggestions. 100 aliased `login` mutations
// must not try 100 passwords (nor one).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aliasedLogins, loginAttempts } from './support/limits.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});

afterAll(async () => {
  await platform?.close();
});

type Errors = { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };

const post = (body: unknown) => platform.http<Errors>('POST', '/graphql', { body });

describe('aliases', () => {
  it('refuses 100 aliased logins with a clear error, and identity tries no password at all', async () => {
    const before = await loginAttempts(platform.identityUrl);
    const res = await post({ query: aliasedLogins(100) });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    // 100 inline logins are more than 1000 tokens: the parser stops first.
    expect(res.body.errors?.map((e) => e.message).join(' ')).toMatch(/1000 tokens/i);
    expect(await loginAttempts(platform.identityUrl)).toBe(before);
  });

  it('refuses them by the alias limit alone when the token cap is out of the way', async () => {
    const roomy = await platform.startExtraGateway({ GRAPHQL_MAX_TOKENS: '20000' });
    const before = await loginAttempts(platform.identityUrl);
    const res = await fetch(`${roomy.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: aliasedLogins(100) }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Errors;
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.message).join(' ')).toMatch(/aliases limit of 15 exceeded/i);
    expect(await loginAttempts(platform.identityUrl)).toBe(before);
  });

  it('accepts a document within the alias limit', async () => {
    const aliases = Array.from({ length: 15 }, (_, i) => `a${i}: __typename`).join(' ');
    const res = await post({ query: `{ ${aliases} }` });
    expect(res.status).toBe(200);
  });
});

describe('depth', () => {
  it('refuses a depth bomb before execution', async () => {
    let selection = 'id';
    for (let i = 0; i < 12; i++) selection = `f${i} { ${selection} }`;
    const res = await post({ query: `{ me { ${selection} } }` });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.message).join(' ')).toMatch(/depth limit/i);
  });

  it('accepts the deepest query the app makes (me → sessions → device)', async () => {
    const res = await post({ query: '{ me { id sessions { id device { id } } } }' });
    // Anonymous: refused by auth, not by the depth limit.
    expect(res.body.errors?.map((e) => e.message).join(' ') ?? '').not.toMatch(/depth limit/i);
  });
});

describe('tokens, directives and cost', () => {
  it('refuses a document of more than 1000 tokens', async () => {
    const res = await post({ query: `{ ${Array.from({ length: 1100 }, () => '__typename').join(' ')} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.body.errors?.[0]?.message).toMatch(/more tha[nt] 1000 tokens/i);
  });

  it('refuses more than 50 directives', async () => {
    const res = await post({ query: `{ __typename ${Array.from({ length: 60 }, () => '@include(if: true)').join(' ')} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.message).join(' ')).toMatch(/directives limit/i);
  });

  it('refuses a query over the cost limit', async () => {
    const fragmentSpread = Array.from({ length: 14 }, (_, i) => `s${i}: sessions { id device { id } }`).join(' ');
    const res = await platform.http<Errors>('POST', '/graphql', { body: { query: `{ me { ${fragmentSpread} } }` } });
    // 14 aliases × nested objects stay under depth and alias limits; the cost cap is what holds it with a small limit.
    const tight = await platform.startExtraGateway({ GRAPHQL_MAX_COST: '20' });
    const costly = await fetch(`${tight.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { ${fragmentSpread} } }` }),
    });
    expect(res.body.errors?.map((e) => e.message).join(' ') ?? '').not.toMatch(/cost limit/i);
    expect(costly.status).toBe(400);
    expect(JSON.stringify(await costly.json())).toMatch(/cost limit/i);
  });
});

describe('batching and CSRF', () => {
  it('refuses a JSON-array (batched) body with 400', async () => {
    const res = await platform.http<unknown>('POST', '/graphql', { body: [{ query: '{ __typename }' }, { query: '{ __typename }' }] });
    expect(res.status).toBe(400);
  });

  it('refuses a simple GET without a preflight header (Apollo CSRF prevention)', async () => {
    const res = await fetch(`${platform.gatewayUrl}/graphql?query=${encodeURIComponent('{__typename}')}`);
    expect(res.status).toBe(400);
    const allowed = await fetch(`${platform.gatewayUrl}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.status).toBe(200);
  });
});

describe('schema details', () => {
  it('does not suggest field names', async () => {
    const res = await post({ query: '{ mee { id } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.message).join(' ')).not.toMatch(/did you mean/i);
  });
});

describe('body size', () => {
  it('refuses bodies over BODY_LIMIT_BYTES with 413 on /graphql and /auth/*', async () => {
    const big = 'x'.repeat(200 * 1024);
    const gql = await platform.http<{ error?: { code: string } }>('POST', '/graphql', {
      rawBody: JSON.stringify({ query: '{ __typename }', variables: { big } }),
    });
    expect(gql.status).toBe(413);
    const rest = await platform.http<{ error?: { code: string } }>('POST', '/auth/login', {
      rawBody: JSON.stringify({ email: 'a@b.c', password: big }),
    });
    expect(rest.status).toBe(413);
    expect(rest.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
