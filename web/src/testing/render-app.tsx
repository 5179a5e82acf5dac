// Renders the SPA's real route table at a path, in a memory router, over Apollo's MockedProvider: the component
// tests' one entry point. `signedInAs` puts an access token in memory and answers the Viewer query, so guards
// and pages see a signed-in person without a gateway.
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { createCache } from '../apollo/client';
import { setAccessToken } from '../auth/access-token';
import { AuthProvider } from '../auth/AuthProvider';
import { VIEWER_QUERY } from '../auth/operations';
import type { Viewer } from '../auth/operations';
import { appRoutes } from '../app/routes';

export const PLAIN_USER: Viewer = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-11-01T09:00:00.000Z',
  roles: ['user'],
  totpEnabled: false,
};

export const ADMIN_USER: Viewer = {
  ...PLAIN_USER,
  id: '00000000-0000-4000-8000-0000000000ad',
  email: 'root@example.com',
  roles: ['user', 'admin'],
};

/** The Viewer answer for `viewer` (the AuthProvider asks once per sign-in). */
export function viewerMock(viewer: Viewer): MockLink.MockedResponse {
  return {
    request: { query: VIEWER_QUERY },
    result: { data: { me: { __typename: 'User', ...viewer } } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

export interface RenderAppOptions {
  mocks?: MockLink.MockedResponse[];
  /** Signed in as this account (a token in memory and the Viewer answer); signed out when absent. */
  signedInAs?: Viewer;
}

export function renderApp(path: string, { mocks = [], signedInAs }: RenderAppOptions = {}) {
  if (signedInAs) setAccessToken({ value: 'test-access-token', expiresAt: Date.now() + 15 * 60_000, sessionId: 'test-session' });
  else setAccessToken(null);
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const allMocks = signedInAs ? [viewerMock(signedInAs), ...mocks] : mocks;
  const view = render(
    <MockedProvider mocks={allMocks} cache={createCache()}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </MockedProvider>,
  );
  return { ...view, router };
}
