/**
 * The one smoke build of the real content/ (every other browser test runs on fixture content): it must
 * look at real content because federations edit it every week, and what they publish must build and
 * open. It names no service: whatever the files are, each published service has its page, and the
 * pages that summarise them open without console error or axe violation.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR, loadContent } from '../../scripts/lib/content-files.ts';
import { oldSourceText } from '../../src/lib/content/source-age.ts';
import { formatDateFr } from '../../src/lib/services/service-format.ts';
import { BUILDS_DIR, buildSite } from '../../scripts/lib/site-build.ts';
import { axeViolations, launchBrowser, openHermeticPage } from '../support/browser.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';

const content = loadContent(DEFAULT_CONTENT_DIR);
let site: ServedSite;
let browser: Browser;

beforeAll(async () => {
  const outDir = join(BUILDS_DIR, 'real-content');
  buildSite({ outDir, cacheDir: join(BUILDS_DIR, 'real-content-cache') }, { quiet: true });
  site = await serveSite(outDir);
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('the real content', () => {
  it('builds a page for every published service, with its name, its check date and the year of an old source', async () => {
    expect(content.problems.filter((problem) => problem.severity === 'erreur')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    for (const service of content.services) {
      const response = await fetch(`${site.baseUrl}/annuaire/${service.id}/`);
      expect(response.status, service.id).toBe(200);
      const html = await response.text();
      expect(service.sources.length, service.id).toBeGreaterThan(0);
      expect(html, service.id).toContain(`Informations vérifiées le ${formatDateFr(service.lastChecked)}`);
      const old = oldSourceText(service.sources.map((source) => source.date), today);
      if (old) expect(html, service.id).toContain(old);
      const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';
      expect(heading.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'), service.id).toBe(service.name);
    }
  });

  for (const path of ['/', '/federations/rapport/', '/a-propos-des-donnees/']) {
    it(`opens ${path} without console error or axe violation`, async () => {
      const { page, context, consoleErrors } = await openHermeticPage(browser, site.baseUrl);
      const response = await page.goto(`${site.baseUrl}${path}`);
      expect(response?.status()).toBe(200);
      expect(await axeViolations(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }
});
