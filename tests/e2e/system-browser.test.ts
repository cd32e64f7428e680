/**
 * The browser tests drive the Chromium that `npm install` brings (`@sparticuz/chromium`, Linux x64);
 * elsewhere they fall back on a Chromium or Chrome of the system. This checks that fallback really
 * opens the site, on a machine that has one (skipped, and said so, on a machine that has none).
 */
import { existsSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { findBrowserExecutable, SYSTEM_BROWSER_PATHS } from '../support/browser-executable.ts';

const present = SYSTEM_BROWSER_PATHS.some((path) => existsSync(path));

describe.skipIf(!present)(`Chromium ou Chrome du système${present ? '' : ' (ignoré : aucun sur cette machine)'}`, () => {
  it('opens the home page headless with playwright-core', async () => {
    const system = await findBrowserExecutable({}, SYSTEM_BROWSER_PATHS, () => Promise.resolve(undefined));
    expect(system.origin).toBe('système');
    const browser = await launchBrowser(system);
    try {
      const page = await browser.newPage();
      await page.goto(`${inject('baseUrl')}/`);
      await expect.poll(() => page.locator('h1').first().textContent()).toBeTruthy();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    } finally {
      await browser.close();
    }
  });
});
