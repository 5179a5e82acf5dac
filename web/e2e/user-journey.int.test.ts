// The user's journey end to end, in Debian's Chromium against the running platform (real PostgreSQL, Redis and
// SMTP): sign up → open the link from the email → sign in → enable 2FA (the current password first) with a code
// computed here → sign out → sign in with a code → revoke another session → reset the password → change the
// password (another session ends) → change the email through the link sent to the new address. Screenshots of
// the key screens go to web/e2e/screenshots/ (the README shows some of them).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { awayFromStepBoundary, totp } from '../../gateway/test/support/totp.js';
import { chromiumMissing, launchBrowser, screenshot } from './support/browser.js';
import type { BrowserSession } from './support/browser.js';
import { expectNoTokensInStorage, nextLinkFor, signInThroughForm, signOutThroughHeader, startJourneyStack } from './support/journey.js';
import type { JourneyStack } from './support/journey.js';

describe('Chromium is available for the SPA journeys', () => {
  (chromiumMissing && process.env.CI === 'true' ? it : it.skip)('in CI', () => {
    throw new Error('Chromium not found at /usr/bin/chromium: CI must install the Debian package "chromium" (or set CHROMIUM_PATH)');
  });
});

(chromiumMissing ? describe.skip : describe)('a user in the SPA, from sign-up to password reset and password and email change', () => {
  jest.setTimeout(180_000);

  let stack: JourneyStack;
  let browser: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  const email = `journey-${Date.now()}@example.test`;
  const password = 'correct horse battery staple journey';
  const newPassword = 'a completely different long passphrase';
  const changedPassword = 'yet another passphrase changed while signed in';
  const newEmail = `journey-moved-${Date.now()}@example.test`;
  let totpSecret = '';
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    stack = await startJourneyStack();
    browser = await launchBrowser();
    ({ context, page } = await browser.newContext());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('builds without warnings', () => {
    expect(stack.build.warnings).toEqual([]);
  });

  it('signs up, and the page says to check the email', async () => {
    await page.goto(`${stack.spa.url}/register`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Use at least 15 characters.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await screenshot(page, 'register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
  });

  it('verifies the email from the link in the message', async () => {
    const link = await nextLinkFor(stack.platform, email, '/verify-email', 0);
    expect(link.startsWith(`${stack.spa.url}/verify-email?token=`)).toBe(true);
    await page.goto(link);
    await page.getByText('Your email address is verified.').waitFor();
    await screenshot(page, 'verify-email');
  });

  it('signs in; the refresh token is an HttpOnly, Secure, SameSite=Strict cookie and nothing is in web storage', async () => {
    await signInThroughForm(page, stack.spa.url, email, password);
    await page.waitForURL(`${stack.spa.url}/account`);
    await page.getByText(email).first().waitFor();
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'cbp_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/graphql' });
    await expectNoTokensInStorage(page);
    await screenshot(page, 'account-profile');
  });

  it('stays signed in across a reload (silent refresh from the cookie)', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    expect(page.url()).toBe(`${stack.spa.url}/account`);
  });

  it('enables 2FA after the current password, with a code computed from the key on the page, and shows 10 recovery codes once', async () => {
    await page.goto(`${stack.spa.url}/account/security`);
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('That password is not right.').waitFor();
    await page.getByLabel('Current password').fill(password);
    await screenshot(page, 'security-2fa-password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    totpSecret = ((await page.getByLabel('Setup key').textContent()) ?? '').replace(/\s/g, '');
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, 'security-2fa-setup');
    await awayFromStepBoundary();
    await page.getByLabel('Code from your authenticator app').fill(totp(totpSecret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    recoveryCodes = (await codes.allInnerTexts()).map((code) => code.trim());
    await screenshot(page, 'security-recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect(page.getByRole('list', { name: 'Recovery codes' }).count()).resolves.toBe(0);
  });

  it('signs out, then signs in again with a code from the authenticator', async () => {
    await signOutThroughHeader(page);
    expect((await context.cookies()).find((c) => c.name === 'cbp_refresh')).toBeUndefined();
    await signInThroughForm(page, stack.spa.url, email, password);
    await page.getByLabel('Authentication code').waitFor();
    await screenshot(page, 'login-second-factor');
    // The code used to enable 2FA is spent (replay protection): take the next step's, which the server's
    // window of ±1 step accepts.
    await page.getByLabel('Authentication code').fill(totp(totpSecret, Date.now(), 1));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${stack.spa.url}/account`);
  });

  it('revokes another session from the sessions page; that session stops working at once', async () => {
    // The browser spent this time step's codes; the other device signs in with a recovery code.
    const other = await stack.platform.http<{ accessToken: string; sessionId: string }>('POST', '/auth/login', {
      body: { email, password, recoveryCode: recoveryCodes[0] },
      headers: {
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      },
    });
    expect(other.status).toBe(200);
    await page.goto(`${stack.spa.url}/account/sessions`);
    await page.getByText('This device', { exact: true }).waitFor();
    const row = page.locator('[data-session-id="' + other.body.sessionId + '"]');
    await row.waitFor();
    await screenshot(page, 'sessions');
    await row.getByRole('button', { name: /Revoke/ }).click();
    await row.getByRole('button', { name: 'Confirm revoke' }).click();
    await row.waitFor({ state: 'detached' });
    const me = await stack.platform.graphql('{ me { id } }', {}, other.body.accessToken);
    expect(me.status).toBe(401);
  });

  it('resets the password from the emailed link; the old password stops working', async () => {
    await signOutThroughHeader(page);
    await page.goto(`${stack.spa.url}/forgot-password`);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await page.getByText(/If an account exists/).waitFor();
    const link = await nextLinkFor(stack.platform, email, '/reset-password', 0);
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await screenshot(page, 'reset-password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('Your password is changed.').waitFor();

    await signInThroughForm(page, stack.spa.url, email, password);
    await page.getByText('The email or password is incorrect.').waitFor();
    await signInThroughForm(page, stack.spa.url, email, newPassword);
    await page.getByLabel('Authentication code').waitFor();
  });

  it('finishes that sign-in with a recovery code', async () => {
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[1]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${stack.spa.url}/account`);
  });

  it('changes the password after the current one: another session ends, the old password is refused, the new one works', async () => {
    const other = await stack.platform.http<{ accessToken: string }>('POST', '/auth/login', {
      body: { email, password: newPassword, recoveryCode: recoveryCodes[2] },
    });
    expect(other.status).toBe(200);

    await page.goto(`${stack.spa.url}/account/credentials`);
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill(changedPassword);
    await form.getByLabel('Repeat the new password').fill(changedPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('That password is not right.').waitFor();
    await form.getByLabel('Current password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Your password is changed. Every other session of your account has been signed out').waitFor();
    await screenshot(page, 'account-password-changed');

    expect((await stack.platform.graphql('{ me { id } }', {}, other.body.accessToken)).status).toBe(401);
    // This session goes on.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Password and email' }).waitFor();

    await signOutThroughHeader(page);
    await signInThroughForm(page, stack.spa.url, email, newPassword);
    await page.getByText('The email or password is incorrect.').waitFor();
    await signInThroughForm(page, stack.spa.url, email, changedPassword);
    await page.getByLabel('Authentication code').waitFor();
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[3]!);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(`${stack.spa.url}/account`);
  });

  it('changes the email through the link sent to the new address; the new email signs in', async () => {
    await page.goto(`${stack.spa.url}/account/credentials`);
    const form = page.getByRole('form', { name: 'Change your email address' });
    await form.getByLabel('Current password').fill(changedPassword);
    await form.getByLabel('New email address').fill(newEmail);
    await form.getByRole('button', { name: 'Send the confirmation link' }).click();
    await form.getByText(`We sent a link to ${newEmail}.`).waitFor();
    await screenshot(page, 'account-email-change');

    const link = await nextLinkFor(stack.platform, newEmail, '/confirm-email-change', 0);
    expect(link.startsWith(`${stack.spa.url}/confirm-email-change?token=`)).toBe(true);
    await page.goto(link);
    await page.getByText(`Your email address is now ${newEmail}.`).waitFor();
    // The token left the address bar (and this history entry).
    expect(page.url()).toBe(`${stack.spa.url}/confirm-email-change`);
    await screenshot(page, 'confirm-email-change');

    await page.getByRole('link', { name: 'Back to your account' }).click();
    await page.getByText(newEmail).first().waitFor();
    await signOutThroughHeader(page);
    await signInThroughForm(page, stack.spa.url, email, changedPassword);
    await page.getByText('The email or password is incorrect.').waitFor();
    await signInThroughForm(page, stack.spa.url, newEmail, changedPassword);
    await page.getByLabel('Authentication code').waitFor();
  });

  it('the password and email page fits a 375 px wide phone screen without sideways scrolling', async () => {
    const phone = await browser.newContext({ width: 375, height: 812 });
    await signInThroughForm(phone.page, stack.spa.url, newEmail, changedPassword);
    await phone.page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await phone.page.getByLabel('Recovery code').fill(recoveryCodes[4]!);
    await phone.page.getByRole('button', { name: 'Verify and sign in' }).click();
    await phone.page.waitForURL(`${stack.spa.url}/account`);
    await phone.page.goto(`${stack.spa.url}/account/credentials`);
    await phone.page.getByRole('heading', { level: 1, name: 'Password and email' }).waitFor();
    const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await screenshot(phone.page, 'account-credentials-375px');
    await phone.context.close();
  });

  it('never reached a host other than this machine and threw no page errors', () => {
    expect(browser.blocked).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
