/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// Password and email change: each asks for the current password; a wrong one is shown on that field, the
// lockout and the rate limit about the whole form; the new password has the same checks as at sign-up; an email
// change only sends a link, and says so.
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../../testing/render-app';
import { CHANGE_PASSWORD_MUTATION, REQUEST_EMAIL_CHANGE_MUTATION } from '../operations';

const CURRENT = 'correct horse battery staple';
const NEW = 'a completely different long passphrase';

function refusal(code: string, message = 'server words', field?: string): MockLink.MockedResponse['result'] {
  return { errors: [{ message, extensions: { code, ...(field ? { details: { field } } : {}) } }] };
}

function passwordAnswer(currentPassword: string, newPassword: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: CHANGE_PASSWORD_MUTATION, variables: { currentPassword, newPassword } }, result };
}

function emailAnswer(currentPassword: string, newEmail: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: REQUEST_EMAIL_CHANGE_MUTATION, variables: { currentPassword, newEmail } }, result };
}

async function passwordForm() {
  return screen.findByRole('form', { name: 'Change your password' });
}

async function emailForm() {
  return screen.findByRole('form', { name: 'Change your email address' });
}

function fillIn(form: HTMLElement, label: string, value: string) {
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });
}

async function submitPassword(current: string, next: string, repeat = next) {
  const form = await passwordForm();
  fillIn(form, 'Current password', current);
  fillIn(form, 'New password', next);
  fillIn(form, 'Repeat the new password', repeat);
  fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
  return form;
}

async function submitEmail(current: string, newEmail: string) {
  const form = await emailForm();
  fillIn(form, 'Current password', current);
  fillIn(form, 'New email address', newEmail);
  fireEvent.click(within(form).getByRole('button', { name: 'Send the confirmation link' }));
  return form;
}

describe('account: password and email page', () => {
  it('is in the account navigation, with both forms', async () => {
    renderApp('/account/credentials', { signedInAs: PLAIN_USER });
    expect(await screen.findByRole('heading', { level: 1, name: 'Password and email' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Account' })).toContainElement(screen.getByRole('link', { name: 'Password and email' }));
    expect(screen.getByRole('region', { name: 'Password' })).toContainElement(await passwordForm());
    expect(screen.getByRole('region', { name: 'Email address' })).toContainElement(await emailForm());
  });
});

describe('account: changing the password', () => {
  it('checks the fields before asking the server, and focuses the first one in error', async () => {
    renderApp('/account/credentials', { signedInAs: PLAIN_USER });
    const form = await passwordForm();
    fillIn(form, 'New password', 'too short');
    fillIn(form, 'Repeat the new password', 'something else');
    expect(within(form).getByText(/Too short/)).toBeInTheDocument();
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));

    const current = within(form).getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveFocus());
    expect(current).toHaveAccessibleDescription('Enter your current password.');
    expect(within(form).getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 15 characters.'));
    expect(within(form).getByLabelText('Repeat the new password')).toHaveAccessibleDescription('The two passwords are not the same.');

    // Editing a field clears its own message only, and leaves the focus where the person is typing.
    fillIn(form, 'Repeat the new password', 'too short');
    expect(within(form).getByLabelText('Repeat the new password')).not.toHaveAttribute('aria-invalid');
    expect(current).toHaveAttribute('aria-invalid', 'true');
  });

  it('changes it and says every other session was signed out', async () => {
    const changed = jest.fn(() => ({ data: { changePassword: true } }));
    renderApp('/account/credentials', { signedInAs: PLAIN_USER, mocks: [passwordAnswer(CURRENT, NEW, changed)] });
    const form = await submitPassword(CURRENT, NEW);
    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Your password is changed. Every other session of your account has been signed out; this one stays signed in.',
    );
    expect(changed).toHaveBeenCalledTimes(1);
    for (const label of ['Current password', 'New password', 'Repeat the new password'])
      expect(within(form).getByLabelText(label)).toHaveValue('');
  });

  it('puts a wrong current password on its field (INVALID_CREDENTIALS)', async () => {
    renderApp('/account/credentials', {
      signedInAs: PLAIN_USER,
      mocks: [passwordAnswer('not it', NEW, refusal('INVALID_CREDENTIALS', 'Invalid email or password'))],
    });
    const form = await submitPassword('not it', NEW);
    const current = within(form).getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveAccessibleDescription('That password is not right.'));
    expect(current).toHaveFocus();
    expect(within(form).getByLabelText('New password')).not.toHaveAttribute('aria-invalid');
    expect(document.body).not.toHaveTextContent('Invalid email or password');
  });

  it("puts the password policy's refusal under the new password, in the server's words (VALIDATION_FAILED)", async () => {
    const policy = 'This password is too common. Choose another one.';
    renderApp('/account/credentials', {
      signedInAs: PLAIN_USER,
      mocks: [passwordAnswer(CURRENT, NEW, refusal('VALIDATION_FAILED', policy, 'newPassword'))],
    });
    const form = await submitPassword(CURRENT, NEW);
    const next = within(form).getByLabelText('New password');
    await waitFor(() => expect(next).toHaveAccessibleDescription(expect.stringContaining(policy)));
    expect(next).toHaveFocus();
  });

  it.each([
    ['ACCOUNT_LOCKED', 'This account is locked for now. Try again later, or reset your password.'],
    ['RATE_LIMITED', 'Too many attempts. Wait a moment, then try again.'],
    ['UNAUTHENTICATED', 'Your session has ended. Sign in again.'],
  ])('says %s about the whole form', async (code, sentence) => {
    renderApp('/account/credentials', { signedInAs: PLAIN_USER, mocks: [passwordAnswer(CURRENT, NEW, refusal(code))] });
    const form = await submitPassword(CURRENT, NEW);
    expect(await within(form).findByRole('alert')).toHaveTextContent(sentence);
    expect(within(form).queryByRole('status')).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('server words');
  });
});

describe('account: changing the email address', () => {
  it('checks the fields before asking the server', async () => {
    renderApp('/account/credentials', { signedInAs: PLAIN_USER });
    const form = await emailForm();
    expect(form).toHaveTextContent('You sign in with ada@example.com.');
    fillIn(form, 'New email address', 'not an email');
    fireEvent.click(within(form).getByRole('button', { name: 'Send the confirmation link' }));
    await waitFor(() => expect(within(form).getByLabelText('Current password')).toHaveFocus());
    expect(within(form).getByLabelText('New email address')).toHaveAccessibleDescription('Enter an email address like name@example.com.');

    fillIn(form, 'Current password', CURRENT);
    fillIn(form, 'New email address', 'ADA@example.com');
    fireEvent.click(within(form).getByRole('button', { name: 'Send the confirmation link' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('New email address')).toHaveAccessibleDescription('This is already your email address.'),
    );
    expect(within(form).getByLabelText('New email address')).toHaveFocus();
  });

  it('sends the link and says the change happens when it is opened', async () => {
    const requested = jest.fn(() => ({ data: { requestEmailChange: true } }));
    renderApp('/account/credentials', { signedInAs: PLAIN_USER, mocks: [emailAnswer(CURRENT, 'ada@new.example', requested)] });
    const form = await submitEmail(CURRENT, '  ada@new.example ');
    const status = await within(form).findByRole('status');
    expect(status).toHaveTextContent('We sent a link to ada@new.example. Your email address changes when you open it');
    expect(requested).toHaveBeenCalledTimes(1);
    expect(within(form).getByLabelText('Current password')).toHaveValue('');
    // Nothing changed yet: the page still names the current address.
    expect(form).toHaveTextContent('You sign in with ada@example.com.');
  });

  it('puts a wrong current password on its field (INVALID_CREDENTIALS)', async () => {
    renderApp('/account/credentials', {
      signedInAs: PLAIN_USER,
      mocks: [emailAnswer('not it', 'ada@new.example', refusal('INVALID_CREDENTIALS'))],
    });
    const form = await submitEmail('not it', 'ada@new.example');
    await waitFor(() => expect(within(form).getByLabelText('Current password')).toHaveAccessibleDescription('That password is not right.'));
    expect(within(form).getByLabelText('Current password')).toHaveFocus();
  });

  it('puts an address in use on the new email field (EMAIL_IN_USE)', async () => {
    renderApp('/account/credentials', {
      signedInAs: PLAIN_USER,
      mocks: [emailAnswer(CURRENT, 'taken@example.com', refusal('EMAIL_IN_USE'))],
    });
    const form = await submitEmail(CURRENT, 'taken@example.com');
    const field = within(form).getByLabelText('New email address');
    await waitFor(() => expect(field).toHaveAccessibleDescription('Another account already uses this email address.'));
    expect(field).toHaveFocus();
  });

  it("puts a refused address on the new email field, in the server's words (VALIDATION_FAILED)", async () => {
    renderApp('/account/credentials', {
      signedInAs: PLAIN_USER,
      mocks: [emailAnswer(CURRENT, 'ada@new.example', refusal('VALIDATION_FAILED', 'Enter a valid email address.', 'newEmail'))],
    });
    const form = await submitEmail(CURRENT, 'ada@new.example');
    await waitFor(() =>
      expect(within(form).getByLabelText('New email address')).toHaveAccessibleDescription('Enter a valid email address.'),
    );
  });

  it.each([
    ['ACCOUNT_LOCKED', 'This account is locked for now. Try again later, or reset your password.'],
    ['RATE_LIMITED', 'Too many attempts. Wait a moment, then try again.'],
  ])('says %s about the whole form', async (code, sentence) => {
    renderApp('/account/credentials', { signedInAs: PLAIN_USER, mocks: [emailAnswer(CURRENT, 'ada@new.example', refusal(code))] });
    const form = await submitEmail(CURRENT, 'ada@new.example');
    expect(await within(form).findByRole('alert')).toHaveTextContent(sentence);
    expect(within(form).queryByRole('status')).not.toBeInTheDocument();
  });
});
