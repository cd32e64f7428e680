import { describe, expect, inject, it } from 'vitest';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';

const baseUrl = inject('baseUrl');
const browser = browserForFile();

describe('home page', () => {
  it('loads in French with no console error and no axe violation', async () => {
    const { page, consoleErrors, context } = await openHermeticPage(browser, baseUrl);
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('leaves by the quick exit after three presses of Shift, replacing the history entry', async () => {
    const { page, context, blockedRequests } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    const historyLength = await page.evaluate(() => history.length);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL((url) => !url.href.startsWith(baseUrl), { waitUntil: 'commit' }).catch(() => undefined);
    await expect.poll(() => blockedRequests.some((url) => url.startsWith('https://meteofrance.com/'))).toBe(true);
    expect(await page.evaluate(() => history.length).catch(() => historyLength)).toBe(historyLength);
    await context.close();
  });
});
