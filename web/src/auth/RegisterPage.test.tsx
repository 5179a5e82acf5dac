/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it } from '@jest/globals';
import { fireEvent, screen } from '@testing-library/react';
import { renderApp } from '../testing/render-app';
import { REGISTER_MUTATION } from './operations';

const PASSWORD = 'correct horse battery staple';

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
}

describe('sign-up form', () => {
  it('prefills the invitation code from ?invite=, sends it, and says to check the email', async () => {
    renderApp('/register?invite=INV-123', {
      mocks: [
        {
          request: {
            query: REGISTER_MUTATION,
            variables: { input: { email: 'new@example.com', password: PASSWORD, inviteCode: 'INV-123' } },
          },
          result: { data: { register: { __typename: 'RegisterPayload', userId: 'u1' } } },
        },
      ],
    });
    expect(await screen.findByLabelText('Invitation code (if you have one)')).toHaveValue('INV-123');
    fill('new@example.com', PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(screen.getByText('new@example.com')).toBeInTheDocument();
  });

  it('checks the email shape and the minimum length before asking the server, and hints at strength', async () => {
    renderApp('/register');
    fill('not-an-email', 'short');
    expect(await screen.findByText(/Too short\./)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Enter an email address like name@example.com.')).toBeInTheDocument();
    expect(screen.getByText('Use at least 15 characters.')).toBeInTheDocument();
    fill('ok@example.com', 'zebra quantum lantern okapi');
    expect(await screen.findByText(/Strong\.|Good\./)).toBeInTheDocument();
  });

  it('puts EMAIL_IN_USE under the email field and a password refusal under the password field', async () => {
    const variables = { input: { email: 'taken@example.com', password: PASSWORD } };
    renderApp('/register', {
      mocks: [
        {
          request: { query: REGISTER_MUTATION, variables },
          result: { errors: [{ message: 'An account with this email already exists.', extensions: { code: 'EMAIL_IN_USE' } }] },
        },
        {
          request: { query: REGISTER_MUTATION, variables },
          result: {
            errors: [
              {
                message: 'This password is too common: choose another one.',
                extensions: { code: 'VALIDATION_FAILED', details: { field: 'password', reason: 'COMMON' } },
              },
            ],
          },
        },
      ],
    });
    fill('taken@example.com', PASSWORD);
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/An account with this email already exists\. Sign in instead/)).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('This password is too common: choose another one.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
  });

  it('puts an invitation refusal under the invitation field', async () => {
    renderApp('/register?inviteCode=OLD', {
      mocks: [
        {
          request: { query: REGISTER_MUTATION, variables: { input: { email: 'a@example.com', password: PASSWORD, inviteCode: 'OLD' } } },
          result: { errors: [{ message: 'x', extensions: { code: 'INVALID_INVITATION' } }] },
        },
      ],
    });
    fill('a@example.com', PASSWORD);
    fireEvent.click(await screen.findByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('This invitation is invalid, has expired or was already used.')).toBeInTheDocument();
    expect(screen.getByLabelText('Invitation code (if you have one)')).toHaveAttribute('aria-invalid', 'true');
  });
});
