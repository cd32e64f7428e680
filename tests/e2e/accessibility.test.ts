/**
 * Accessibility beyond what each page is checked for in the page sweep (page-sweep.test.ts: axe,
 * console, CSP, 320 px): the axe check itself reports known violations, focus is visible on every
 * control, and a département's list prints without the map, the navigation or the quick exit.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { sitemapPaths } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
let paths: string[];
const browser = browserForFile();

beforeAll(async () => {
  paths = await sitemapPaths(baseUrl);
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
