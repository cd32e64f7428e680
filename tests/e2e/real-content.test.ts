/**
 * The one smoke build of the real content/ (every other browser test runs on fixture content): it must
 * look at real content because federations edit it every week, and what they publish must build and
 * open. It names no service: whatever the files are, each published service has its page, and the
 * pages that summarise them open without console error or axe violation.
 */
import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR, loadContent } from '../../scripts/lib/content-files.ts';
import { oldSourceText } from '../../src/lib/content/source-age.ts';
import { formatDateFr } from '../../src/lib/services/service-format.ts';
import { fixtureBuild } from '../support/fixture-builds.ts';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';

const content = loadContent(DEFAULT_CONTENT_DIR);
let site: ServedSite;
const browser = browserForFile();

beforeAll(async () => {
  // Rebuilt only when content/ or the sources change (fixture-builds.ts).
  const { outDir } = await fixtureBuild({
    name: 'real-content',
    writeContent: (dir) => {
      cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
      return dir;
    },
  });
  site = await serveSite(outDir);
}, 900_000);

afterAll(async () => {
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
      const old = oldSourceText(
        service.sources.map((source) => source.date),
        today,
      );
      if (old) expect(html, service.id).toContain(old);
      const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';
      expect(
        heading
          .replace(/&amp;/g, '&')
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"'),
        service.id,
      ).toBe(service.name);
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
