/**
 * The public pages, on the e2e build of the fixture content (tests/fixtures/site): one page per
 * département and région, the made-up Arras service where families look for it, honest « aucun
 * service » sections with the services near enough, and the main
 * pages usable by keyboard, without console errors or axe violations.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { SERVICE_KIND_INFO, SERVICE_KINDS } from '../../src/lib/services/service-vocabulary.ts';
import { departementPath } from '../../src/lib/territories/departement-naming.ts';
import { listDepartements, listRegions } from '../../src/lib/territories/territory-data.ts';
import { oldSourceText } from '../../src/lib/content/source-age.ts';
import { formatDateFr } from '../../src/lib/services/service-format.ts';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { fixtureSiteServices } from '../support/fixture-site.ts';
import { parsedFixtureServices } from '../support/referral-fixtures.ts';

const baseUrl = inject('baseUrl');
const outDir = inject('outDir');
const ARRAS = '/annuaire/test-maison-des-parents-fictive-arras/';
const PAS_DE_CALAIS = '/departements/62-pas-de-calais/';
/** A candidate of the data·inclusion import moved into the fixture content (tests/fixtures/site/README.md). */
const IMPORTED = 'test-mediateurs-de-quartier-importes-calais';

async function html(path: string): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The HTML of a kind's section on a territory page (from its heading to the next section). */
function kindSection(page: string, kind: string): string {
  const start = page.indexOf(`id="type-${kind}"`);
  if (start < 0) return '';
  const end = page.indexOf('</section>', start);
  return page.slice(start, end);
}

describe('territory pages', () => {
  it('builds one page per département (101) and per région (18)', async () => {
    const pagesIn = (dir: string): string[] =>
      readdirSync(join(outDir, 'client', dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(outDir, 'client', dir, entry.name, 'index.html')))
        .map((entry) => entry.name);
    const departements = pagesIn('departements');
    const regions = pagesIn('regions');
    expect(departements).toHaveLength(101);
    expect(regions).toHaveLength(18);
    expect(departements.sort()).toEqual(
      listDepartements()
        .map((d) => departementPath(d).split('/')[2])
        .sort(),
    );
    expect(regions.sort()).toEqual(
      listRegions()
        .map((r) => r.slug)
        .sort(),
    );
    for (const path of ['/departements/2a-corse-du-sud/', '/departements/971-guadeloupe/', '/regions/hauts-de-france/']) await html(path);
  });

  it('lists the Arras service on the Pas-de-Calais page and on the page of each of its kinds', async () => {
    const departement = await html(PAS_DE_CALAIS);
    for (const kind of ['espace-rencontre', 'visites-tiers', 'soutien-parentalite']) {
      expect(kindSection(departement, kind), kind).toContain(`href="${ARRAS}"`);
      expect(await html(SERVICE_KIND_INFO[kind as keyof typeof SERVICE_KIND_INFO].path), kind).toContain(`href="${ARRAS}"`);
    }
    expect(await html('/regions/hauts-de-france/')).toContain(`href="${ARRAS}"`);
    expect(kindSection(departement, 'mediation-familiale')).not.toContain(`href="${ARRAS}"`);
  });

  it('says so when a département has no service of a kind, and shows the services within the kind’s near distance and where to ask', async () => {
    let emptySections = 0;
    let nearestShown = 0;
    for (const departement of listDepartements()) {
      const page = await html(departementPath(departement));
      for (const kind of SERVICE_KINDS) {
        const section = kindSection(page, kind);
        expect(section, `${departement.code} ${kind}`).not.toBe('');
        if (!/\(0\)/.test(section.slice(0, section.indexOf('</h2>')))) continue;
        emptySections++;
        expect(section).toContain('ne connaît encore aucun service de ce type');
        expect(section).toContain('Où vous renseigner');
        const kindPage = await html(SERVICE_KIND_INFO[kind].path);
        const kindHasServices = kindPage.includes('href="/annuaire/');
        const nearest = [...section.matchAll(/href="(\/annuaire\/[^"]+)"[^>]*>[^<]*<\/a>, [^,]+ \(([^)]+)\), à environ (\d+) km/g)];
        if (!kindHasServices) continue;
        // None within reach (an overseas département, say): the section says so rather than send families far away.
        if (nearest.length === 0)
          expect(section, `${departement.code} ${kind}`).toContain(`Aucun service connu à moins de ${NEAR_DISTANCE_KM[kind]} km.`);
        nearestShown += nearest.length;
        // The nearest services are elsewhere, within reach, and their pages exist.
        for (const [, path, departementName, km] of nearest) {
          expect(departementName).not.toBe(departement.name);
          expect(Number(km)).toBeLessThanOrEqual(NEAR_DISTANCE_KM[kind]);
          expect(kindPage).toContain(`href="${path}"`);
        }
      }
    }
    expect(emptySections).toBeGreaterThan(0);
    expect(nearestShown).toBeGreaterThan(0);
  });

  it('shows legal professionals the services reachable on a court decision', async () => {
    const page = await html(PAS_DE_CALAIS);
    const section = page.slice(page.indexOf('id="professionnels-du-droit"'));
    expect(section).toContain(`href="${ARRAS}"`);
    expect(section).toContain('juge aux affaires familiales');
  });
});

describe('service page', () => {
  it('shows every place, the sources, the check date and whom to tell of an error, and no referral link without consent', async () => {
    const page = await html(ARRAS);
    expect(page).toContain('62000 Arras');
    expect(page).toContain('https://exemple.test/maison-des-parents-arras');
    expect(page).toMatch(/Informations vérifiées le 23 novembre 2026/);
    // Built without PUBLIC_CORRECTIONS_EMAIL: no made-up address, but the organisation that keeps the entry.
    const feedback = /<details id="signaler-une-erreur"[^>]*>([\s\S]*?)<\/details>/.exec(page)?.[1] ?? '';
    expect(feedback).toMatch(/<summary[^>]*>Signaler une erreur \/ proposer une modification<\/summary>/);
    expect(feedback).toMatch(
      /<a href="https:\/\/exemple\.test\/association-du-coin\/"[^>]*>Association fictive du Coin \(gestionnaire\)<\/a>/,
    );
    expect(page).not.toContain('passerelle.localhost');
    expect(page).not.toContain('/orienter/?service=');
  });

  it('shows an imported service’s hub as its source, with the record’s date and the year of that old source', async () => {
    const imported = parsedFixtureServices(fixtureSiteServices()).find((service) => service.id === IMPORTED);
    const [source] = imported?.sources ?? [];
    expect(source?.title).toMatch(/^data·inclusion \(dora\), identifiant /);
    const page = await html(`/annuaire/${IMPORTED}/`);
    // Astro's scoping attributes aside, the source reads as the page writes it: the hub, the record, its date.
    const sources = page.slice(page.indexOf('id="sources"')).replace(/ data-astro-cid-\w+/g, '');
    expect(sources).toContain(`<a href="${source?.url}">${source?.title}</a> (${formatDateFr(source?.date ?? '')})`);
    expect(sources).toContain(`Informations vérifiées le ${formatDateFr(imported?.lastChecked ?? '')}`);
    const old = oldSourceText([source?.date], new Date().toISOString().slice(0, 10));
    expect(old).toMatch(/^d’après une source de \d{4}$/);
    expect(/<p class="notice service-old-source"[^>]*>([\s\S]*?)<\/p>/.exec(page)?.[1]).toContain(`Informations ${old}`);
  });

  it('reads the opening hours in French', async () => {
    const page = await html('/annuaire/test-mediation-sociale-fictive-marseille/');
    expect(page).toContain('Du mardi au samedi, de 13 h à 21 h');
  });
});

describe('emergency page', () => {
  it('has a neutral title and tel: links to the emergency numbers', async () => {
    const page = await html('/numeros-utiles/');
    const title = /<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '';
    expect(title).toContain('Numéros utiles');
    expect(title).not.toMatch(/danger|violence/i);
    for (const href of ['tel:3919', 'tel:119', 'tel:17', 'tel:112', 'sms:114']) expect(page).toContain(`href="${href}"`);
  });
});

describe('home page', () => {
  it('offers the search form with lieu and type (to /recherche/lieu/ without JavaScript), and every département', async () => {
    const page = await html('/');
    expect(page).toMatch(/<form[^>]*action="\/recherche\/lieu\/"[^>]*data-with-javascript="\/recherche\/"[^>]*method="get"/);
    expect(page).toMatch(/name="lieu"/);
    expect(page).toMatch(/name="type"/);
    for (const departement of listDepartements()) expect(page).toContain(`href="${departementPath(departement)}"`);
    expect(page).toContain('href="/numeros-utiles/"');
  });
});

describe('in Chromium', () => {
  const browser = browserForFile();

  /** Tabs through the page, returning a description of each focused element and whether its focus is visible. */
  async function tabThrough(page: Page, presses: number): Promise<{ text: string; href: string; visible: boolean }[]> {
    const seen: { text: string; href: string; visible: boolean }[] = [];
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return undefined;
        const style = getComputedStyle(element);
        const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        return {
          text: (element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 80),
          href: element.getAttribute('href') ?? element.tagName,
          visible,
        };
      });
      if (focused) seen.push(focused);
    }
    return seen;
  }

  for (const [name, path, mustReach] of [
    ['home', '/', ['/departements/62-pas-de-calais/', '/numeros-utiles/']],
    ['département', PAS_DE_CALAIS, [ARRAS]],
    ['service', ARRAS, ['/services/espace-rencontre/']],
  ] as const) {
    it(`${name} page: no console error, no axe violation, usable by keyboard`, async () => {
      const { page, context, consoleErrors, blockedRequests } = await openHermeticPage(browser, baseUrl);
      await page.goto(`${baseUrl}${path}`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // The skip link comes first and moves focus to the main content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Aller au contenu');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');

      await page.goto(`${baseUrl}${path}`);
      const focused = await tabThrough(page, 260);
      const hrefs = focused.map((f) => f.href);
      expect(hrefs).toContain('https://meteofrance.com/');
      for (const href of mustReach) expect(hrefs, href).toContain(href);
      expect(focused.filter((f) => !f.visible).map((f) => `${f.href} ${f.text}`)).toEqual([]);
      if (path !== ARRAS) expect(hrefs).toContain('INPUT');
      // The harness aborts requests to other hosts, which Chromium reports as a console error: only map
      // tiles may be asked for (the one outside host the security policy allows), and nothing else may fail.
      expect(blockedRequests.filter((url) => !url.startsWith('https://tile.openstreetmap.org/'))).toEqual([]);
      expect(consoleErrors.filter((error) => !error.startsWith('Failed to load resource: net::ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
      await context.close();
    });
  }

  it('leaves by the quick exit from the keyboard (Tab, Enter), replacing the history entry', async () => {
    const { page, context, blockedRequests } = await openHermeticPage(browser, baseUrl);
    await page.goto(`${baseUrl}/`);
    await page.goto(`${baseUrl}${PAS_DE_CALAIS}`);
    const historyLength = await page.evaluate(() => history.length);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('https://meteofrance.com/');
    await page.keyboard.press('Enter');
    await expect.poll(() => blockedRequests.some((url) => url.startsWith('https://meteofrance.com/'))).toBe(true);
    expect(await page.evaluate(() => history.length).catch(() => historyLength)).toBe(historyLength);
    await context.close();
  });
});
