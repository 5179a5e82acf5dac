/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react';
import { renderApp } from '../testing/render-app';
import { REQUEST_PASSWORD_RESET_MUTATION, RESET_PASSWORD_MUTATION, VERIFY_EMAIL_MUTATION } from './operations';

const NEW_PASSWORD = 'a completely different passphrase';

describe('the verify-email landing page', () => {
  it('confirms the token from the link once and offers to sign in', async () => {
    renderApp('/verify-email?token=tok-ok', {
      mocks: [
        {
          request: { query: VERIFY_EMAIL_MUTATION, variables: { token: 'tok-ok' } },
          result: { data: { verifyEmail: { __typename: 'VerifyEmailPayload', verified: true } } },
        },
      ],
    });
    expect(await screen.findByText('Your email address is verified. You can sign in now.')).toBeInTheDocument();
    expect(screen.getByRole('main')).toContainElement(
      screen.getAllByRole('link', { name: 'Sign in' }).find((a) => a.className.includes('button')) ?? null,
    );
  });

  it('says a used or expired link is invalid and offers a new one', async () => {
    renderApp('/verify-email?token=tok-used', {
      mocks: [
        {
          request: { query: VERIFY_EMAIL_MUTATION, variables: { token: 'tok-used' } },
          result: { errors: [{ message: 'x', extensions: { code: 'INVALID_TOKEN' } }] },
        },
      ],
    });
    expect(await screen.findByText('This verification link is invalid, has expired or was already used.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send a new link' })).toBeInTheDocument();
  });
});

describe('forgot and reset password', () => {
  it('answers the same way whether or not the email is known', async () => {
    renderApp('/forgot-password', {
      mocks: [
        {
          request: { query: REQUEST_PASSWORD_RESET_MUTATION, variables: { email: 'who@example.com' } },
          result: { data: { requestPasswordReset: true } },
        },
      ],
    });
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'who@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the reset link' }));
    expect(await screen.findByText(/If an account exists for/)).toBeInTheDocument();
  });

  it('needs the two passwords to match, then sets the new one and says every session ended', async () => {
    renderApp('/reset-password?token=rst', {
      mocks: [
        {
          request: { query: RESET_PASSWORD_MUTATION, variables: { token: 'rst', newPassword: NEW_PASSWORD } },
          result: { data: { resetPassword: true } },
        },
      ],
    });
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: NEW_PASSWORD } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'something else entirely!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText('The two passwords are not the same.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: NEW_PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/Your password is changed\. For your safety every session was signed out/)).toBeInTheDocument();
  });

  it('says an invalid reset link is invalid, with a way to ask for a new one', async () => {
    renderApp('/reset-password?token=old', {
      mocks: [
        {
          request: { query: RESET_PASSWORD_MUTATION, variables: { token: 'old', newPassword: NEW_PASSWORD } },
          result: { errors: [{ message: 'x', extensions: { code: 'INVALID_TOKEN' } }] },
        },
      ],
    });
    fireEvent.change(await screen.findByLabelText('New password'), { target: { value: NEW_PASSWORD } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: NEW_PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/This link is invalid, has expired or was already used/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link.' })).toHaveAttribute('href', '/forgot-password');
  });
});
