/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// With 2FA on: turning it off needs the password AND a current code, each refusal is shown on its own field;
// new recovery codes need the current password and are shown once.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { DISABLE_TOTP_MUTATION, REGENERATE_RECOVERY_CODES_MUTATION } from './operations';

const WITH_TOTP = { ...PLAIN_USER, totpEnabled: true };

function disableAnswer(password: string, code: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: DISABLE_TOTP_MUTATION, variables: { password, code } }, result };
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('security: turning off two-factor authentication', () => {
  it('needs the password and a current code, and maps INVALID_CREDENTIALS and INVALID_OTP to their fields', async () => {
    const disabled = jest.fn(() => ({ data: { disableTotp: true } }));
    renderApp('/account/security', {
      signedInAs: WITH_TOTP,
      mocks: [
        disableAnswer('not my password', '123456', {
          errors: [{ message: 'Invalid email or password', extensions: { code: 'INVALID_CREDENTIALS' } }],
        }),
        disableAnswer('correct horse battery staple', '000000', {
          errors: [{ message: 'Invalid one-time code', extensions: { code: 'INVALID_OTP' } }],
        }),
        {
          request: { query: DISABLE_TOTP_MUTATION, variables: { password: 'correct horse battery staple', code: '654321' } },
          result: disabled,
        },
      ],
    });

    const card = await screen.findByRole('region', { name: 'Two-factor authentication' });
    expect(within(card).getByText('On')).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: 'Turn off' }));
    const submit = screen.getByRole('button', { name: 'Turn off two-factor authentication' });

    // Neither given: asked for both, nothing sent.
    fireEvent.click(submit);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(screen.getByLabelText('Code from your authenticator app')).toHaveAccessibleDescription(
      expect.stringContaining('Enter the 6-digit code'),
    );

    fill('Password', 'not my password');
    fill('Code from your authenticator app', '123456');
    fireEvent.click(submit);
    await waitFor(() => expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('That password is not right.'));
    expect(screen.getByLabelText('Code from your authenticator app')).not.toHaveAttribute('aria-invalid');

    fill('Password', 'correct horse battery staple');
    fill('Code from your authenticator app', '000000');
    fireEvent.click(submit);
    await waitFor(() => expect(screen.getByLabelText('Code from your authenticator app')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('Code from your authenticator app')).toHaveAccessibleDescription(
      expect.stringContaining('That code is not right.'),
    );
    expect(screen.getByLabelText('Password')).not.toHaveAttribute('aria-invalid');
    expect(disabled).not.toHaveBeenCalled();

    fill('Code from your authenticator app', '654 321');
    fireEvent.click(submit);
    expect(await screen.findByText(/Two-factor authentication is off/)).toBeInTheDocument();
    expect(disabled).toHaveBeenCalledTimes(1);
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/Invalid email or password|Invalid one-time code/);
  });

  it('can be cancelled without sending anything', async () => {
    renderApp('/account/security', { signedInAs: WITH_TOTP });

    fireEvent.click(await screen.findByRole('button', { name: 'Turn off' }));
    fill('Password', 'secret');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn off' })).toBeInTheDocument();
  });
});

describe('security: regenerating recovery codes', () => {
  it('needs the current password, shows the new codes once, and then lets them go', async () => {
    const codes = Array.from({ length: 10 }, (_, index) => `new${index}-wxyz-1234`);
    renderApp('/account/security', {
      signedInAs: WITH_TOTP,
      mocks: [
        {
          request: { query: REGENERATE_RECOVERY_CODES_MUTATION, variables: { currentPassword: 'not my password' } },
          result: { errors: [{ message: 'Invalid email or password', extensions: { code: 'INVALID_CREDENTIALS' } }] },
        },
        {
          request: { query: REGENERATE_RECOVERY_CODES_MUTATION, variables: { currentPassword: 'correct horse battery staple' } },
          result: { data: { regenerateRecoveryCodes: codes } },
        },
      ],
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Regenerate recovery codes' }));
    fill('Current password', 'not my password');
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    await waitFor(() => expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('That password is not right.'));

    fill('Current password', 'correct horse battery staple');
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByText(/The old ones no longer work/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    for (const code of codes) expect(document.body).not.toHaveTextContent(code);
    expect(screen.getByRole('button', { name: 'Regenerate recovery codes' })).toBeInTheDocument();
  });
});
