// Debian's Chromium driven by playwright-core, offline but for this machine: every request to another host is
// aborted and recorded, so a test can assert the SPA never reached out (fonts, CDNs, analytics).
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../screenshots');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const chromiumMissing = !existsSync(CHROMIUM);

export interface BrowserSession {
  browser: Browser;
  /** Hosts other than this machine that a page tried to reach (all aborted). */
  blocked: string[];
  /** Uncaught page errors and console errors, by page. */
  problems: string[];
  newContext(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const blocked: string[] = [];
  const problems: string[] = [];
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
        await route.continue();
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
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
