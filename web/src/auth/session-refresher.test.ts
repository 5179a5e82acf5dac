/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { getAccessToken, setAccessToken } from './access-token';
import { currentAccessToken, forgetSession, REFRESH_LOCK, refreshSession, SESSION_HINT_KEY } from './session-refresher';

type FetchMock = jest.Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>;
let fetchMock: FetchMock;
const originalFetch = globalThis.fetch;

function answer(body: unknown): Response {
  return { ok: true, status: 200, json: async () => body } as unknown as Response;
}
const refreshed = (accessToken: string) =>
  answer({ data: { refreshSession: { accessToken, tokenType: 'Bearer', expiresIn: 900, refreshToken: '', sessionId: 's1' } } });

beforeEach(() => {
  fetchMock = jest.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>();
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  localStorage.setItem(SESSION_HINT_KEY, '1');
});

afterEach(() => {
  forgetSession({ broadcast: false });
  globalThis.fetch = originalFetch;
  Reflect.deleteProperty(navigator, 'locks');
});

describe('silent refresh', () => {
  it('asks the gateway to rotate the cookie: cookie mode, an empty refreshToken, same-origin credentials, no bearer', async () => {
    fetchMock.mockResolvedValue(refreshed('tok-1'));
    const outcome = await refreshSession();
    expect(outcome.kind).toBe('refreshed');
    expect(getAccessToken()?.value).toBe('tok-1');
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/graphql');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'x-refresh-token-transport': 'cookie', 'content-type': 'application/json' });
    expect(init?.headers).not.toHaveProperty('authorization');
    expect(JSON.parse(String(init?.body))).toMatchObject({ operationName: 'RefreshSession', variables: { refreshToken: '' } });
  });

  it('sends one request for any number of callers at once (a second presentation of the cookie would revoke the session)', async () => {
    let release: (r: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (release = resolve)));
    const all = Promise.all([refreshSession(), refreshSession(), currentAccessToken(), currentAccessToken()]);
    await Promise.resolve();
    release(refreshed('tok-shared'));
    const [a, b, c, d] = await all;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
    expect([c, d]).toEqual(['tok-shared', 'tok-shared']);
  });

  it('holds the cross-tab Web Lock while it refreshes', async () => {
    const request = jest.fn(async (name: string, task: () => Promise<unknown>) => {
      expect(name).toBe(REFRESH_LOCK);
      expect(fetchMock).not.toHaveBeenCalled();
      return task();
    });
    Object.defineProperty(navigator, 'locks', { value: { request }, configurable: true });
    fetchMock.mockResolvedValue(refreshed('tok-locked'));
    await refreshSession();
    expect(request).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('signs the tab out on INVALID_TOKEN: no token, no hint', async () => {
    setAccessToken({ value: 'old', expiresAt: Date.now() + 1000, sessionId: 's1' });
    fetchMock.mockResolvedValue(answer({ data: null, errors: [{ message: 'x', extensions: { code: 'INVALID_TOKEN' } }] }));
    expect((await refreshSession()).kind).toBe('signed-out');
    expect(getAccessToken()).toBeNull();
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBeNull();
  });

  it('keeps the session through a network failure or a rate limit (not a "no")', async () => {
    const held = { value: 'still-good', expiresAt: Date.now() + 120_000, sessionId: 's1' };
    setAccessToken(held);
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect((await refreshSession()).kind).toBe('unavailable');
    fetchMock.mockResolvedValueOnce(answer({ errors: [{ message: 'x', extensions: { code: 'RATE_LIMITED' } }] }));
    expect((await refreshSession()).kind).toBe('unavailable');
    expect(getAccessToken()).toBe(held);
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
  });

  it('does not call the gateway for a visitor who never signed in on this browser', async () => {
    localStorage.removeItem(SESSION_HINT_KEY);
    expect(await currentAccessToken()).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('uses the token it holds while it has more than a few seconds left', async () => {
    setAccessToken({ value: 'fresh', expiresAt: Date.now() + 60_000, sessionId: 's1' });
    expect(await currentAccessToken()).toBe('fresh');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
