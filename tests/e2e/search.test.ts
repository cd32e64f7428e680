/**
 * The search page in Chromium, on a site built from the search fixtures (real communes, services
 * written by the tests): commune suggestions, nearest results, filters in the URL, reload and back
 * button, "autour de moi", the no-result answer, and the no-JavaScript path; then a family's journey
 * on a phone (homonyms, the quick exit and the history, tap-to-call, the first screen, the layout
 * shift), a lawyer's on paper (JAF and juge des enfants apart, print), and a federation's report.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, openHermeticPage, type HermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { fixtureBuild } from '../support/fixture-builds.ts';
import { SEARCH_SITE } from '../support/fixture-sites.ts';
import { serveSite, type ServedSite } from '../support/referral-site.ts';
import { SEARCH_FIXTURE_SERVICES } from '../unit/search-fixtures.ts';
import { formatDateFr, formatPhone, phoneHref } from '../../src/lib/services/service-format.ts';
import { SITE } from '../../src/lib/site/site-text.ts';

const browser = browserForFile();
let site: ServedSite;
let baseUrl: string;

beforeAll(async () => {
  const { outDir } = await fixtureBuild(SEARCH_SITE);
  site = await serveSite(outDir);
  baseUrl = site.baseUrl;
}, 240_000);
afterAll(async () => {
  await site?.stop();
});

const resultIds = (page: Page): Promise<string[]> =>
  page.locator('#liste-resultats > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-service-id') ?? ''));
const status = (page: Page) => page.locator('.search-answer__status');

async function open(path = '/recherche/', options = {}): Promise<HermeticPage> {
  const hermetic = await openHermeticPage(browser, baseUrl, options);
  await hermetic.page.goto(`${baseUrl}${path}`);
  return hermetic;
}

describe('search page', () => {
  it('suggests communes as one types, and shows the nearest services of the chosen one first', async () => {
    const { page, context, consoleErrors } = await open();
    const field = page.getByRole('combobox', { name: 'Commune ou code postal' });
    await field.pressSequentially('lens', { delay: 30 });
    const option = page.getByRole('option', { name: /^Lens \(62300\)/ });
    await option.waitFor();
    await option.click();
    await expect.poll(() => status(page).textContent()).toMatch(/^5 services trouvés à moins de 30 km de Lens \(62300\)/);
    expect(await resultIds(page)).toEqual(['mf-lens', 'mf-bethune', 'er-arras', 'laep-douai', 'vt-lille']);
    expect(await page.locator('#liste-resultats > li').first().textContent()).toContain('À 0 km');
    expect(new URL(page.url()).searchParams.get('commune')).toBe('62498');
    expect(await field.inputValue()).toBe('Lens (62300)');
    // Then a filter, and a reload of the address: the same results for the same place.
    await page.getByRole('checkbox', { name: /^Médiation familiale/ }).check();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune']);
    await page.reload();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune']);
    expect(await field.inputValue()).toBe('Lens (62300)');
    expect(await axeViolations(page)).toEqual([]);
    // The map beside the results asks for tiles, which the closed network refuses: nothing else may fail.
    expect(consoleErrors.filter((message) => !message.includes('net::ERR_BLOCKED_BY_CLIENT'))).toEqual([]);
    await context.close();
  });

  it('shows the results on a map beside the list, and on a phone loads the map only when the person goes to it', async () => {
    const wide = await open('/recherche/?lieu=Lens&type=mediation-familiale', { viewport: { width: 1280, height: 900 } });
    await expect.poll(() => resultIds(wide.page)).toEqual(['mf-lens', 'mf-bethune']);
    await wide.page.waitForSelector('.search-map .pmap__canvas[data-map-ready]', { timeout: 15_000 });
    const markerNames = (page: Page) =>
      page
        .locator('.search-map .pmap-marker')
        .evaluateAll((markers) => markers.map((m) => m.getAttribute('aria-label')?.split(',')[0] ?? '').sort());
    await expect.poll(() => markerNames(wide.page)).toEqual(['Association Trait d’Union', 'Médiation familiale du Bassin minier']);
    // A new search redraws the map with its own results.
    await wide.page.getByRole('checkbox', { name: /^Espace de rencontre/ }).check();
    await expect.poll(() => resultIds(wide.page)).toEqual(['mf-lens', 'mf-bethune', 'er-arras']);
    await expect
      .poll(() => markerNames(wide.page))
      .toEqual(['Association Trait d’Union', 'Espace rencontre Le Lien', 'Médiation familiale du Bassin minier']);
    await wide.context.close();

    const phone = await open('/recherche/?lieu=Lens&type=mediation-familiale', { viewport: { width: 360, height: 740 }, isMobile: true });
    const mapCode: string[] = [];
    phone.page.on('request', (request) => {
      if (/ServiceMapIsland|map-engine/.test(request.url())) mapCode.push(request.url());
    });
    await expect.poll(() => resultIds(phone.page)).toEqual(['mf-lens', 'mf-bethune']);
    expect(await phone.page.locator('.search-map .pmap__canvas').count()).toBe(0);
    expect(mapCode).toEqual([]);
    await phone.page.getByRole('link', { name: 'Voir ces services sur la carte' }).click();
    await phone.page.waitForSelector('.search-map .pmap__canvas[data-map-ready]', { timeout: 15_000 });
    expect(mapCode.length).toBeGreaterThan(0);
    await phone.context.close();
  });

  it('keeps filters in the URL: a reload gives the same results, and a filter adds no history entry', async () => {
    const { page, context } = await open('/recherche/?lieu=Lens&type=espace-rencontre');
    await expect.poll(() => resultIds(page)).toEqual(['er-arras']);
    const entries = await page.evaluate(() => history.length);
    const mediation = page.getByRole('checkbox', { name: /^Médiation familiale/ });
    expect(await page.getByRole('checkbox', { name: 'Médiation familiale (2)' }).count()).toBe(1);
    await mediation.check();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune', 'er-arras']);
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['espace-rencontre', 'mediation-familiale']);
    await page.getByRole('checkbox', { name: /^Espace de rencontre/ }).uncheck();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune']);
    const shared = page.url();

    await page.reload();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune']);
    expect(page.url()).toBe(shared);
    expect(await page.getByRole('checkbox', { name: /^Médiation familiale/ }).isChecked()).toBe(true);

    expect(await page.evaluate(() => history.length)).toBe(entries);
    await context.close();
  });

  it('filters by région, with its count, and keeps it in the URL', async () => {
    const { page, context } = await open('/recherche/?type=mediation-familiale');
    await expect.poll(() => resultIds(page).then((ids) => ids.sort())).toEqual(['mf-bethune', 'mf-lens', 'mf-paris']);
    const region = page.getByLabel('Région');
    expect(await region.locator('option[value="32"]').textContent()).toBe('Hauts-de-France (2)');
    await region.selectOption('32');
    await expect.poll(() => resultIds(page).then((ids) => ids.sort())).toEqual(['mf-bethune', 'mf-lens']);
    expect(new URL(page.url()).searchParams.getAll('region')).toEqual(['32']);
    await context.close();
  });

  it('searches by words with typos and synonyms, and by postal code', async () => {
    const { page, context } = await open('/recherche/?q=visite+m%C3%A9diatis%C3%A9e');
    await expect.poll(() => resultIds(page)).toEqual(['vt-lille']);
    await page.goto(`${baseUrl}/recherche/?lieu=62000&q=mediaton`);
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune']);
    expect(await page.getByRole('combobox', { name: 'Commune ou code postal' }).inputValue()).toBe('Arras (62000)');
    await context.close();
  });

  it('reads a commune typed among the words, as in « médiation Lens »', async () => {
    const { page, context } = await open('/recherche/?q=m%C3%A9diation+Lens');
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune']);
    expect(await page.getByRole('combobox', { name: 'Commune ou code postal' }).inputValue()).toBe('Lens (62300)');
    const params = new URL(page.url()).searchParams;
    expect([params.get('q'), params.get('commune')]).toEqual(['médiation', '62498']);
    await context.close();
  });

  it('chooses a commune with the keyboard alone', async () => {
    const { page, context } = await open();
    const field = page.getByRole('combobox', { name: 'Commune ou code postal' });
    await field.focus();
    await page.keyboard.type('59500', { delay: 20 });
    await page.getByRole('option', { name: /^Douai/ }).waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await field.getAttribute('aria-activedescendant')).toBeTruthy();
    await page.keyboard.press('Enter');
    await expect.poll(() => resultIds(page).then((ids) => ids[0])).toBe('laep-douai');
    await context.close();
  });

  it('answers "no result" with ways to widen, and the nearest services within the kind’s near distance', async () => {
    // Arras is about 40 km from Lille: beyond the 10 km asked, within the 60 km of a visit in the presence of a third party.
    const { page, context } = await open('/recherche/?lieu=Arras&type=visites-tiers&rayon=10');
    await expect.poll(() => status(page).textContent()).toBe('Aucun service trouvé.');
    // The nearest, in Lille, is more than 30 km away: only the distance that finds it is offered.
    expect(await page.getByRole('button', { name: /^Élargir la recherche/ }).allTextContents()).toEqual(['Élargir la recherche à 50 km']);
    expect(await page.getByRole('link', { name: /sur la carte/ }).count()).toBe(0);
    expect(await page.locator('.search-empty .where-to-ask').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Chercher tous les types de service' }).count()).toBe(1);
    const nearest = page.getByRole('list', { name: 'Services les plus proches' });
    expect(await nearest.locator('li').first().getAttribute('data-service-id')).toBe('vt-lille');
    await page.getByRole('button', { name: 'Chercher tous les types de service' }).click();
    await expect.poll(() => resultIds(page)).toEqual(['er-arras']);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('searches around the person only when asked, and says so clearly when refused', async () => {
    const allowed = await open('/recherche/', { permissions: ['geolocation'], geolocation: { latitude: 50.3705, longitude: 3.0801 } });
    await allowed.page.getByRole('button', { name: 'Autour de moi' }).click();
    await expect.poll(() => resultIds(allowed.page).then((ids) => ids[0])).toBe('laep-douai');
    expect(new URL(allowed.page.url()).searchParams.get('autour')).toBe('50.37,3.08');
    await allowed.context.close();

    const refused = await open('/recherche/');
    await refused.page.getByRole('button', { name: 'Autour de moi' }).click();
    await expect
      .poll(() => refused.page.locator('.search-form__geo-message').textContent())
      .toContain('Vous n’avez pas autorisé l’accès à votre position');
    await refused.context.close();
  });

  it('loads only the index files of the départements within reach', async () => {
    const { page, context } = await open();
    const files: string[] = [];
    page.on('request', (request) => {
      const match = /\/recherche\/documents\/([^.]+)\.json/.exec(request.url());
      if (match?.[1]) files.push(match[1]);
    });
    await page.goto(`${baseUrl}/recherche/?lieu=Lens`);
    await expect.poll(() => resultIds(page).then((ids) => ids.length)).toBe(5);
    expect(files.sort()).toEqual(['59', '62', '80']);
    await context.close();
  });

  it('leads to the département page without JavaScript', async () => {
    const { page, context } = await open('/recherche/', { javaScriptEnabled: false });
    await page.getByLabel('Commune ou code postal').fill('Béthune');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/\/departements\/62-pas-de-calais\/$/);
    await page.goto(`${baseUrl}/recherche/`);
    await page.getByRole('link', { name: 'choisir votre département' }).click();
    await page.waitForURL(/\/departements\/$/);
    await page.getByRole('link', { name: 'Nord (59)' }).click();
    await page.waitForURL(/\/departements\/59-nord\/$/);
    const unknown = await page.goto(`${baseUrl}/recherche/lieu/?lieu=Zzyzx`);
    expect(unknown?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Nous n’avons pas trouvé « Zzyzx »');
    await context.close();
  });

  it('takes the home page form to the département page at the kind asked for without JavaScript, to the search page with it', async () => {
    const withoutJs = await open('/', { javaScriptEnabled: false });
    await withoutJs.page.getByLabel('Commune ou code postal').fill('Lens');
    await withoutJs.page.getByLabel('Type de service').selectOption('espace-rencontre');
    await withoutJs.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await withoutJs.page.waitForURL(/\/departements\/62-pas-de-calais\/#type-espace-rencontre$/);
    await withoutJs.context.close();

    const withJs = await open('/');
    await withJs.page.getByLabel('Commune ou code postal').fill('Lens');
    await withJs.page.getByLabel('Type de service').selectOption('espace-rencontre');
    await withJs.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await withJs.page.waitForURL(/\/recherche\/\?lieu=Lens&type=espace-rencontre$/);
    await expect.poll(() => resultIds(withJs.page)).toEqual(['er-arras']);
    await withJs.context.close();
  });
});

describe('a family on a phone', () => {
  const PHONE = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };
  /** The choice offered for a name that several communes bear. */
  const choices = (page: Page) => page.getByRole('group', { name: /Plusieurs communes s’appellent « Saint-Denis »/ });

  it('is asked which Saint-Denis, on the search page and from the home page, and nothing is searched before', async () => {
    const typed = await open('/recherche/', PHONE);
    const field = typed.page.getByRole('combobox', { name: 'Commune ou code postal' });
    await field.fill('Saint-Denis');
    await field.blur();
    await choices(typed.page).waitFor();
    const offered = await choices(typed.page).getByRole('button').allTextContents();
    expect(offered.length).toBeGreaterThan(2);
    expect(offered.some((label) => label.includes('(97400)'))).toBe(true);
    expect(offered.some((label) => label.includes('(93200)'))).toBe(true);
    expect(new URL(typed.page.url()).searchParams.get('lieu')).toBeNull();
    await choices(typed.page)
      .getByRole('button', { name: /\(93200\)/ })
      .click();
    await expect.poll(() => new URL(typed.page.url()).searchParams.get('commune')).toBe('93066');
    expect(await field.inputValue()).toBe('Saint-Denis (93200)');
    expect(await axeViolations(typed.page)).toEqual([]);
    await typed.context.close();

    const home = await open('/', PHONE);
    await home.page.getByLabel('Commune ou code postal').fill('Saint-Denis');
    await home.page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await home.page.waitForURL(/\/recherche\/\?lieu=Saint-Denis/);
    await choices(home.page).waitFor();
    await expect.poll(() => status(home.page).textContent()).toContain('Plusieurs communes s’appellent « Saint-Denis »');
    expect(await home.page.locator('#liste-resultats').count()).toBe(0);
    await choices(home.page)
      .getByRole('button', { name: /\(97400\)/ })
      .click();
    await expect.poll(() => new URL(home.page.url()).searchParams.get('commune')).toBe('97411');
    await home.context.close();
  });

  it('is asked which Saint-Denis in the referral form too', async () => {
    const { page, context } = await open('/orienter/', PHONE);
    await page.locator('.referral-violence-help[data-hydrated]').waitFor({ state: 'attached' });
    const field = page.getByRole('combobox', { name: 'Commune où vivent les enfants' });
    await field.fill('Saint-Denis');
    await field.blur();
    await choices(page).waitFor();
    await choices(page)
      .getByRole('button', { name: /\(97400\)/ })
      .click();
    expect(await field.inputValue()).toBe('Saint-Denis (97400)');
    expect(await page.locator('input[name="communeInsee"]').inputValue()).toBe('97411');
    await context.close();
  });

  /** A page whose neutral site answers instead of being blocked, so that Back can be tried after it. */
  async function openWithNeutralSite(path: string): Promise<HermeticPage> {
    const hermetic = await openHermeticPage(browser, baseUrl, PHONE);
    await hermetic.page.route(`${SITE.quickExitUrl}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Météo</title><p>Météo</p>' }),
    );
    await hermetic.page.goto(`${baseUrl}${path}`);
    return hermetic;
  }

  it('leaves no search behind the quick exit: filters add no entry, and Back after the exit does not return to the site', async () => {
    const { page, context } = await openWithNeutralSite('/recherche/?lieu=Lens&type=espace-rencontre');
    await expect.poll(() => resultIds(page)).toEqual(['er-arras']);
    const entries = await page.evaluate(() => history.length);
    await page.getByText(/^Filtres/).click();
    await page.getByRole('checkbox', { name: /^Médiation familiale/ }).check();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune', 'er-arras']);
    await page.getByLabel('Distance').selectOption('50');
    await expect.poll(() => new URL(page.url()).searchParams.get('rayon')).toBe('50');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await page.getByRole('link', { name: /^Quitter ce site/ }).click();
    await page.waitForURL(`${SITE.quickExitUrl}**`);
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(baseUrl)).toBe(false);
    await context.close();
  });

  it('leaves on Escape, except while a suggestion list is open, where Escape closes it', async () => {
    const { page, context } = await openWithNeutralSite('/recherche/');
    const field = page.getByRole('combobox', { name: 'Commune ou code postal' });
    await field.pressSequentially('lens', { delay: 30 });
    await page.getByRole('option', { name: /^Lens \(62300\)/ }).waitFor();
    await page.keyboard.press('Escape');
    expect(await field.getAttribute('aria-expanded')).toBe('false');
    expect(page.url().startsWith(baseUrl)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForURL(`${SITE.quickExitUrl}**`);
    await context.close();
  });

  it('shows the exit shortcut on screen, and a heading reached through an anchor is not under the exit button', async () => {
    const { page, context } = await open('/numeros-utiles/', PHONE);
    expect(await page.locator('.quick-exit').getByText('Échap ou 3 × Maj').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Effacer vos traces' }).first().click();
    await page.waitForURL(/\/historique-de-navigation\/$/);
    await page.goto(`${baseUrl}/historique-de-navigation/#telephone-partage`);
    const exitBottom = await page.locator('.quick-exit__button').evaluate((el) => el.getBoundingClientRect().bottom);
    const headingTop = await page.locator('#telephone-partage').evaluate((el) => el.getBoundingClientRect().top);
    expect(headingTop).toBeGreaterThanOrEqual(exitBottom);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('can call every service shown with a phone: each number on a card is a tel: link from phoneHref', async () => {
    const { page, context } = await open('/recherche/?lieu=Lens', PHONE);
    await expect.poll(() => resultIds(page).then((ids) => ids.length)).toBe(5);
    const cards = await page.locator('#liste-resultats > li').evaluateAll((items) =>
      items.map((li) => ({
        text: li.querySelector('.search-result__phone')?.textContent ?? '',
        tel: [...li.querySelectorAll('a[href^="tel:"]')].map((a) => [a.getAttribute('href'), a.textContent]),
      })),
    );
    for (const card of cards) {
      if (card.text.startsWith('Téléphone')) {
        expect(card.tel).toHaveLength(1);
        expect(card.tel[0]?.[0]).toBe(phoneHref(card.tel[0]?.[1] ?? ''));
      } else expect(card.text).toMatch(/^Pas de téléphone connu/);
    }
    expect(cards.filter((card) => card.tel.length === 1).length).toBeGreaterThan(0);

    await page.goto(`${baseUrl}/departements/62-pas-de-calais/`);
    const links = await page
      .locator('.service-card a[href^="tel:"]')
      .evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.textContent ?? '']));
    expect(links.length).toBeGreaterThan(0);
    for (const [href, text] of links) expect(href).toBe(phoneHref(text ?? ''));

    await page.goto(`${baseUrl}/`);
    const emergency = await page.locator('.notice--danger a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(emergency).toEqual(expect.arrayContaining(['tel:17', 'tel:112', 'tel:3919', 'tel:119', 'sms:114']));
    await context.close();
  });

  it('finds the search field on the first screen of the home page at 320 × 640', async () => {
    const { page, context } = await open('/', PHONE);
    const box = await page.getByLabel('Commune ou code postal').boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(640);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('sees the first result before the filters at 320 px, the filters closed and counted', async () => {
    const { page, context } = await open('/recherche/?lieu=Lens&type=espace-rencontre', PHONE);
    await expect.poll(() => resultIds(page)).toEqual(['er-arras']);
    const firstResult = await page.locator('#liste-resultats > li').first().boundingBox();
    const filters = await page.locator('.search-filters').boundingBox();
    expect(firstResult && filters && firstResult.y + firstResult.height < filters.y).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Médiation familiale/ }).isVisible()).toBe(false);
    expect(await page.locator('#filtres-titre').textContent()).toBe('Filtres (1 actif)');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the results without moving the page: cumulative layout shift under 0.1', async () => {
    const hermetic = await openHermeticPage(browser, baseUrl, { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const { page, context } = hermetic;
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!entry.hadRecentInput) shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${baseUrl}/recherche/?lieu=Arras&type=espace-rencontre`);
    await expect.poll(() => resultIds(page)).toEqual(['er-arras']);
    await page.waitForTimeout(1_000);
    const shift = await page.evaluate(() =>
      (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((sum, value) => sum + value, 0),
    );
    expect(shift).toBeLessThan(0.1);
    await context.close();
  });
});

/**
 * Words of the visible text of `main` that the layout cut across two lines: a word is the text
 * between spaces, slashes and hyphens (where a line may break), measured with a Range.
 */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const main = document.querySelector('main');
    if (!main) return ['(pas de main)'];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !parent.checkVisibility()) continue;
      for (const match of (node.textContent ?? '').matchAll(/[^\s/\-–—]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

describe('a lawyer or a judge, on paper', () => {
  const A4 = { viewport: { width: 794, height: 1123 } };

  it('finds the JAF and juge des enfants filters on the search page without opening « Plus de filtres »', async () => {
    const { page, context } = await open('/recherche/?lieu=Lens', { viewport: { width: 1280, height: 900 } });
    await expect.poll(() => resultIds(page).then((ids) => ids.length)).toBe(5);
    const jaf = page.getByRole('checkbox', { name: /^Décision du juge aux affaires familiales \(JAF\)/ });
    expect(await jaf.isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Décision du juge des enfants/ }).isVisible()).toBe(true);
    expect(await page.locator('.search-filters__more').getAttribute('open')).toBeNull();
    await jaf.check();
    await expect.poll(() => resultIds(page).then((ids) => ids.sort())).toEqual(['er-arras', 'mf-bethune']);
    expect(await page.locator('#filtres-titre').textContent()).toBe('Filtres (1 actif)');
    await context.close();
  });

  /**
   * The internal links of the printed page's content: each with what follows it on paper. A link with a
   * .print-only beside it shows that text; any other prints its address after it (global.css), read here
   * from the computed style of its ::after, as Chromium resolves it.
   */
  function printedInternalLinks(page: Page): Promise<{ href: string; beside: string | null; after: string }[]> {
    return page.locator('main a[href^="/"]').evaluateAll((anchors) =>
      anchors
        .filter((a) => a.checkVisibility() && !a.closest('nav'))
        .map((a) => {
          const next = a.nextElementSibling;
          return {
            href: a.getAttribute('href') ?? '',
            beside: next?.matches('.print-only') ? (next.textContent ?? '') : null,
            after: getComputedStyle(a, '::after').content,
          };
        }),
    );
  }

  /** Every internal link prints the real site's address (the canonical one, from SITE_URL), not the test server's. */
  async function expectAbsoluteInternalLinks(page: Page): Promise<void> {
    const site = new URL((await page.locator('link[rel="canonical"]').getAttribute('href')) ?? '').origin;
    expect(site).not.toBe(new URL(page.url()).origin);
    const links = await printedInternalLinks(page);
    expect(links.filter((link) => link.beside === null).length).toBeGreaterThan(0);
    for (const { href, beside, after } of links) {
      if (beside !== null) expect(beside).toBe(` — ${new URL(href, site).href}`);
      else expect(after, href).toBe(`" (${new URL(href, site).href})"`);
    }
    // Nothing wider than the paper: long addresses wrap inside their cell.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(794);
  }

  /**
   * Each kind of service the département lacks, on paper: the nearest known services (links to their
   * pages), or that none is near, and where to ask. Returns how many such sections and nearest services.
   */
  async function missingKindsInPrint(page: Page): Promise<{ sections: number; nearest: number }> {
    const missing = page.locator('main section.kind-coverage').filter({ has: page.locator('.notice') });
    let nearest = 0;
    for (const section of await missing.all()) {
      const text = await section.innerText();
      const listed = await section.locator('li a[href^="/annuaire/"]').count();
      nearest += listed;
      expect(text).toMatch(listed === 0 ? /Aucun service connu à moins de \d+ km\./ : /Les services connus à moins de \d+ km :/);
      expect(await section.locator('.where-to-ask').isVisible()).toBe(true);
    }
    return { sections: await missing.count(), nearest };
  }

  /** The département page as printed. */
  async function printed(path: string): Promise<HermeticPage> {
    const hermetic = await open(path, A4);
    await hermetic.page.emulateMedia({ media: 'print' });
    return hermetic;
  }

  it('prints the Pas-de-Calais with the JAF and the juge des enfants apart, full addresses, the date, and no word cut', async () => {
    const { page, context } = await printed('/departements/62-pas-de-calais/');
    const jaf = page.getByRole('region', { name: 'Sur décision du juge aux affaires familiales (JAF)' });
    expect(await jaf.locator('tbody th a').allTextContents()).toEqual(expect.arrayContaining(['Espace rencontre Le Lien']));
    const juge = page.getByRole('region', { name: 'Sur décision du juge des enfants' });
    expect(await juge.textContent()).toContain('Aucun service connu n’accepte les décisions du juge des enfants dans le Pas-de-Calais.');
    // The nearest that accept it: Lille, in the Nord, with its distance and phone.
    const nearest = await juge.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(nearest[2]).toBe('Nord (59)');
    expect(nearest[1]).toMatch(/^\d+(,\d)? km$/);
    const lille = SEARCH_FIXTURE_SERVICES.find((service) => service.id === 'vt-lille');
    expect(nearest[0]).toContain(lille?.name);
    expect(nearest[3]).toBe(lille?.contact.phone ? formatPhone(lille.contact.phone) : 'non communiqué');
    const jafPhones = await jaf
      .locator('a[href^="tel:"]')
      .evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href'), a.textContent ?? '']));
    expect(jafPhones.length).toBeGreaterThan(0);
    for (const [href, text] of jafPhones) expect(href).toBe(phoneHref(text ?? ''));

    expect(await page.locator('[data-print-date]').isVisible()).toBe(true);
    expect(await page.locator('[data-print-date]').textContent()).toBe(formatDateFr(new Date().toISOString().slice(0, 10)));
    expect(await page.getByText(/s’imprime proprement/).count()).toBe(0);
    const links = await page
      .locator('main .print-only')
      .evaluateAll((spans) =>
        spans
          .filter((span) => span.checkVisibility() && span.previousElementSibling?.matches('a'))
          .map((span): [string, string] => [span.previousElementSibling?.getAttribute('href') ?? '', span.textContent ?? '']),
      );
    expect(links.length).toBeGreaterThan(2);
    for (const [href, text] of links) expect(text).toMatch(new RegExp(`^ — https?://[^/]+${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(await brokenWords(page)).toEqual([]);
    await expectAbsoluteInternalLinks(page);
    // Kinds absent from the Pas-de-Calais print the nearest services, in the Nord or the Somme.
    expect((await missingKindsInPrint(page)).nearest).toBeGreaterThan(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('prints the Creuse, where no service is known, with what to do rather than one sentence', async () => {
    const { page, context } = await printed('/departements/23-creuse/');
    for (const judge of ['du juge aux affaires familiales (JAF)', 'du juge des enfants']) {
      const section = page.getByRole('region', { name: `Sur décision ${judge}` });
      expect(await section.textContent()).toContain(`Aucun service connu n’accepte les décisions ${judge} dans la Creuse.`);
    }
    expect(await page.locator('main .where-to-ask').first().isVisible()).toBe(true);
    expect(await missingKindsInPrint(page)).toEqual({ sections: 5, nearest: 0 });
    expect(await page.locator('[data-print-date]').isVisible()).toBe(true);
    expect(await page.locator('[data-print-date]').textContent()).toBe(formatDateFr(new Date().toISOString().slice(0, 10)));
    expect(await brokenWords(page)).toEqual([]);
    await expectAbsoluteInternalLinks(page);
    await context.close();
  });
});

describe('a federation, on the report', () => {
  it('reads the report at 1280 px and at 320 px: no word cut, no page wider than the screen, no command to run', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 320, height: 640 },
    ]) {
      const { page, context } = await open('/federations/rapport/', { viewport });
      expect(await brokenWords(page), `${viewport.width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/npm|de\d/);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
