/**
 * The search page in Chromium, on a site built from the search fixtures (real communes, services
 * written by the tests): commune suggestions, nearest results, filters in the URL, reload and back
 * button, "autour de moi", the no-result answer, and the no-JavaScript path.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, openHermeticPage, type HermeticPage } from '../support/browser.ts';
import { buildFixtureSite, serveSite, type ServedSite } from '../support/referral-site.ts';
import type { FixtureService } from '../support/referral-fixtures.ts';
import { SEARCH_FIXTURE_SERVICES } from '../unit/search-fixtures.ts';

let browser: Browser;
let site: ServedSite;
let baseUrl: string;

beforeAll(async () => {
  const outDir = buildFixtureSite('search-e2e', SEARCH_FIXTURE_SERVICES as unknown as FixtureService[], { reuse: process.env.E2E_SEARCH_REUSE === '1' });
  site = await serveSite(outDir);
  baseUrl = site.baseUrl;
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const resultIds = (page: Page): Promise<string[]> => page.locator('#liste-resultats > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-service-id') ?? ''));
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
    const markerNames = (page: Page) => page.locator('.search-map .pmap-marker').evaluateAll((markers) => markers.map((m) => m.getAttribute('aria-label')?.split(',')[0] ?? '').sort());
    await expect.poll(() => markerNames(wide.page)).toEqual(['Association Trait d’Union', 'Médiation familiale du Bassin minier']);
    // A new search redraws the map with its own results.
    await wide.page.getByRole('checkbox', { name: /^Espace de rencontre/ }).check();
    await expect.poll(() => resultIds(wide.page)).toEqual(['mf-lens', 'mf-bethune', 'er-arras']);
    await expect.poll(() => markerNames(wide.page)).toEqual(['Association Trait d’Union', 'Espace rencontre Le Lien', 'Médiation familiale du Bassin minier']);
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

  it('keeps filters in the URL: a reload gives the same results and the back button the previous ones', async () => {
    const { page, context } = await open('/recherche/?lieu=Lens&type=espace-rencontre');
    await expect.poll(() => resultIds(page)).toEqual(['er-arras']);
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

    await page.goBack();
    await expect.poll(() => resultIds(page)).toEqual(['mf-lens', 'mf-bethune', 'er-arras']);
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
    expect(await page.getByRole('button', { name: 'Élargir la recherche à 30 km' }).count()).toBe(1);
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
    await expect.poll(() => refused.page.locator('.search-form__geo-message').textContent()).toContain('Vous n’avez pas autorisé l’accès à votre position');
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
