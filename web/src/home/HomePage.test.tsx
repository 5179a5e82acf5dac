/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../testing/render-app';
import { API_PING_QUERY } from '../status/ApiStatus';

/** A minimal stand-in for the browser's Response (jsdom has no fetch); only what fetchReadiness reads. */
function jsonResponse(status: number, body: unknown): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => body,
  } as unknown as Response;
}

function textResponse(status: number, text: string): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => JSON.parse(text) as unknown,
  } as unknown as Response;
}

type FetchMock = jest.Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>;
let fetchMock: FetchMock;
const originalFetch = globalThis.fetch;

beforeEach(() => {
  fetchMock = jest.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>();
  globalThis.fetch = fetchMock as unknown as typeof fetch;
});

afterEach(() => {
  globalThis.fetch = originalFetch;
});

const apiAnswers: MockLink.MockedResponse = {
  request: { query: API_PING_QUERY },
  result: { data: { __typename: 'Query' } },
};

function renderAt(path: string, mocks: MockLink.MockedResponse[] = [apiAnswers]) {
  return renderApp(path, { mocks });
}

function checkRow(name: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'Readiness checks' });
  const row = within(list)
    .getAllByRole('listitem')
    .find((item) => item.dataset.check === name);
  if (row === undefined) throw new Error(`no row for check ${name}`);
  return row;
}

describe('home page: platform status', () => {
  it('shows every readiness check of the gateway as OK, and that the API answers', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, { status: 'ready', checks: { redis: 'ok', identity: 'ok', admin: 'ok', analytics: 'ok' } }),
    );
    renderAt('/');

    expect(screen.getByRole('heading', { level: 1, name: 'Platform status' })).toBeInTheDocument();
    expect(await screen.findByText('All parts of the platform are ready.')).toBeInTheDocument();
    for (const [name, label] of [
      ['identity', 'Identity service'],
      ['admin', 'Admin service'],
      ['analytics', 'Analytics service'],
      ['redis', 'Redis'],
    ] as const) {
      const row = checkRow(name);
      expect(row).toHaveTextContent(label);
      expect(row).toHaveTextContent('OK');
    }
    expect(await screen.findByText('The GraphQL API answers.')).toBeInTheDocument();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/readyz');
    expect(init?.headers).toEqual({ accept: 'application/json' });
    await waitFor(() => expect(document.title).toBe('Platform status · Chat Bot Pro V2'));
  });

  it('shows the checks that failed when the gateway is not ready (503)', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(503, {
        status: 'not ready',
        checks: {
          redis: 'ok',
          identity: 'failed: connect ECONNREFUSED 127.0.0.1:4001',
          admin: 'ok',
          analytics: 'failed: timed out after 2000 ms',
        },
      }),
    );
    renderAt('/');

    expect(await screen.findByText('2 parts of the platform are not ready.')).toBeInTheDocument();
    expect(checkRow('identity')).toHaveTextContent('Failed');
    expect(checkRow('analytics')).toHaveTextContent('Failed');
    expect(checkRow('admin')).toHaveTextContent('OK');
    expect(checkRow('redis')).toHaveTextContent('OK');
    // The gateway's failure reasons are internals: the page says "Failed", nothing more.
    expect(screen.queryByText(/ECONNREFUSED|timed out/)).not.toBeInTheDocument();
  });

  it('says the platform cannot be reached, without the raw error, when the request fails', async () => {
    fetchMock.mockRejectedValue(new TypeError('NetworkError: fetch failed at 127.0.0.1:8080'));
    renderAt('/', [{ request: { query: API_PING_QUERY }, error: new Error('socket hang up ECONNRESET') }]);

    expect(await screen.findByText('The platform could not be reached. Check your connection and try again.')).toBeInTheDocument();
    for (const name of ['identity', 'admin', 'analytics', 'redis']) expect(checkRow(name)).toHaveTextContent('Unknown');
    expect(await screen.findByText('The API could not be reached. Check your connection and try again.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/NetworkError|ECONNRESET|socket hang up|127\.0\.0\.1/);
  });

  it('says the gateway is not answering when the proxy answers 502 in the API error shape', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(502, { error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable.' } }),
    );
    renderAt('/');

    expect(await screen.findByText(/The service is not answering right now/)).toBeInTheDocument();
  });

  it('says the status is not available when the answer is not the readiness body (nginx 403 page)', async () => {
    fetchMock.mockResolvedValue(textResponse(403, '<html><body>403 Forbidden</body></html>'));
    renderAt('/');

    expect(await screen.findByText('This information is not available from here.')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/Unexpected token|JSON/);
  });

  it('asks again when the person presses "Check again"', async () => {
    fetchMock
      .mockResolvedValueOnce(
        jsonResponse(503, { status: 'not ready', checks: { redis: 'failed: down', identity: 'ok', admin: 'ok', analytics: 'ok' } }),
      )
      .mockResolvedValueOnce(jsonResponse(200, { status: 'ready', checks: { redis: 'ok', identity: 'ok', admin: 'ok', analytics: 'ok' } }));
    renderAt('/');

    expect(await screen.findByText('One part of the platform is not ready.')).toBeInTheDocument();
    const platform = screen.getByRole('region', { name: 'Platform' });
    fireEvent.click(within(platform).getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText('All parts of the platform are ready.')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('layout and routing', () => {
  it('has the product name, the main navigation and a skip link', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, { status: 'ready', checks: { redis: 'ok', identity: 'ok', admin: 'ok', analytics: 'ok' } }),
    );
    renderAt('/');

    expect(screen.getByRole('link', { name: /Chat Bot Pro V2/ })).toHaveAttribute('href', '/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Status' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
    await screen.findByText('All parts of the platform are ready.');
  });

  it('shows a not-found page for an unknown path, inside the layout', async () => {
    renderAt('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the platform status' })).toHaveAttribute('href', '/');
    expect(fetchMock).not.toHaveBeenCalled();
    await waitFor(() => expect(document.title).toBe('Page not found · Chat Bot Pro V2'));
  });
});
