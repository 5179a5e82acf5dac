/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { gql } from '@apollo/client';
import { getAccessToken, setAccessToken } from '../auth/access-token';
import { forgetSession, SESSION_HINT_KEY } from '../auth/session-refresher';
import { createApolloClient } from './client';

const ME = gql`
  query Me {
    me {
      id
    }
  }
`;

type Call = { operationName: string; authorization: string | null };
let calls: Call[];
let answers: Record<string, (authorization: string | null) => { status: number; body: unknown }>;
const originalFetch = globalThis.fetch;

function respond(status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  return {
    ok: status < 300,
    status,
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () => text,
    json: async () => body,
  } as unknown as Response;
}

beforeEach(() => {
  calls = [];
  globalThis.fetch = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { operationName: string };
    const headers = new Headers(init?.headers);
    calls.push({ operationName: body.operationName, authorization: headers.get('authorization') });
    const answer = answers[body.operationName]?.(headers.get('authorization'));
    if (!answer) throw new Error(`unexpected ${body.operationName}`);
    return respond(answer.status, answer.body);
  }) as unknown as typeof fetch;
  localStorage.setItem(SESSION_HINT_KEY, '1');
});

afterEach(() => {
  forgetSession({ broadcast: false });
  globalThis.fetch = originalFetch;
});

const unauthenticated = {
  status: 401,
  body: { errors: [{ message: 'Authentication is required.', extensions: { code: 'UNAUTHENTICATED' } }] },
};

describe('the Apollo link chain', () => {
  it('sends the bearer token and the cookie-mode header on every request', async () => {
    setAccessToken({ value: 'tok-a', expiresAt: Date.now() + 600_000, sessionId: 's' });
    answers = { Me: () => ({ status: 200, body: { data: { me: { __typename: 'User', id: 'u1' } } } }) };
    const client = createApolloClient();
    await client.query({ query: ME });
    expect(calls).toEqual([{ operationName: 'Me', authorization: 'Bearer tok-a' }]);
  });

  it('on a 401 refreshes once and retries with the new token', async () => {
    setAccessToken({ value: 'revoked-or-expired', expiresAt: Date.now() + 600_000, sessionId: 's' });
    answers = {
      Me: (authorization) =>
        authorization === 'Bearer tok-new' ? { status: 200, body: { data: { me: { __typename: 'User', id: 'u1' } } } } : unauthenticated,
      RefreshSession: () => ({
        status: 200,
        body: {
          data: { refreshSession: { accessToken: 'tok-new', tokenType: 'Bearer', expiresIn: 900, refreshToken: '', sessionId: 's' } },
        },
      }),
    };
    const client = createApolloClient();
    const { data } = await client.query({ query: ME });
    expect(data).toEqual({ me: { __typename: 'User', id: 'u1' } });
    expect(calls.map((c) => c.operationName)).toEqual(['Me', 'RefreshSession', 'Me']);
    expect(calls[1]?.authorization).toBeNull();
  });

  it('signs out when the refresh says the session is over, and does not loop', async () => {
    setAccessToken({ value: 'revoked', expiresAt: Date.now() + 600_000, sessionId: 's' });
    answers = {
      Me: () => unauthenticated,
      RefreshSession: () => ({ status: 200, body: { data: null, errors: [{ message: 'x', extensions: { code: 'INVALID_TOKEN' } }] } }),
    };
    const onSignedOut = jest.fn();
    const client = createApolloClient({ onSignedOut });
    await expect(client.query({ query: ME })).rejects.toBeDefined();
    expect(calls.map((c) => c.operationName)).toEqual(['Me', 'RefreshSession']);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(getAccessToken()).toBeNull();
  });

  it('never puts a bearer token on the sign-in operations', async () => {
    setAccessToken({ value: 'tok-a', expiresAt: Date.now() + 600_000, sessionId: 's' });
    answers = {
      Login: () => ({
        status: 200,
        body: { data: { login: { accessToken: 'x', tokenType: 'Bearer', expiresIn: 900, refreshToken: '', sessionId: 's2' } } },
      }),
    };
    const client = createApolloClient();
    await client.mutate({
      mutation: gql`
        mutation Login {
          login(input: { email: "a@b.c", password: "p" }) {
            accessToken
            tokenType
            expiresIn
            refreshToken
            sessionId
          }
        }
      `,
    });
    expect(calls).toEqual([{ operationName: 'Login', authorization: null }]);
  });
});
