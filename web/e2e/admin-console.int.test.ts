// The admin console end to end, in Debian's Chromium against the running platform: an admin finds a user,
// grants a role, revokes their sessions and sees both in the audit log (and verifies its hash chain); a plain
// user cannot reach the console. Screenshots of the key screens go to web/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { changeRole } from '../../gateway/test/support/roles.js';
import { seed } from '../../gateway/test/support/seed.js';
import type { SeededUser } from '../../gateway/test/support/seed.js';
import { chromiumMissing, launchBrowser, screenshot } from './support/browser.js';
import type { BrowserSession } from './support/browser.js';
import { signInThroughForm, signOutThroughHeader, startJourneyStack } from './support/journey.js';
import type { JourneyStack } from './support/journey.js';

/** The GraphQL operation names a page sent, read from the requests' bodies. */
function operationsSentBy(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/graphql')) return;
    try {
      const body = JSON.parse(request.postData() ?? '{}') as { operationName?: string };
      if (body.operationName) names.push(body.operationName);
    } catch {
      // not JSON
    }
  });
  return names;
}

(chromiumMissing ? describe.skip : describe)('the admin console in the SPA', () => {
  jest.setTimeout(180_000);

  let stack: JourneyStack;
  let browser: BrowserSession;
  let context: BrowserContext;
  let page: Page;
  let admin: SeededUser;
  let target: SeededUser;
  let plain: SeededUser;
  let targetToken = '';

  beforeAll(async () => {
    // 127.0.0.1, as `npm start` prints it (the user journey uses localhost): the Secure cookie works on both.
    stack = await startJourneyStack({ host: '127.0.0.1' });
    admin = await seed(stack.platform)
      .user({ email: `admin-${Date.now()}@example.test` })
      .verified()
      .create();
    await changeRole(stack.platform, 'grant', 'admin', admin.email);
    target = await seed(stack.platform)
      .user({ email: `target-${Date.now()}@example.test` })
      .verified()
      .create();
    targetToken = (await target.login()).accessToken;
    plain = await seed(stack.platform).user().verified().create();
    browser = await launchBrowser();
    ({ context, page } = await browser.newContext());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('an admin signs in and opens the console overview', async () => {
    await signInThroughForm(page, stack.spa.url, admin.email, admin.password);
    await page.waitForURL(`${stack.spa.url}/account`);
    // The Secure refresh cookie is kept over plain http from 127.0.0.1, and a reload signs in from it.
    expect((await context.cookies()).find((c) => c.name === 'cbp_refresh')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    });
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).click();
    await page.getByRole('heading', { level: 1, name: /Overview|System/ }).waitFor();
    await page
      .getByText(/signing key/i)
      .first()
      .waitFor();
    await screenshot(page, 'console-overview');
  });

  it('finds the user by email and opens their account', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email contains').fill(target.email.slice(0, 12));
    await page.getByRole('button', { name: 'Search' }).click();
    const link = page.getByRole('link', { name: target.email });
    await link.waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(target.email.slice(0, 12));
    await screenshot(page, 'console-users');
    await link.click();
    await page.waitForURL(`${stack.spa.url}/console/users/${target.userId}`);
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
  });

  it('grants the support role', async () => {
    await page.getByLabel('Role to grant').selectOption('support');
    await page.getByRole('button', { name: 'Grant', exact: true }).click();
    await page.getByRole('list', { name: 'Roles held' }).getByText('support').waitFor();
  });

  it('revokes all their sessions; their access token stops working at once', async () => {
    expect((await stack.platform.graphql('{ me { id } }', {}, targetToken)).status).toBe(200);
    await page.getByRole('button', { name: 'Revoke all sessions' }).click();
    await page.getByRole('button', { name: 'Confirm: end every session' }).click();
    await page.getByText(/Ended 1 session/).waitFor();
    await screenshot(page, 'console-user-detail');
    expect((await stack.platform.graphql('{ me { id } }', {}, targetToken)).status).toBe(401);
  });

  it('sees the grant and the revocation in the audit log, and the chain verifies', async () => {
    await page.getByRole('link', { name: 'See all in the audit log' }).click();
    await page.waitForURL((url) => url.pathname === '/console/audit' && url.searchParams.get('subjectId') === target.userId);
    // Events reach the audit log through the outbox and the Redis stream: give the consumer a moment.
    const table = page.getByRole('table');
    for (let attempt = 0; ; attempt++) {
      await page
        .getByRole('table')
        .or(page.getByText(/No entries|No events/))
        .first()
        .waitFor();
      const text = (await table.count()) > 0 ? await table.innerText() : '';
      if (text.includes('role.granted') && text.includes('session.revoked_all')) break;
      if (attempt > 30) throw new Error(`audit log never showed both events:\n${text}`);
      await page.waitForTimeout(500);
      await page.reload();
    }
    await expect(table.innerText()).resolves.toContain(admin.email);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/All \d+ entries verified/).waitFor();
    await screenshot(page, 'console-audit-log');
  });

  it('a plain user sees no console link, and /console shows "Not available" without asking for admin data', async () => {
    await signOutThroughHeader(page);
    await signInThroughForm(page, stack.spa.url, plain.email, plain.password);
    await page.waitForURL(`${stack.spa.url}/account`);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Console' }).count()).toBe(0);
    // Wait for the account page's own query, so that what is counted below is what /console sends.
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await page.getByText(plain.email).first().waitFor();
    const sent = operationsSentBy(page);
    await page.goto(`${stack.spa.url}/console/users`);
    await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
    await screenshot(page, 'console-forbidden');
    // A full page load: the session is picked up from the cookie (RefreshSession, Viewer), and nothing else.
    expect([...new Set(sent)].sort()).toEqual(['RefreshSession', 'Viewer']);
    // And the server says no on its own: the same user's token gets FORBIDDEN for the console's query.
    const token = (await plain.login()).accessToken;
    const direct = await stack.platform.graphql<{ users: unknown }>('{ users(first: 5) { edges { node { id email } } } }', {}, token);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('fits a 375 px wide phone screen without sideways scrolling of the page', async () => {
    const phone = await browser.newContext({ width: 375, height: 812 });
    await signInThroughForm(phone.page, stack.spa.url, admin.email, admin.password);
    await phone.page.waitForURL(`${stack.spa.url}/account`);
    await phone.page.goto(`${stack.spa.url}/console/users`);
    await phone.page.getByRole('link', { name: target.email }).waitFor();
    const overflow = await phone.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'console-users-375px');
    await phone.context.close();
  });

  it('never reached a host other than this machine, and broke no Content-Security-Policy rule', () => {
    expect(browser.blocked).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
