// Rule (docs/design.md §5 (Authentication model), docs/authentication.md "Web clients: the refresh cookie"): a web
// client that sends `x-refresh-token-transport: cookie` gets its refresh token only in an `HttpOnly; Secure;
// SameSite=Strict` cookie scoped to /graphql, never in a response body JavaScript can read; refreshing with the
// cookie rotates it, a replayed cookie revokes the session and clears the cookie, logout clears it, and a cross-site
// simple request (no JSON content type, no preflight header) cannot spend the cookie because CSRF prevention refuses
// it first. Without the header nothing changes: API clients get the refresh token in the body and no cookie.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seed } from './support/seed.js';
import type { SeededUser } from './support/seed.js';
import { startTestPlatform } from './support/platform.js';
import type { TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  // A replayed cookie is reuse here: without the refresh grace (sessions.refresh-grace.test.ts covers the grace).
  platform = await startTestPlatform({ REFRESH_REUSE_GRACE_SECONDS: '0' });
});

afterAll(async () => {
  await platform?.close();
});

const COOKIE_MODE = { 'x-refresh-token-transport': 'cookie' };
const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken tokenType expiresIn refreshToken sessionId } }';
const REFRESH =
  'mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken expiresIn refreshToken sessionId } }';
const ME = '{ me { id } }';

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } }[];
}
interface Payload {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
}
interface Answer<T> {
  status: number;
  headers: Headers;
  setCookies: string[];
  body: GraphQLBody<T>;
}

/** POST /graphql as a browser would send it (JSON), to the given gateway, with extra headers. */
async function post<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    setCookies: res.headers.getSetCookie(),
    body: (text ? JSON.parse(text) : {}) as GraphQLBody<T>,
  };
}

/** `name=value` and the attribute set of one Set-Cookie line (attribute order carries no meaning). */
function parseSetCookie(line: string): { name: string; value: string; attributes: string[] } {
  const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
  const eq = pair.indexOf('=');
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes: attributes.sort() };
}

const ATTRIBUTES = (maxAge: number, secure = true) =>
  [`Max-Age=${maxAge}`, 'Path=/graphql', 'HttpOnly', ...(secure ? ['Secure'] : []), 'SameSite=Strict'].sort();

/** The one Set-Cookie of a response, which must store a refresh token under `name`; returns the token. */
function storedToken(answer: Answer<unknown>, name = 'cbp_refresh'): string {
  expect(answer.setCookies).toHaveLength(1);
  const cookie = parseSetCookie(answer.setCookies[0] ?? '');
  expect(cookie.name).toBe(name);
  expect(cookie.value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  expect(cookie.attributes).toEqual(ATTRIBUTES(2_592_000));
  return cookie.value;
}

function expectCleared(answer: Answer<unknown>, name = 'cbp_refresh'): void {
  expect(answer.setCookies).toHaveLength(1);
  expect(parseSetCookie(answer.setCookies[0] ?? '')).toEqual({ name, value: '', attributes: ATTRIBUTES(0) });
}

const codeOf = (answer: Answer<unknown>) => answer.body.errors?.[0]?.extensions?.code;

async function cookieLogin(user: SeededUser, baseUrl = platform.gatewayUrl) {
  return post<{ login: Payload }>(baseUrl, LOGIN, { input: { email: user.email, password: user.password } }, COOKIE_MODE);
}

const refreshWith = (cookie: string, variables: Record<string, unknown> | undefined = { refreshToken: '' }) =>
  post<{ refreshSession: Payload }>(platform.gatewayUrl, REFRESH, variables, { ...COOKIE_MODE, cookie: `cbp_refresh=${cookie}` });

describe('refresh cookie: login, rotation and reuse', () => {
  let user: SeededUser;
  let first: string;
  let second: string;
  let third: string;
  let accessToken: string;

  beforeAll(async () => {
    user = await seed(platform).user().verified().create();
  });

  it('login in cookie mode sets the HttpOnly cookie with exactly the agreed attributes and blanks the body token', async () => {
    const res = await cookieLogin(user);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.login.refreshToken).toBe('');
    expect(res.body.data?.login.accessToken.split('.')).toHaveLength(3);
    first = storedToken(res);
  });

  it('refreshes with only the cookie (variable ""): 200, a working access token, a new and different cookie', async () => {
    const res = await refreshWith(first);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.refreshSession.refreshToken).toBe('');
    second = storedToken(res);
    expect(second).not.toBe(first);
    accessToken = res.body.data?.refreshSession.accessToken ?? '';
    const me = await platform.graphql<{ me: { id: string } }>(ME, {}, accessToken);
    expect(me.body.data?.me.id).toBe(user.userId);
  });

  it('also fills a variable the client left out altogether', async () => {
    const res = await refreshWith(second, {});
    expect(res.body.errors).toBeUndefined();
    third = storedToken(res);
    expect(third).not.toBe(second);
    accessToken = res.body.data?.refreshSession.accessToken ?? '';
  });

  it('a replayed cookie is INVALID_TOKEN, clears the cookie and revokes the session (the newest cookie dies too)', async () => {
    const replay = await refreshWith(first);
    expect(codeOf(replay)).toBe('INVALID_TOKEN');
    expect(replay.body.data ?? null).toBeNull();
    expectCleared(replay);

    const newest = await refreshWith(third);
    expect(codeOf(newest)).toBe('INVALID_TOKEN');
    expectCleared(newest);
    expect((await platform.graphql(ME, {}, accessToken)).status).toBe(401);
  });

  it('without a cookie the variable stays empty and identity answers INVALID_TOKEN (and the cookie is cleared)', async () => {
    const res = await post(platform.gatewayUrl, REFRESH, { refreshToken: '' }, COOKIE_MODE);
    expect(codeOf(res)).toBe('INVALID_TOKEN');
    expectCleared(res);
  });
});

describe('refresh cookie: logout', () => {
  it.each(['logout', 'logoutAll'])('%s in cookie mode clears the cookie', async (field) => {
    const user = await seed(platform).user().verified().create();
    const login = await cookieLogin(user);
    const cookie = storedToken(login);
    const token = login.body.data?.login.accessToken ?? '';
    const res = await post(platform.gatewayUrl, `mutation { ${field} }`, undefined, {
      ...COOKIE_MODE,
      authorization: `Bearer ${token}`,
      cookie: `cbp_refresh=${cookie}`,
    });
    expect(res.body.errors).toBeUndefined();
    expectCleared(res);
    expect(codeOf(await refreshWith(cookie))).toBe('INVALID_TOKEN');
  });
});

describe('refresh cookie: the token never reaches the body', () => {
  it('blanks every selection of refreshToken, aliased or in fragments, under an aliased root field', async () => {
    const user = await seed(platform).user().verified().create();
    const query =
      'mutation L($input: LoginInput!) { signIn: login(input: $input) { rt: refreshToken ...P ... on AuthPayload { again: refreshToken } } } fragment P on AuthPayload { refreshToken accessToken }';
    const res = await post<{ signIn: Record<string, string> }>(
      platform.gatewayUrl,
      query,
      { input: { email: user.email, password: user.password } },
      COOKIE_MODE,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.signIn).toMatchObject({ rt: '', refreshToken: '', again: '' });
    const cookie = storedToken(res);
    expect(JSON.stringify(res.body)).not.toContain(cookie);
  });

  it('does not fill a variable that is also used elsewhere (the cookie could be echoed back)', async () => {
    const user = await seed(platform).user().verified().create();
    const cookie = storedToken(await cookieLogin(user));
    const query = 'mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } requestPasswordReset(email: $t) }';
    const res = await post(platform.gatewayUrl, query, { t: '' }, { ...COOKIE_MODE, cookie: `cbp_refresh=${cookie}` });
    expect(res.body.errors?.find((e) => e.path?.[0] === 'refreshSession')?.extensions?.code).toBe('INVALID_TOKEN');
    // That refresh did not run on the cookie, so it neither spent nor cleared it: the cookie still refreshes.
    expect(res.setCookies).toEqual([]);
    expect((await refreshWith(cookie)).body.errors).toBeUndefined();
  });
});

describe('without the header nothing changes', () => {
  let user: SeededUser;

  beforeAll(async () => {
    user = await seed(platform).user().verified().create();
  });

  it('GraphQL login carries the refresh token in the body and sets no cookie', async () => {
    const res = await post<{ login: Payload }>(platform.gatewayUrl, LOGIN, { input: { email: user.email, password: user.password } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.login.refreshToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(res.setCookies).toEqual([]);
  });

  it('a cookie sent without the header is ignored (no refresh from it, nothing set or cleared)', async () => {
    const cookie = storedToken(await cookieLogin(user));
    const res = await post(platform.gatewayUrl, REFRESH, { refreshToken: '' }, { cookie: `cbp_refresh=${cookie}` });
    expect(codeOf(res)).toBe('INVALID_TOKEN');
    expect(res.setCookies).toEqual([]);
    expect((await refreshWith(cookie)).body.errors).toBeUndefined();
  });

  it('the REST routes keep the body token even with the header (REST is for API clients)', async () => {
    const res = await platform.http<{ refreshToken: string }>('POST', '/auth/login', {
      body: { email: user.email, password: user.password },
      headers: COOKIE_MODE,
    });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('CSRF: the cookie is an ambient credential, so a cross-site simple request must not spend it', () => {
  it('refuses a POST without a JSON content type or preflight header, and a GET, before anything runs', async () => {
    const user = await seed(platform).user().verified().create();
    const cookie = storedToken(await cookieLogin(user));
    // Bytes, so that fetch adds no content type of its own (a string body would get text/plain).
    const body = new TextEncoder().encode(JSON.stringify({ query: REFRESH, variables: { refreshToken: '' } }));
    const simple: Record<string, string>[] = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      {}, // no content type at all
    ];
    for (const headers of simple) {
      const res = await fetch(`${platform.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { ...headers, ...COOKIE_MODE, cookie: `cbp_refresh=${cookie}` },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const url = `${platform.gatewayUrl}/graphql?query=${encodeURIComponent(REFRESH)}&variables=${encodeURIComponent('{"refreshToken":""}')}`;
    const get = await fetch(url, { headers: { ...COOKIE_MODE, cookie: `cbp_refresh=${cookie}` } });
    expect(get.status).toBe(400);
    // Nothing ran: the cookie was never rotated and still refreshes.
    const res = await refreshWith(cookie);
    expect(res.body.errors).toBeUndefined();
    storedToken(res);
  });
});

describe('configuration', () => {
  it('follows REFRESH_COOKIE_NAME, REFRESH_COOKIE_SECURE=false (no Secure) and REFRESH_COOKIE_MAX_AGE_SECONDS', async () => {
    const extra = await platform.startExtraGateway({
      REFRESH_COOKIE_NAME: 'web_rt',
      REFRESH_COOKIE_SECURE: 'false',
      REFRESH_COOKIE_MAX_AGE_SECONDS: '3600',
    });
    const user = await seed(platform).user().verified().create();
    const login = await cookieLogin(user, extra.url);
    expect(login.setCookies).toHaveLength(1);
    const set = parseSetCookie(login.setCookies[0] ?? '');
    expect(set.name).toBe('web_rt');
    expect(set.attributes).toEqual(ATTRIBUTES(3600, false));

    // The configured name is the one read back; a cookie of the default name is not this gateway's.
    const wrongName = await post(extra.url, REFRESH, { refreshToken: '' }, { ...COOKIE_MODE, cookie: `cbp_refresh=${set.value}` });
    expect(codeOf(wrongName)).toBe('INVALID_TOKEN');
    const refreshed = await post<{ refreshSession: Payload }>(
      extra.url,
      REFRESH,
      { refreshToken: '' },
      { ...COOKIE_MODE, cookie: `web_rt=${set.value}` },
    );
    expect(refreshed.body.errors).toBeUndefined();
    expect(parseSetCookie(refreshed.setCookies[0] ?? '').attributes).toEqual(ATTRIBUTES(3600, false));
    const cleared = await post(extra.url, REFRESH, { refreshToken: '' }, { ...COOKIE_MODE, cookie: `web_rt=${set.value}` });
    expect(codeOf(cleared)).toBe('INVALID_TOKEN');
    expect(parseSetCookie(cleared.setCookies[0] ?? '')).toEqual({ name: 'web_rt', value: '', attributes: ATTRIBUTES(0, false) });
  });
});
