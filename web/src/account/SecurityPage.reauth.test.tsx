/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Re-authentication on the security page: turning 2FA on and making new recovery codes ask for the current
// password first, so that a stolen session alone cannot enrol another authenticator or read a fresh set of codes.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { REGENERATE_RECOVERY_CODES_MUTATION, SETUP_TOTP_MUTATION } from './operations';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function refusal(code: string, message = 'refused'): MockLink.MockedResponse['result'] {
  return { errors: [{ message, extensions: { code } }] };
}

function setupAnswer(currentPassword: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: SETUP_TOTP_MUTATION, variables: { currentPassword } }, result };
}

const setupOk = {
  data: {
    setupTotp: { __typename: 'TotpSetup', secret: SECRET, otpauthUrl: `otpauth://totp/x?secret=${SECRET}`, qrCodeDataUrl: 'data:,' },
  },
};

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function openPrompt() {
  fireEvent.click(await screen.findByRole('button', { name: 'Turn on two-factor authentication' }));
  return screen.getByRole('form', { name: 'Confirm it is you' });
}

describe('security: the current password before 2FA setup', () => {
  it('asks for the password before anything is sent, then starts the setup with it', async () => {
    const started = jest.fn(() => setupOk);
    renderApp('/account/security', { signedInAs: PLAIN_USER, mocks: [setupAnswer('correct horse battery staple', started)] });

    await openPrompt();
    const password = screen.getByLabelText('Current password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('autocomplete', 'current-password');
    expect(password).toHaveFocus();
    expect(screen.queryByRole('img', { name: 'QR code for your authenticator app' })).not.toBeInTheDocument();

    // Empty: asked for it on the field, focus on it, nothing sent.
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(password).toHaveAccessibleDescription('Enter your current password.'));
    expect(password).toHaveFocus();
    expect(started).not.toHaveBeenCalled();

    fill('Current password', 'correct horse battery staple');
    expect(password).not.toHaveAttribute('aria-invalid');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    expect(started).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument();
  });

  it('puts a wrong password on the field (INVALID_CREDENTIALS) and moves the focus there', async () => {
    renderApp('/account/security', {
      signedInAs: PLAIN_USER,
      mocks: [setupAnswer('not my password', refusal('INVALID_CREDENTIALS', 'Invalid email or password'))],
    });
    await openPrompt();
    fill('Current password', 'not my password');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const password = screen.getByLabelText('Current password');
    await waitFor(() => expect(password).toHaveAccessibleDescription('That password is not right.'));
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveFocus();
    expect(screen.queryByRole('img', { name: 'QR code for your authenticator app' })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Invalid email or password');
  });

  it.each([
    ['ACCOUNT_LOCKED', 'This account is locked for now. Try again later, or reset your password.'],
    ['RATE_LIMITED', 'Too many attempts. Wait a moment, then try again.'],
  ])('says %s about the whole form in our words', async (code, sentence) => {
    renderApp('/account/security', { signedInAs: PLAIN_USER, mocks: [setupAnswer('pw', refusal(code, 'server words'))] });
    await openPrompt();
    fill('Current password', 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(screen.getByLabelText('Current password')).not.toHaveAttribute('aria-invalid');
    expect(document.body).not.toHaveTextContent('server words');
  });

  it('can be cancelled: the typed password is dropped', async () => {
    renderApp('/account/security', { signedInAs: PLAIN_USER });
    await openPrompt();
    fill('Current password', 'half typed');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByLabelText('Current password')).not.toBeInTheDocument();
    await openPrompt();
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });
});

describe('security: the current password before new recovery codes', () => {
  it.each([
    ['ACCOUNT_LOCKED', 'This account is locked for now.'],
    ['RATE_LIMITED', 'Too many attempts.'],
  ])('says %s about the whole form, and shows no codes', async (code, sentence) => {
    renderApp('/account/security', {
      signedInAs: { ...PLAIN_USER, totpEnabled: true },
      mocks: [{ request: { query: REGENERATE_RECOVERY_CODES_MUTATION, variables: { currentPassword: 'pw' } }, result: refusal(code) }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Regenerate recovery codes' }));
    expect(screen.getByLabelText('Current password')).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Enter your current password.');
    fill('Current password', 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
  });
});
