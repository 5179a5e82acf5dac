/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { getAccessToken, setAccessToken } from './access-token';
import { LOGOUT_MUTATION, RESET_PASSWORD_MUTATION } from './operations';
import { forgetSession, refreshSession, SESSION_HINT_KEY } from './session-refresher';

const originalFetch = globalThis.fetch;
let fetchMock: jest.Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>;

beforeEach(() => {
  fetchMock = jest.fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>();
  globalThis.fetch = fetchMock as unknown as typeof fetch;
});

afterEach(() => {
  forgetSession({ broadcast: false });
  localStorage.clear();
  globalThis.fetch = originalFetch;
});

describe('when the platform does not answer', () => {
  it('a page load that cannot check the session offers to try again instead of sending the person to sign in', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const { router } = renderApp('/account/sessions');
    expect(await screen.findByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The service is not answering right now.');
    expect(router.state.location.pathname).toBe('/account/sessions');
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
  });

  it('a sign-out the platform could not confirm still signs this browser out, and says the session may be open', async () => {
    const { router } = renderApp('/no-such-page', {
      signedInAs: PLAIN_USER,
      mocks: [{ request: { query: LOGOUT_MUTATION }, error: new Error('socket hang up') }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    // Under a loaded CI machine the sign-out, then the navigation, can take longer than findBy's default second.
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'), { timeout: 5000 });
    expect(await screen.findByText(/the platform did not answer, so the session may still be open/)).toBeInTheDocument();
    expect(getAccessToken()).toBeNull();
    expect(document.body).not.toHaveTextContent(/socket hang up/);
  });

  it('a confirmed sign-out says nothing more', async () => {
    const { router } = renderApp('/no-such-page', {
      signedInAs: PLAIN_USER,
      mocks: [{ request: { query: LOGOUT_MUTATION }, result: { data: { logout: true } } }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'), { timeout: 5000 });
    expect(screen.queryByText(/may still be open/)).not.toBeInTheDocument();
    expect(getAccessToken()).toBeNull();
  });
});

describe('secrets in links', () => {
  it('takes the reset token out of the address (and its history entry) but still uses it', async () => {
    const password = 'a completely different passphrase';
    const { router } = renderApp('/reset-password?token=secret-reset-token', {
      mocks: [
        {
          request: { query: RESET_PASSWORD_MUTATION, variables: { token: 'secret-reset-token', newPassword: password } },
          result: { data: { resetPassword: true } },
        },
      ],
    });
    await waitFor(() => expect(router.state.location.search).toBe(''));
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: password } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: password } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/Your password is changed/)).toBeInTheDocument();
  });
});

describe('a refresh that answers after sign-out', () => {
  it('does not bring the session back', async () => {
    localStorage.setItem(SESSION_HINT_KEY, '1');
    let answer: (r: Response) => void = () => undefined;
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (answer = resolve)));
    const pending = refreshSession();
    await Promise.resolve();
    forgetSession({ broadcast: false });
    answer({
      ok: true,
      status: 200,
      json: async () => ({
        data: { refreshSession: { accessToken: 'late', tokenType: 'Bearer', expiresIn: 900, refreshToken: '', sessionId: 's' } },
      }),
    } as unknown as Response);
    expect((await pending).kind).toBe('signed-out');
    expect(getAccessToken()).toBeNull();
    setAccessToken(null);
  });
});
