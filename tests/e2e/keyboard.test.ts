/**
 * Keyboard only: find a service from the home page, open it, start a referral, with Tab, typing and
 * Enter alone; every control reached shows a visible focus.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openHermeticPage } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Focused {
  tag: string;
  href: string;
  name: string;
  label: string;
  visible: boolean;
}

/** What has the focus, and whether the focus is visible (outline of 2 px or more, or a box shadow). */
function focused(page: Page): Promise<Focused | undefined> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return undefined;
    const style = getComputedStyle(el);
    const labels = (el as HTMLInputElement).labels;
    return {
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute('href') ?? '',
      name: el.getAttribute('name') ?? '',
      label: labels?.[0]?.textContent?.trim() ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
      visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    };
  });
}

/** Presses Tab until `wanted` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, what: string, wanted: (f: Focused) => boolean, max = 150): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await focused(page);
    if (!current) continue;
    expect(current.visible, `focus invisible sur <${current.tag}> « ${current.label.slice(0, 40)} »`).toBe(true);
    if (wanted(current)) return current;
  }
  throw new Error(`${what} : introuvable au clavier sur ${page.url()} après ${max} tabulations`);
}

describe('keyboard-only journey', () => {
  it('finds a service near a town, opens it and starts a referral', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);

    const field = await tabTo(page, 'le champ de recherche', (f) => f.tag === 'input' && f.name === 'lieu');
    expect(field.label).not.toBe('');
    await page.keyboard.type('Arras');
    await Promise.all([page.waitForURL(/\/recherche\//), page.keyboard.press('Enter')]);

    await tabTo(page, 'un service dans les résultats', (f) => f.tag === 'a' && f.href.startsWith('/annuaire/') && f.href !== '/annuaire/');
    await Promise.all([page.waitForURL(/\/annuaire\/[^/]+\/$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').count()).toBe(1);

    await tabTo(page, 'le lien vers le formulaire d’orientation', (f) => f.tag === 'a' && f.href.startsWith('/orienter/'));
    await Promise.all([page.waitForURL(/\/orienter\//), page.keyboard.press('Enter')]);

    const first = await tabTo(page, 'un champ du formulaire', (f) => ['input', 'select', 'textarea'].includes(f.tag) && f.name !== 'lieu');
    expect(first.label, 'le premier champ du formulaire a une étiquette').not.toBe('');
    // Map tiles are aborted on purpose (hermetic browser): those lines are not the page's errors.
    expect(consoleErrors.filter((e) => !e.includes('ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
    await context.close();
  });

  it('skips to the content with the first Tab', async () => {
    const { page, context } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip?.href).toBe('#contenu');
    expect(skip?.visible).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await context.close();
  });
});
