/** @jest-environment <rootDir>/web/test/jsdom-environment.mjs */
// The email-change link: confirmed once on arrival, the token taken out of the address bar, and a used or
// expired link said plainly (the address has not changed).
import '@testing-library/jest-dom/jest-globals';
import { describe, expect, it, jest } from '@jest/globals';
import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor } from '@testing-library/react';
import { PLAIN_USER, renderApp } from '../testing/render-app';
import { CONFIRM_EMAIL_CHANGE_MUTATION } from './operations';

function confirmAnswer(token: string, result: MockLink.MockedResponse['result']): MockLink.MockedResponse {
  return { request: { query: CONFIRM_EMAIL_CHANGE_MUTATION, variables: { token } }, result };
}

describe('the confirm-email-change landing page', () => {
  it('confirms the token once, shows the new address, offers to sign in, and strips the token from the address', async () => {
    const confirmed = jest.fn(() => ({
      data: { confirmEmailChange: { __typename: 'ConfirmEmailChangePayload', email: 'ada@new.example' } },
    }));
    const { router } = renderApp('/confirm-email-change?token=chg-ok&utm=x', { mocks: [confirmAnswer('chg-ok', confirmed)] });
    expect(await screen.findByText(/Your email address is now/)).toHaveTextContent(
      'Your email address is now ada@new.example. Sign in with it from now on.',
    );
    expect(screen.getByRole('main')).toContainElement(
      screen.getAllByRole('link', { name: 'Sign in' }).find((a) => a.className.includes('button')) ?? null,
    );
    expect(confirmed).toHaveBeenCalledTimes(1);
    expect(router.state.location.pathname).toBe('/confirm-email-change');
    expect(router.state.location.search).toBe('?utm=x');
  });

  it('leads a signed-in person back to the account', async () => {
    renderApp('/confirm-email-change?token=chg-in', {
      signedInAs: PLAIN_USER,
      mocks: [
        confirmAnswer('chg-in', { data: { confirmEmailChange: { __typename: 'ConfirmEmailChangePayload', email: 'ada@new.example' } } }),
      ],
    });
    expect(await screen.findByRole('link', { name: 'Back to your account' })).toHaveAttribute('href', '/account');
  });

  it('says a used or expired link is invalid and that nothing changed (INVALID_TOKEN)', async () => {
    const { router } = renderApp('/confirm-email-change?token=chg-used', {
      mocks: [confirmAnswer('chg-used', { errors: [{ message: 'x', extensions: { code: 'INVALID_TOKEN' } }] })],
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link is invalid, has expired or was already used. Your email address has not changed.',
    );
    expect(screen.getByRole('link', { name: 'Ask for the change again' })).toHaveAttribute('href', '/account/credentials');
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('says when the address was taken since the link was sent (EMAIL_IN_USE)', async () => {
    renderApp('/confirm-email-change?token=chg-taken', {
      mocks: [confirmAnswer('chg-taken', { errors: [{ message: 'x', extensions: { code: 'EMAIL_IN_USE' } }] })],
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Another account uses this email address now.');
  });

  it('says a link without a token is invalid, and asks nothing', async () => {
    renderApp('/confirm-email-change');
    expect(await screen.findByRole('alert')).toHaveTextContent('This link is invalid');
  });
});
