/**
 * The Chromium that `npm install` brings (`@sparticuz/chromium`, Linux x64) is the last resort of the
 * browser tests on a machine without a system browser: this checks that it really opens the site,
 * even where a system Chromium exists and is the one the other tests use.
 */
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { findBrowserExecutable } from '../support/browser-executable.ts';

const supported = process.platform === 'linux' && process.arch === 'x64';

describe.skipIf(!supported)('Chromium apporté par npm install (Linux x64 seulement)', () => {
  it('opens the home page headless with playwright-core', async () => {
    const packaged = await findBrowserExecutable({}, []);
    expect(packaged.origin).toBe('@sparticuz/chromium');
    const browser = await launchBrowser(packaged);
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
