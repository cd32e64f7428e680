/**
 * Safety: the quick exit on every page (present, first after the skip link; working with the button,
 * the keyboard and three presses of Shift, replacing the history entry: each page one way in the page
 * sweep, every way on every type of page here in `npm run test:full`); no page title or URL
 * that reveals a violence context; a confidential address never present in any built file; and no
 * service's referral address in any file a browser receives.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SITE } from '../../src/lib/site/site-text.ts';
import { openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { QUICK_EXIT_WAYS, quickExitProblems } from '../support/quick-exit.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import { filesUnder, mapLimit, onePathPerPageType, sitemapPaths } from '../support/site-crawl.ts';
import { buildTrustSite, CONFIDENTIAL_PLACE, trustFixtureServices } from '../support/trust-site.ts';

const baseUrl = inject('baseUrl');
let paths: string[];
const browser = browserForFile();

beforeAll(async () => {
  paths = await sitemapPaths(baseUrl);
});

describe('the quick exit', () => {
  it('is on every page of the sitemap, right after the skip link, towards the neutral site', async () => {
    const problems = (
      await mapLimit(paths, 8, async (path) => {
        const html = await (await fetch(`${baseUrl}${path}`)).text();
        const links = [...html.matchAll(/<a\b[^>]*>/g)].map((match) => match[0]);
        const exits = links.filter((tag) => tag.includes('data-quick-exit'));
        if (exits.length !== 1) return [`${path} : ${exits.length} boutons « Quitter ce site »`];
        const found: string[] = [];
        if (!exits[0]?.includes(`href="${SITE.quickExitUrl}"`)) found.push(`${path} : le bouton ne mène pas à ${SITE.quickExitUrl}`);
        if (!exits[0]?.includes('rel="noreferrer"')) found.push(`${path} : le bouton transmet l’adresse de la page`);
        if (!links[0]?.includes('skip-link') || links[1] !== exits[0])
          found.push(`${path} : le bouton n’est pas le premier lien après « Aller au contenu »`);
        return found;
      })
    ).flat();
    expect(problems).toEqual([]);
  });

  // Blanking the page before leaving is checked in tests/unit/quick-exit.test.ts: here the aborted
  // navigation replaces the page too fast to observe it. In `npm test`, the page sweep leaves each
  // page one way, the ways taking turns (page-sweep.test.ts); here, every way on every type of page.
  it.runIf(process.env.PASSERELLE_FULL_SWEEP === '1')(
    'leaves with the button, the keyboard and Shift pressed three times, on every type of page, without a new history entry',
    { timeout: 300_000 },
    async () => {
      const sample = onePathPerPageType(paths);
      const problems: string[] = [];
      for (const path of sample) {
        for (const way of QUICK_EXIT_WAYS) {
          const { page, context, blockedRequests } = await openHermeticPage(browser, baseUrl);
          try {
            await page.goto(`${baseUrl}${path}`);
            problems.push(...(await quickExitProblems(page, blockedRequests, way)).map((problem) => `${path} : ${problem}`));
          } finally {
            await context.close();
          }
        }
      }
      expect(sample.length).toBeGreaterThan(3);
      expect(problems).toEqual([]);
    },
  );

  it('is not triggered by Shift pressed twice, or three times slowly', async () => {
    const { page, context, blockedRequests } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForTimeout(1_100);
    await page.keyboard.press('Shift');
    await page.waitForTimeout(300);
    expect(blockedRequests.filter((url) => url.startsWith(SITE.quickExitUrl))).toEqual([]);
    expect(page.url().startsWith(baseUrl)).toBe(true);
    await context.close();
  });
});

describe('what a tab or a history shows', () => {
  const REVEALING = /violen|agress|maltrait|conjugal|victime|danger|abus|emprise|f[ée]minicide|sexuel|inceste|harc[eè]l/i;

  it('has no title or URL revealing a violence context, on every page of the sitemap, the emergency numbers included', async () => {
    expect(paths).toContain('/numeros-utiles/');
    const problems = (
      await mapLimit(paths, 8, async (path) => {
        const html = await (await fetch(`${baseUrl}${path}`)).text();
        const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
        const found: string[] = [];
        if (REVEALING.test(decodeURIComponent(path))) found.push(`${path} : l’adresse révèle un contexte de violence`);
        if (REVEALING.test(title)) found.push(`${path} : le titre « ${title} » révèle un contexte de violence`);
        return found;
      })
    ).flat();
    expect(problems).toEqual([]);
  });
});

describe('on a site with services that accept referrals and a confidential place', () => {
  const fixtures = trustFixtureServices();
  let outDir: string;
  let site: ServedSite;

  beforeAll(async () => {
    outDir = await buildTrustSite();
    site = await serveSite(outDir);
  }, 600_000);
  afterAll(async () => {
    await site?.stop();
  });

  const secrets = [
    CONFIDENTIAL_PLACE.address,
    CONFIDENTIAL_PLACE.name,
    String(CONFIDENTIAL_PLACE.latitude),
    String(CONFIDENTIAL_PLACE.longitude),
    'Glycines',
  ];

  it('the confidential place is in no built file: pages, feeds, open data, scripts or the server bundle', () => {
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith('/annuaire/test-lieu-protege/index.html'))).toBe(true);
    const leaks = files.flatMap((file) => {
      const text = readFileSync(file).toString('utf8');
      return secrets.filter((secret) => text.includes(secret)).map((secret) => `${relative(outDir, file)} contient « ${secret} »`);
    });
    expect(leaks).toEqual([]);
  });

  it('the confidential place is in no page rendered on demand, and the service page shows its commune', async () => {
    const servicePage = await (await fetch(`${site.baseUrl}/annuaire/test-lieu-protege/`)).text();
    expect(servicePage).toContain('Arras');
    for (const path of ['/orienter/?service=test-lieu-protege', '/annuaire/test-lieu-protege/']) {
      const html = await (await fetch(`${site.baseUrl}${path}`)).text();
      expect(
        secrets.filter((secret) => html.includes(secret)),
        path,
      ).toEqual([]);
    }
  });

  it('no referral address (orientation.email) is in any file sent to browsers, nor in the form page', async () => {
    const addresses = fixtures.flatMap((service) => service.orientation?.email ?? []);
    expect(addresses.length).toBeGreaterThan(2);
    const files = filesUnder(`${outDir}/client`);
    expect(files.some((file) => file.endsWith('/annuaire/test-espace-rencontre-arras/index.html'))).toBe(true);
    const leaks = files.flatMap((file) => {
      const text = readFileSync(file).toString('utf8');
      return addresses.filter((address) => text.includes(address)).map((address) => `${relative(outDir, file)} contient « ${address} »`);
    });
    expect(leaks).toEqual([]);
    const form = await (await fetch(`${site.baseUrl}/orienter/?service=test-espace-rencontre-arras`)).text();
    expect(form).toContain('Espace rencontre fictif d’Arras');
    expect(addresses.filter((address) => form.includes(address))).toEqual([]);
  });
});
