/**
 * Accessibility over one page of each kind (every page of the sitemap in `npm run test:full`), in Chromium: zero axe violation (WCAG 2.2 A and AA),
 * no console error and no CSP violation, no horizontal scroll at 320 px (what 400 % zoom gives on a
 * 1,280 px screen, so 200 % is covered too). The list of pages comes from /sitemap.xml.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { mapLimit, pagesToSweep, sitemapPaths } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
let paths: string[];
const browser = browserForFile();

beforeAll(async () => {
  paths = pagesToSweep(await sitemapPaths(baseUrl));
});

/** Records CSP violations from the first script on, before the page's own scripts run. */
async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

/** Horizontal overflow at the current viewport: the page, or any element wider than the viewport. */
async function horizontalOverflow(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return undefined;
    // The first element that sticks out and is not clipped by a scrolling or hidden-overflow ancestor.
    const clipped = (el: Element): boolean => {
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].find(
      (el) => el.getBoundingClientRect().right > root.clientWidth && !clipped(el),
    );
    return `scrollWidth ${root.scrollWidth} > ${root.clientWidth}${wide ? `, par exemple <${wide.tagName.toLowerCase()} class="${wide.className}">` : ''}`;
  });
}

describe('the pages of the sitemap (one per kind; all of them in test:full)', () => {
  it('has no axe violation, console error or CSP violation, and no horizontal scroll at 320 px', { timeout: 900_000 }, async () => {
    expect(paths.length).toBeGreaterThan(0);
    const problems = await mapLimit(paths, 2, async (path) => {
      const { page, context, consoleErrors } = await openHermeticPage(browser, baseUrl, { viewport: { width: 1280, height: 900 } });
      await recordCspViolations(page);
      const found: string[] = [];
      try {
        const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
        if (response?.status() !== 200) found.push(`statut ${response?.status()}`);
        if ((await page.getAttribute('html', 'lang')) !== 'fr') found.push('lang différent de fr');
        if ((await page.locator('h1').count()) !== 1) found.push(`${await page.locator('h1').count()} titres h1`);
        found.push(...(await axeViolations(page)));
        await page.setViewportSize({ width: 320, height: 640 });
        await page.waitForTimeout(50);
        const overflow = await horizontalOverflow(page);
        if (overflow) found.push(`défilement horizontal à 320 px : ${overflow}`);
        found.push(
          ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).map((v) => `CSP : ${v}`),
        );
        // Requests to other hosts are aborted on purpose (hermetic): their console lines are not the page's errors.
        found.push(
          ...consoleErrors
            .filter((e) => !e.includes('net::ERR_BLOCKED_BY_CLIENT') && !e.includes('ERR_FAILED'))
            .map((e) => `console : ${e}`),
        );
      } finally {
        await context.close();
      }
      return found.map((problem) => `${path} : ${problem}`);
    });
    expect(problems.flat()).toEqual([]);
  });
});

describe('the axe check itself', () => {
  it('reports a missing alternative text, an unlabelled field and text too pale to read', async () => {
    const { page, context } = await openHermeticPage(browser, baseUrl);
    try {
      await page.goto(`${baseUrl}/mentions-legales/`);
      await page.evaluate(() => {
        const main = document.querySelector('main') as HTMLElement;
        main.insertAdjacentHTML('beforeend', '<img src="/favicon.svg"><input type="text"><p>Texte trop pâle</p>');
        // Styled from script: the site's policy ignores style attributes written in the markup.
        Object.assign((main.lastElementChild as HTMLElement).style, { color: '#ccc', background: '#fff' });
      });
      const found = (await axeViolations(page)).map((line) => line.split(' ')[0]);
      expect(found).toEqual(expect.arrayContaining(['image-alt', 'label', 'color-contrast']));
    } finally {
      await context.close();
    }
  });
});

describe('visible focus', () => {
  it('shows an outline on every control reached with Tab, on the home page', async () => {
    const { page, context } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    const seen = new Set<string>();
    const invisible: string[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return undefined;
        const style = getComputedStyle(el);
        const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        const shadowed = style.boxShadow !== 'none';
        return {
          id: `${el.tagName.toLowerCase()} ${el.textContent?.trim().slice(0, 40) ?? ''} ${el.getAttribute('href') ?? ''}`,
          visible: outlined || shadowed,
        };
      });
      if (!focus) continue;
      if (seen.has(focus.id)) break;
      seen.add(focus.id);
      if (!focus.visible) invisible.push(focus.id);
    }
    expect(seen.size).toBeGreaterThan(5);
    expect(invisible).toEqual([]);
    await context.close();
  });
});

describe('printing', () => {
  it('prints a département’s list without the map, the navigation or the quick exit', async () => {
    const path = paths.find((p) => /^\/departements\/[^/]+\/$/.test(p));
    expect(path, 'une page de département dans le plan du site').toBeDefined();
    const { page, context } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}${path}`);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => {
      const visible = (selector: string): boolean =>
        [...document.querySelectorAll<HTMLElement>(selector)].some(
          (el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed',
        );
      return {
        exit: visible('.quick-exit'),
        nav: visible('.site-header nav'),
        map: visible('.service-map, .pmap, .leaflet-container'),
        main: visible('main h1'),
      };
    });
    expect(shown).toEqual({ exit: false, nav: false, map: false, main: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await context.close();
  });
});
