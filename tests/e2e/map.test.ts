import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { bboxContains, METROPOLE_BBOX } from '../../src/lib/map/map-bbox.ts';
import type { MapPointGroupCollection } from '../../src/lib/map/map-feed.ts';
import { pointFeaturesOf } from '../../src/lib/map/map-points.ts';
import { nothingNearLines } from '../../src/lib/map/map-text.ts';
import { departementCoverage, kindsWithNothingNear } from '../../src/lib/services/service-listing.ts';
import { NEAR_DISTANCE_KM } from '../../src/lib/services/service-reach.ts';
import { SERVICE_KINDS } from '../../src/lib/services/service-vocabulary.ts';
import { departementPath, regionPath } from '../../src/lib/territories/departement-naming.ts';
import { getDepartement, getRegion } from '../../src/lib/territories/territory-data.ts';
import { buildMapHarness } from '../../scripts/bench/map-harness-build.ts';
import { openHermeticPage, type HermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { fixtureSiteServices } from '../support/fixture-site.ts';
import { parsedFixtureServices } from '../support/referral-fixtures.ts';

const baseUrl = inject('baseUrl');
const pasDeCalais = `${baseUrl}${departementPath(getDepartement('62')!)}`;
const ARRAS_MARKER = '.pmap-marker[aria-label^="Maison des parents fictive d’Arras"]';
const browser = browserForFile();

/** Opens a page, brings its map on screen and waits until Leaflet has drawn it. */
async function openMap(url: string): Promise<HermeticPage> {
  const hermetic = await openHermeticPage(browser, baseUrl, { viewport: { width: 1280, height: 900 } });
  await hermetic.page.goto(url);
  await hermetic.page.locator('.pmap__canvas').scrollIntoViewIfNeeded();
  await hermetic.page.waitForSelector('.pmap__canvas[data-map-ready]', { timeout: 15_000 });
  return hermetic;
}

/** Console errors other than the tiles refused by the closed network. */
function unexpectedErrors({ consoleErrors }: HermeticPage): string[] {
  return consoleErrors.filter((message) => !message.includes('net::ERR_BLOCKED_BY_CLIENT'));
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
}

describe('map of the Pas-de-Calais page, network closed', () => {
  it('draws the outlines and the Arras marker as an approximate area, with only tiles refused', async () => {
    const hermetic = await openMap(pasDeCalais);
    const { page, context, blockedRequests } = hermetic;
    await page.waitForSelector('.leaflet-outlines-pane path', { state: 'attached' });
    // A local map draws its département and the neighbours only (Nord and Somme), not all of France.
    expect(await page.locator('.leaflet-outlines-pane path').count()).toBe(1 + getDepartement('62')!.neighbours.length);
    // The département itself is drawn, in view, with its stronger outline (paths out of view are clipped to "M0 0").
    const own = page.locator('.leaflet-outlines-pane path[stroke="#1e3a8a"]');
    expect(await own.count()).toBe(1);
    expect((await own.getAttribute('d'))?.length).toBeGreaterThan(200);
    expect(await own.isVisible()).toBe(true);
    const marker = page.locator(ARRAS_MARKER);
    await marker.waitFor();
    expect(await marker.getAttribute('class')).toContain('pmap-marker--area');
    expect(await marker.getAttribute('aria-label')).toContain('emplacement approximatif');
    expect(await marker.getAttribute('role')).toBe('button');
    await expect.poll(() => page.locator('.pmap__note', { hasText: 'Fond de carte indisponible' }).count()).toBe(1);
    expect(blockedRequests.length).toBeGreaterThan(0);
    expect(blockedRequests.every((url) => url.startsWith('https://tile.openstreetmap.org/'))).toBe(true);
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await context.close();
  });

  it('opens the card of Arras with the link to its page and no referral link (it takes none)', async () => {
    const hermetic = await openMap(pasDeCalais);
    const { page, context } = hermetic;
    await page.locator(ARRAS_MARKER).click();
    const card = page.locator('.pmap__card');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe('Maison des parents fictive d’Arras');
    expect(await card.locator('a', { hasText: 'Voir la fiche du service' }).getAttribute('href')).toBe(
      '/annuaire/test-maison-des-parents-fictive-arras/',
    );
    expect(await card.locator('a', { hasText: 'Demander une orientation' }).count()).toBe(0);
    const text = await card.textContent();
    expect(text).toContain('62000 Arras');
    expect(text).toContain('Espace de rencontre');
    expect(text).toContain('la zone indique la commune');
    const violations = await new AxeBuilder({ page })
      .include('.pmap')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(violations.violations.map((v) => `${v.id} : ${v.help}`)).toEqual([]);
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await context.close();
  });

  it('works with the keyboard alone: arrows move the map, Tab reaches the marker, Enter opens its card, Fermer returns', async () => {
    const hermetic = await openMap(pasDeCalais);
    const { page, context } = hermetic;
    const canvas = page.locator('.pmap__canvas');
    await canvas.focus();
    const before = await page.locator(ARRAS_MARKER).boundingBox();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await page.locator(ARRAS_MARKER).boundingBox())?.x).not.toBe(before?.x);

    await canvas.focus();
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await focusedLabel(page)).startsWith('Maison des parents fictive d’Arras');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.pmap__card').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');

    let onClose = false;
    for (let i = 0; i < 6 && !onClose; i++) {
      await page.keyboard.press('Tab');
      onClose = (await focusedLabel(page)).startsWith('Fermer');
    }
    expect(onClose).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.locator('.pmap__card').count()).toBe(0);
    expect((await focusedLabel(page)).startsWith('Maison des parents fictive d’Arras')).toBe(true);
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await context.close();
  });

  it('keeps map and list in step: a card highlights its marker, and « Rechercher dans cette zone » filters the list', async () => {
    const hermetic = await openMap(pasDeCalais);
    const { page, context } = hermetic;
    const card = page.locator('.service-card[data-service-id="test-maison-des-parents-fictive-arras"]').first();
    await card.hover();
    await expect.poll(() => page.locator(`${ARRAS_MARKER}.is-highlighted`).count()).toBe(1);
    expect(await page.locator('.leaflet-highlights-pane path').count()).toBeGreaterThan(0);
    await page.locator(ARRAS_MARKER).hover();
    await expect.poll(() => card.getAttribute('class')).toContain('is-map-highlighted');

    await page.getByRole('button', { name: 'Rechercher dans cette zone' }).click();
    expect(await card.isVisible()).toBe(true);
    expect(await page.locator('.pmap__status').textContent()).toMatch(/services? de la liste dans cette zone/);

    // Drag the map far to the east: Arras leaves the view and its card leaves the list.
    const box = (await page.locator('.pmap__canvas').boundingBox())!;
    for (let i = 0; i < 3; i++) {
      await page.mouse.move(box.x + box.width - 40, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
    }
    await page.getByRole('button', { name: 'Rechercher dans cette zone' }).click();
    expect(await card.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Afficher tous les services' }).click();
    expect(await card.isVisible()).toBe(true);
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await context.close();
  });
});

describe('where nothing is near, the map says so in its panel', () => {
  /** The lines of the map's panel, read as text (what a screen reader reaches, not the markers). */
  async function noneNearLines(page: Page): Promise<string[]> {
    return page.locator('.pmap ul.pmap__none-near[aria-live="polite"] li').allTextContents();
  }

  it('on the Pas-de-Calais page, names the kinds with no service here nor within their distance, in the département page’s words', async () => {
    const expected = nothingNearLines(kindsWithNothingNear(departementCoverage(parsedFixtureServices(fixtureSiteServices()), '62')));
    // The fixture content has no médiation familiale within 100 km of the Pas-de-Calais, but an espace de rencontre in Arras.
    expect(expected).toContain(`Médiation familiale : aucun service connu à moins de ${NEAR_DISTANCE_KM['mediation-familiale']} km.`);
    expect(expected.some((line) => line.startsWith('Espaces de rencontre'))).toBe(false);
    const hermetic = await openMap(pasDeCalais);
    expect(await noneNearLines(hermetic.page)).toEqual(expected);
    // The same distance as the département page's own section for that kind.
    expect(await hermetic.page.locator('section:has(#type-mediation-familiale) .kind-coverage__none').textContent()).toBe(
      `Aucun service connu à moins de ${NEAR_DISTANCE_KM['mediation-familiale']} km.`,
    );
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await hermetic.context.close();
  });

  it('on the Finistère page (no service of any kind near), names every kind, and the text is in the page before any script runs', async () => {
    const finistere = `${baseUrl}${departementPath(getDepartement('29')!)}`;
    const hermetic = await openMap(finistere);
    expect(await noneNearLines(hermetic.page)).toEqual(nothingNearLines(SERVICE_KINDS));
    await hermetic.context.close();
    const html = await (await fetch(finistere)).text();
    for (const line of nothingNearLines(SERVICE_KINDS)) expect(html).toContain(line);
  });
});

describe('map feeds and other scopes', () => {
  it('serves the Pas-de-Calais feed with Arras at its commune centroid and no address', async () => {
    const response = await fetch(`${baseUrl}/carte/departements/62.geojson`);
    expect(response.headers.get('content-type')).toContain('geo+json');
    const feed = (await response.json()) as { features: { id: string; properties: Record<string, unknown> }[] };
    const arras = feed.features.find((f) => f.id === 'test-maison-des-parents-fictive-arras/0');
    expect(arras?.properties).toMatchObject({ approximate: true, commune: 'Arras', acceptsReferrals: false });
    expect(arras?.properties.address).toBeUndefined();
  });

  it('shows the service page map on its locations, from inline data', async () => {
    const hermetic = await openMap(`${baseUrl}/annuaire/test-maison-des-parents-fictive-arras/`);
    await hermetic.page.locator(ARRAS_MARKER).waitFor();
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await hermetic.context.close();
  });

  it('shows all of France on the home page, every location counted, with the overseas selector', async () => {
    const points = pointFeaturesOf((await (await fetch(`${baseUrl}/carte/services.geojson`)).json()) as MapPointGroupCollection);
    // A card of the France map reads its details from the département feed its light point names. Marseille
    // is alone in its part of the map at this zoom (Arras shares a cluster with the other Pas-de-Calais service).
    const light = points.find((f) => f.id === 'test-mediation-sociale-fictive-marseille/0');
    expect(light?.properties).toEqual({
      name: 'Médiation sociale fictive de Marseille',
      kind: 'mediation-sociale',
      approximate: true,
      departement: '13',
    });
    const details = (await (await fetch(`${baseUrl}/carte/departements/13.geojson`)).json()) as { features: { id: string }[] };
    expect(details.features.map((f) => f.id)).toContain(light?.id);
    // The overview drawn while the feed loads holds every location at each of its zooms.
    const overview = (await (await fetch(`${baseUrl}/carte/apercu-france.json`)).json()) as {
      zooms: { properties: { point_count?: number } }[][];
    };
    expect(overview.zooms.length).toBeGreaterThan(5);
    for (const items of overview.zooms)
      expect(items.reduce((sum, item) => sum + (item.properties.point_count ?? 1), 0)).toBe(points.length);
    const hermetic = await openMap(`${baseUrl}/`);
    const { page, context } = hermetic;
    await page.locator('.pmap-marker, .pmap-cluster').first().waitFor();
    const status = (await page.locator('.pmap__status').textContent()) ?? '';
    const shown = Number(status.match(/(\d+)/)?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(points.length);
    // Its card fetches the details (address, link) from the département feed.
    await page.locator('.pmap-marker[aria-label^="Médiation sociale fictive de Marseille"]').click();
    const card = page.locator('.pmap__card');
    await expect
      .poll(() => card.locator('a', { hasText: 'Voir la fiche du service' }).getAttribute('href'))
      .toBe('/annuaire/test-mediation-sociale-fictive-marseille/');
    expect(await card.textContent()).toContain('13001 Marseille');
    await page.getByRole('button', { name: 'La Réunion' }).click();
    await expect.poll(() => page.locator('.pmap__status').textContent()).not.toBe(status);
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await context.close();
  });
});

describe('map of the Hauts-de-France page, network closed', () => {
  it('reads the light feed of the région and opens the card of Arras with its details from the département feed', async () => {
    const feed = (await (await fetch(`${baseUrl}/carte/regions/32.geojson`)).json()) as MapPointGroupCollection;
    expect(feed.features.every((f) => f.geometry.type === 'MultiPoint')).toBe(true);
    expect(pointFeaturesOf(feed).map((f) => f.id)).toContain('test-maison-des-parents-fictive-arras/0');
    expect(JSON.stringify(feed)).not.toContain('"address"');
    const hermetic = await openMap(`${baseUrl}${regionPath(getRegion('32')!)}`);
    const { page, context } = hermetic;
    await page.locator(ARRAS_MARKER).click();
    const card = page.locator('.pmap__card');
    await expect
      .poll(() => card.locator('a', { hasText: 'Voir la fiche du service' }).getAttribute('href'))
      .toBe('/annuaire/test-maison-des-parents-fictive-arras/');
    expect(await card.textContent()).toContain('62000 Arras');
    expect(unexpectedErrors(hermetic)).toEqual([]);
    await context.close();
  });
});

describe('map embedded in another React island (search results)', () => {
  it('shows only the services it is given, and follows when they change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-map-embed-'));
    await buildMapHarness(dir);
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><html lang="fr"><head><title>Carte</title><link rel="stylesheet" href="/map-harness.css"></head><body><div id="root"></div><script type="module" src="/map-harness.js"></script></body></html>',
    );
    const feed = await (await fetch(`${baseUrl}/carte/services.geojson`)).text();
    writeFileSync(join(dir, 'feed.geojson'), feed);
    writeFileSync(join(dir, 'outlines.geojson'), await (await fetch(`${baseUrl}/carte/departements.geojson`)).text());
    const types: Record<string, string> = {
      '.html': 'text/html; charset=utf-8',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.geojson': 'application/geo+json',
    };
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      try {
        const body = readFileSync(join(dir, path === '/' ? 'index.html' : path));
        res.writeHead(200, { 'Content-Type': types[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    const origin = await new Promise<string>((done) =>
      server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
    );
    const hermetic = await openHermeticPage(browser, origin, { viewport: { width: 1280, height: 900 } });
    const { page, context } = hermetic;
    const status = (): Promise<string | null> => page.locator('.pmap__status').textContent();
    try {
      await page.goto(`${origin}/?services=test-maison-des-parents-fictive-arras`);
      await page.waitForSelector('.pmap__canvas[data-map-ready]');
      await expect.poll(status).toBe('1 lieu visible sur la carte.');
      expect(await page.locator('.leaflet-marker-pane > *').count()).toBe(1);
      await page.locator(ARRAS_MARKER).waitFor();

      // The harness opens on the mainland: the overseas locations are out of view.
      const total = pointFeaturesOf(JSON.parse(feed) as MapPointGroupCollection).filter((f) =>
        bboxContains(METROPOLE_BBOX, { lng: f.geometry.coordinates[0] as number, lat: f.geometry.coordinates[1] as number }),
      ).length;
      await page.evaluate(() => window.dispatchEvent(new CustomEvent('passerelle-harness:services', { detail: null })));
      await expect.poll(status).toBe(`${total} lieux visibles sur la carte.`);
      await page.evaluate(() => window.dispatchEvent(new CustomEvent('passerelle-harness:services', { detail: [] })));
      await expect.poll(status).toBe('Aucun lieu visible sur la carte.');
      expect(await page.locator('.leaflet-marker-pane > *').count()).toBe(0);
      expect(unexpectedErrors(hermetic)).toEqual([]);
    } finally {
      await context.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
