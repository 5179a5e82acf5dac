/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { PLAIN_USER, renderApp, viewerMock } from '../testing/render-app';
import { getAccessToken } from './access-token';
import { LOGIN_MUTATION, REQUEST_EMAIL_VERIFICATION_MUTATION } from './operations';
import { forgetSession, SESSION_HINT_KEY } from './session-refresher';

const DEVICE = '11111111-2222-4333-8444-555555555555';
const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery staple';
const TOKENS = {
  __typename: 'AuthPayload',
  accessToken: 'header.payload.signature',
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshToken: '',
  sessionId: 'session-1',
};

function loginMock(extra: Record<string, string>, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return {
    request: { query: LOGIN_MUTATION, variables: { input: { email: EMAIL, password: PASSWORD, deviceFingerprint: DEVICE, ...extra } } },
    result,
  };
}
const refused = (code: string, message = 'refused') => ({ errors: [{ message, extensions: { code } }] });

beforeEach(() => localStorage.setItem('cbp.deviceId', DEVICE));
afterEach(() => {
  forgetSession({ broadcast: false });
  localStorage.clear();
});

function fillAndSubmit() {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: EMAIL } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: PASSWORD } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('login form', () => {
  it('says which fields are missing without asking the server', async () => {
    renderApp('/login');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  it('signs in, keeps the access token in memory only, and goes to the page it was sent from', async () => {
    const { router } = renderApp('/login?next=%2Faccount%2Fsessions', {
      mocks: [loginMock({}, { data: { login: TOKENS } }), viewerMock(PLAIN_USER)],
    });
    await screen.findByRole('heading', { name: 'Sign in' });
    fillAndSubmit();
    await waitFor(() => expect(router.state.location.pathname).toBe('/account/sessions'));
    expect(getAccessToken()?.value).toBe('header.payload.signature');
    expect(localStorage.getItem(SESSION_HINT_KEY)).toBe('1');
    expect(JSON.stringify({ ...localStorage })).not.toContain('header.payload.signature');
  });

  it('asks for the authenticator code on OTP_REQUIRED, and shows INVALID_OTP under the code field', async () => {
    renderApp('/login', {
      mocks: [
        loginMock({}, refused('OTP_REQUIRED')),
        loginMock({ otp: '123456' }, refused('INVALID_OTP', 'The one-time code is incorrect.')),
      ],
    });
    await screen.findByRole('heading', { name: 'Sign in' });
    fillAndSubmit();
    const code = await screen.findByLabelText('Authentication code');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText('That code is not right. Check your authenticator app and try again.')).toBeInTheDocument();
    expect(screen.getByLabelText('Authentication code')).toHaveAttribute('aria-invalid', 'true');
  });

  it('takes a recovery code instead of the authenticator code', async () => {
    const { router } = renderApp('/login', {
      mocks: [
        loginMock({}, refused('OTP_REQUIRED')),
        loginMock({ recoveryCode: 'abcd-efgh-ijkl' }, { data: { login: TOKENS } }),
        viewerMock(PLAIN_USER),
      ],
    });
    await screen.findByRole('heading', { name: 'Sign in' });
    fillAndSubmit();
    fireEvent.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: ' abcd-efgh-ijkl ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
  });

  it('the same message for an unknown email and a wrong password, and a locked account is told so', async () => {
    renderApp('/login', { mocks: [loginMock({}, refused('INVALID_CREDENTIALS')), loginMock({}, refused('ACCOUNT_LOCKED'))] });
    await screen.findByRole('heading', { name: 'Sign in' });
    fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is incorrect.');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/This account is locked for now/)).toBeInTheDocument();
  });

  it('offers to send the verification link again on EMAIL_NOT_VERIFIED', async () => {
    renderApp('/login', {
      mocks: [
        loginMock({}, refused('EMAIL_NOT_VERIFIED')),
        {
          request: { query: REQUEST_EMAIL_VERIFICATION_MUTATION, variables: { email: EMAIL } },
          result: { data: { requestEmailVerification: true } },
        },
      ],
    });
    await screen.findByRole('heading', { name: 'Sign in' });
    fillAndSubmit();
    fireEvent.click(await screen.findByRole('button', { name: 'Send the verification link again' }));
    expect(await screen.findByText(/a new link is on its way/)).toBeInTheDocument();
  });

  it('never shows a raw network error', async () => {
    renderApp('/login', {
      mocks: [{ request: loginMock({}, undefined).request, error: new Error('connect ECONNREFUSED 127.0.0.1:8080') }],
    });
    await screen.findByRole('heading', { name: 'Sign in' });
    fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('The API could not be reached.');
    expect(document.body).not.toHaveTextContent(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
