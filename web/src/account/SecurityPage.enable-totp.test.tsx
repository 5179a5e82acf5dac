/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Enabling 2FA: the secret is shown as a QR code and a readable key; the first code proves the app has it; the
// recovery codes are shown this once, and once dismissed they cannot be shown again.
import '@testing-library/jest-dom/jest-globals';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { RECOVERY_CODES_FILENAME } from './mfa/RecoveryCodes';
import { ENABLE_TOTP_MUTATION, SETUP_TOTP_MUTATION } from './operations';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const QR = 'data:image/png;base64,iVBORw0KGgo=';
const RECOVERY_CODES = Array.from({ length: 10 }, (_, index) => `rc${index}-abcd-efgh`);

const CURRENT_PASSWORD = 'correct horse battery staple';

const setupAnswer: MockLink.MockedResponse = {
  request: { query: SETUP_TOTP_MUTATION, variables: { currentPassword: CURRENT_PASSWORD } },
  result: {
    data: {
      setupTotp: {
        __typename: 'TotpSetup',
        secret: SECRET,
        otpauthUrl: `otpauth://totp/Chat%20Bot%20Pro%20V2:ada%40example.com?secret=${SECRET}&issuer=Chat%20Bot%20Pro%20V2`,
        qrCodeDataUrl: QR,
      },
    },
  },
};

function enableAnswer(code: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: ENABLE_TOTP_MUTATION, variables: { code } }, result };
}

const wrongCode = enableAnswer('000000', { errors: [{ message: 'Invalid one-time code', extensions: { code: 'INVALID_OTP' } }] });
const rightCode = enableAnswer('123456', {
  data: { enableTotp: { __typename: 'EnableTotpPayload', enabled: true, recoveryCodes: RECOVERY_CODES } },
});

let writeText: jest.Mock<(text: string) => Promise<void>>;

beforeEach(() => {
  writeText = jest.fn<(text: string) => Promise<void>>(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
  jest.restoreAllMocks();
});

async function startSetup() {
  fireEvent.click(await screen.findByRole('button', { name: 'Turn on two-factor authentication' }));
  fireEvent.change(screen.getByLabelText('Current password'), { target: { value: CURRENT_PASSWORD } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
  return screen.findByRole('img', { name: 'QR code for your authenticator app' });
}

function submitCode(code: string) {
  fireEvent.change(screen.getByLabelText('Code from your authenticator app'), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Verify and turn on' }));
}

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('security: turning on two-factor authentication', () => {
  it('shows the QR code and the manual key (grouped in fours, copied without spaces)', async () => {
    renderApp('/account/security', { signedInAs: PLAIN_USER, mocks: [setupAnswer] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Security' })).toBeInTheDocument();
    expect(screen.getByText('Off')).toBeInTheDocument();
    const qr = await startSetup();
    expect(qr).toHaveAttribute('src', QR);
    expect(qr).toHaveClass('qr');
    expect(screen.getByLabelText('Setup key')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(SECRET));
    expect(await screen.findByText('Copied')).toBeInTheDocument();

    const code = screen.getByLabelText('Code from your authenticator app');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(screen.getByText(/signs you out everywhere else/)).toBeInTheDocument();
  });

  it('shows a wrong code inline on the code field, and does not enable', async () => {
    renderApp('/account/security', { signedInAs: PLAIN_USER, mocks: [setupAnswer, wrongCode] });
    await startSetup();

    submitCode('12');
    const code = screen.getByLabelText('Code from your authenticator app');
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Enter the 6-digit code from your authenticator app.'));

    submitCode('000 000');
    await waitFor(() => expect(code).toHaveAttribute('aria-invalid', 'true'));
    expect(code).toHaveAccessibleDescription(
      expect.stringContaining('That code is not right. Check your authenticator app and try again.'),
    );
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'QR code for your authenticator app' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('Invalid one-time code');
  });

  it('says to start again when the pending setup has expired (MFA_SETUP_REQUIRED)', async () => {
    renderApp('/account/security', {
      signedInAs: PLAIN_USER,
      mocks: [
        setupAnswer,
        enableAnswer('123456', { errors: [{ message: 'no pending secret', extensions: { code: 'MFA_SETUP_REQUIRED' } }] }),
      ],
    });
    await startSetup();

    submitCode('123456');
    expect(await screen.findByRole('alert')).toHaveTextContent('Start the two-factor setup again');
    expect(screen.queryByRole('img', { name: 'QR code for your authenticator app' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn on two-factor authentication' })).toBeEnabled();
  });

  it('shows the 10 recovery codes once, with Copy all and Download, and "I have saved them" hides them for good', async () => {
    const createObjectURL = jest.fn<(blob: Blob) => string>(() => 'blob:recovery-codes');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: HTMLAnchorElement[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderApp('/account/security', { signedInAs: PLAIN_USER, mocks: [setupAnswer, rightCode] });
    await startSetup();

    submitCode('123456');
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list).toHaveClass('code-list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(RECOVERY_CODES);
    expect(screen.getByText(/Every other session of your account has been signed out/)).toBeInTheDocument();
    // The secret goes with the setup view.
    expect(screen.queryByLabelText('Setup key')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Copy all' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(RECOVERY_CODES.join('\n')));

    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0]?.[0];
    expect(blob?.type).toBe('text/plain');
    const text = await readBlob(blob as Blob);
    expect(text.split('\n')[0]).toMatch(/^Chat Bot Pro V2 recovery codes for ada@example\.com/);
    for (const code of RECOVERY_CODES) expect(text).toContain(code);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe(RECOVERY_CODES_FILENAME);
    expect(clicked[0]?.href).toBe('blob:recovery-codes');

    fireEvent.click(screen.getByRole('button', { name: 'I have saved them' }));
    expect(screen.queryByRole('list', { name: 'Recovery codes' })).not.toBeInTheDocument();
    for (const code of RECOVERY_CODES) expect(document.body).not.toHaveTextContent(code);
    expect(screen.queryByRole('button', { name: /show.*codes/i })).not.toBeInTheDocument();
    await screen.findByRole('heading', { level: 2, name: 'Two-factor authentication' });
  });
});
