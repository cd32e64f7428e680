/**
 * Every check a page must pass, in one visit per page in Chromium: one page of each kind in `npm test`,
 * every page of /sitemap.xml in `npm run test:full` (site-crawl.ts). Loading each page once for all
 * of them keeps the sweep's time to one page load per page.
 * - Accessibility: no axe violation (WCAG 2.2 A and AA), no console error and no CSP violation, the
 *   page in French with one h1, no horizontal scroll at 320 px (what 400 % zoom gives on a 1,280 px
 *   screen, so 200 % is covered too).
 * - Privacy: no cookie and no storage, no request to another host except map tiles on a page that
 *   shows a map, and every host contacted named on the confidentialité page.
 * - Weight: no script carries the communes table (2 MB: suggestions come from the small commune
 *   files, /communes/*.json), whatever chunk the bundler puts it in.
 * - The quick exit, last since it leaves the page: it opens the neutral site without a new history
 *   entry, the three ways (button, Tab then Enter, Shift three times) taking turns over the pages
 *   (safety.test.ts tries every way on every kind of page in `npm run test:full`).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { QUICK_EXIT_WAYS, quickExitProblems, type QuickExitWay } from '../support/quick-exit.ts';
import { hostsNamedOnPrivacyPage, mapLimit, pagesToSweep, sitemapPaths, TILE_HOST } from '../support/site-crawl.ts';

const baseUrl = inject('baseUrl');
const browser = browserForFile();
const isTile = (url: string): boolean => new URL(url).host.endsWith(TILE_HOST);

/** The first and last communes of the table: a script that holds both carries the whole table. */
const COMMUNE_TABLE_ENDS = ((): string[] => {
  const rows = JSON.parse(readFileSync(new URL('../../src/lib/territories/data/communes.json', import.meta.url), 'utf8')) as string[][];
  return [rows[0]?.[1], rows.at(-1)?.[1]].filter((name) => name !== undefined);
})();

/** What one visit found, by concern, each line starting with the page's path. */
interface Visit {
  accessibility: string[];
  privacy: string[];
  quickExit: string[];
  /** The scripts the page loaded that carry the communes table. */
  communeTable: string[];
  /** The other hosts the page asked for (all refused by the hermetic page). */
  contacted: string[];
}

let visits: Visit[];

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

async function visit(path: string, way: QuickExitWay): Promise<Visit> {
  const { page, context, consoleErrors, blockedRequests } = await openHermeticPage(browser, baseUrl, {
    viewport: { width: 1280, height: 900 },
  });
  await recordCspViolations(page);
  const accessibility: string[] = [];
  const privacy: string[] = [];
  const contacted = new Set<string>();
  let quickExit: string[] = [];
  const communeTable: string[] = [];
  // What each response carries (a cookie set, a script's text) is read as it comes, and waited for before the page is left.
  const reading: Promise<void>[] = [];
  page.on('response', (response) => {
    const script = response.request().resourceType() === 'script' && response.url().startsWith(baseUrl);
    reading.push(
      (async () => {
        if (await response.headerValue('set-cookie')) privacy.push(`Set-Cookie sur ${response.url()}`);
        if (!script) return;
        const text = await response.text();
        if (COMMUNE_TABLE_ENDS.every((name) => text.includes(name)))
          communeTable.push(`la table des communes dans ${new URL(response.url()).pathname}`);
      })().catch(() => undefined),
    );
  });
  try {
    const response = await page.goto(`${baseUrl}${path}`, { waitUntil: 'load' });
    if (response?.status() !== 200) accessibility.push(`statut ${response?.status()}`);
    if ((await page.getAttribute('html', 'lang')) !== 'fr') accessibility.push('lang différent de fr');
    if ((await page.locator('h1').count()) !== 1) accessibility.push(`${await page.locator('h1').count()} titres h1`);
    accessibility.push(...(await axeViolations(page)));

    // Leave time to islands that load on sight, and scroll so that lazy ones start too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(400);
    const hasMap = (await page.locator('.leaflet-container').count()) > 0;
    for (const url of blockedRequests) {
      if (!url.startsWith('http')) continue;
      contacted.add(new URL(url).host);
      if (!isTile(url)) privacy.push(`requête vers ${new URL(url).host}`);
      else if (!hasMap) privacy.push(`tuile demandée sans carte affichée : ${url}`);
    }
    if ((await page.evaluate(() => document.cookie)) !== '') privacy.push('document.cookie non vide');
    const cookies = await context.cookies();
    if (cookies.length > 0) privacy.push(`cookies : ${cookies.map((c) => c.name).join(', ')}`);
    const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
    if (storage.local > 0) privacy.push(`${storage.local} entrée(s) dans localStorage`);
    if (storage.session > 0) privacy.push(`${storage.session} entrée(s) dans sessionStorage`);

    await page.setViewportSize({ width: 320, height: 640 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(50);
    const overflow = await horizontalOverflow(page);
    if (overflow) accessibility.push(`défilement horizontal à 320 px : ${overflow}`);
    accessibility.push(
      ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).map((v) => `CSP : ${v}`),
    );
    // Requests to other hosts are aborted on purpose (hermetic): their console lines are not the page's errors.
    accessibility.push(
      ...consoleErrors.filter((e) => !e.includes('net::ERR_BLOCKED_BY_CLIENT') && !e.includes('ERR_FAILED')).map((e) => `console : ${e}`),
    );

    await Promise.all(reading);
    quickExit = await quickExitProblems(page, blockedRequests, way);
  } finally {
    await context.close();
  }
  const onPath = (problems: string[]): string[] => [...new Set(problems)].map((problem) => `${path} : ${problem}`);
  return {
    accessibility: onPath(accessibility),
    privacy: onPath(privacy),
    quickExit: onPath(quickExit),
    communeTable: onPath(communeTable),
    contacted: [...contacted],
  };
}

beforeAll(async () => {
  const paths = pagesToSweep(await sitemapPaths(baseUrl));
  // Every page loads in Chromium: the time grows with the content and with the machine's load.
  visits = await mapLimit([...paths.entries()], 2, ([index, path]) =>
    visit(path, QUICK_EXIT_WAYS[index % QUICK_EXIT_WAYS.length] as QuickExitWay),
  );
}, 1_800_000);

describe('each page of the sitemap (one per kind; all of them in test:full)', () => {
  it('has no axe violation, console error or CSP violation, and no horizontal scroll at 320 px', () => {
    expect(visits.length).toBeGreaterThan(3);
    expect(visits.flatMap((v) => v.accessibility)).toEqual([]);
  });

  it('sets no cookie or storage, and contacts no other host except map tiles on a page with a map, each named on the confidentialité page', async () => {
    expect(visits.flatMap((v) => v.privacy)).toEqual([]);
    const { named } = await hostsNamedOnPrivacyPage(baseUrl);
    const contacted = new Set(visits.flatMap((v) => v.contacted));
    expect([...contacted].filter((host) => !named.some((name) => host === name || host.endsWith(`.${name}`)))).toEqual([]);
  });

  it('sends no script that carries the communes table', () => {
    expect(COMMUNE_TABLE_ENDS).toHaveLength(2);
    expect(visits.flatMap((v) => v.communeTable)).toEqual([]);
  });

  it('leaves by the quick exit, with the button, the keyboard or Shift pressed three times in turn, without a new history entry', () => {
    expect(visits.flatMap((v) => v.quickExit)).toEqual([]);
  });
});
