// Debian's Chromium driven by playwright-core, offline but for this machine: every request to another host is
// aborted and recorded, so a test can assert the SPA never reached out (fonts, CDNs, analytics).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../screenshots');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const NGINX_SPA_HEADERS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../infra/nginx/spa/spa-security-headers.conf');

/**
 * The Content-Security-Policy nginx sends with the SPA in production, read from its config: the journeys run
 * under it, so a page that needs more (an inline script, a remote font) fails here and not in production.
 */
export function productionCsp(): string {
  const conf = readFileSync(NGINX_SPA_HEADERS, 'utf8');
  const csp = /add_header Content-Security-Policy "([^"]+)"/.exec(conf)?.[1];
  if (!csp) throw new Error(`no Content-Security-Policy in ${NGINX_SPA_HEADERS}`);
  return csp;
}

export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing && process.env.CI !== 'true') {
  // eslint-disable-next-line no-console
  console.warn(`SPA browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
}

export interface BrowserSession {
  browser: Browser;
  /** Hosts other than this machine that a page tried to reach (all aborted). */
  blocked: string[];
  /** Uncaught page errors and Content-Security-Policy violations. */
  problems: string[];
  newContext(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const blocked: string[] = [];
  const problems: string[] = [];
  const csp = productionCsp();
  return {
    browser,
    blocked,
    problems,
    async newContext(viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.protocol !== 'data:' && url.protocol !== 'blob:' && !LOCAL_HOSTS.has(url.hostname)) {
          blocked.push(url.href);
          await route.abort('blockedbyclient');
          return;
        }
        if (route.request().resourceType() === 'document') {
          const response = await route.fetch();
          await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
          return;
        }
        await route.continue();
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
          problems.push(`csp: ${message.text()}`);
      });
      return { context, page };
    },
    close: () => browser.close(),
  };
}

/** Saves a full-page screenshot as web/e2e/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}
