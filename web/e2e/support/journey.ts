// What the browser journeys share: the platform (gateway + subgraphs on real PostgreSQL and Redis, a real SMTP
// sink) with the built SPA in front of it on one origin, and the steps every journey takes.
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startTestPlatform } from '../../../gateway/test/support/platform.js';
import type { TestPlatform } from '../../../gateway/test/support/platform.js';
import { SmtpSink } from '../../../gateway/test/support/smtp-sink.js';
import { waitForNextMail, mailsTo } from '../../../gateway/test/support/mailbox.js';
import { buildSpa, freePort, startSpaPreview } from './spa.js';
import type { BuiltSpa, RunningSpa } from './spa.js';

export interface JourneyStack {
  platform: TestPlatform;
  spa: RunningSpa;
  build: BuiltSpa;
  close(): Promise<void>;
}

/**
 * Builds the SPA, starts the platform with PUBLIC_URL pointing at it, and serves the build there. `host` is how
 * the browser addresses the SPA: `localhost` or `127.0.0.1` (what `npm start` prints); the refresh cookie is
 * `Secure`, which browsers accept over plain http only from such loopback origins.
 */
export async function startJourneyStack({
  host = 'localhost',
  overrides = {},
}: { host?: 'localhost' | '127.0.0.1'; overrides?: Record<string, string> } = {}): Promise<JourneyStack> {
  const build = await buildSpa();
  const port = await freePort();
  const origin = `http://${host}:${port}`;
  const platform = await startTestPlatform({ PUBLIC_URL: origin, CORS_ORIGINS: origin, ...overrides });
  const spa = await startSpaPreview(build.outDir, port, platform.gatewayUrl, origin);
  return {
    platform,
    spa,
    build,
    async close() {
      await spa.close();
      await platform.close();
      build.remove();
    },
  };
}

/** The link `${PUBLIC_URL}<path>?token=…` from the next email to `to` about `path`. */
export async function nextLinkFor(
  platform: TestPlatform,
  to: string,
  path: '/verify-email' | '/reset-password' | '/confirm-email-change',
  seen = mailsTo(platform.mail, to, new RegExp(`${path}\\?token=`)).length,
): Promise<string> {
  const mail = await waitForNextMail(platform.mail, to, new RegExp(`${path}\\?token=`), seen, 15_000);
  const token = SmtpSink.tokenFrom(mail, path);
  const link = new RegExp(`(https?://[^\\s"<>]+${path}\\?token=)`).exec(mail.text)?.[1];
  if (!link) throw new Error(`no ${path} link in the email`);
  return `${link}${encodeURIComponent(token)}`;
}

export async function signInThroughForm(page: Page, spaUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${spaUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOutThroughHeader(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

/** Nothing that looks like a token is kept in web storage (the access token lives in memory only). */
export async function expectNoTokensInStorage(page: Page): Promise<void> {
  // A string expression: it runs in the page, where the DOM globals exist (this file is compiled for Node).
  const stored = await page.evaluate<string>(
    'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })',
  );
  expect(stored).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./); // a JWT
  expect(stored).not.toMatch(/refresh/i);
  expect(stored).not.toMatch(/[A-Za-z0-9_-]{40,}/); // any long opaque secret
}
