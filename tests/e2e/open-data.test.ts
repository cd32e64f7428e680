/**
 * The open-data files of the e2e build (fixture content): present, with as many services and places as the content,
 * GeoJSON points in France, data·inclusion and HSDS files valid against their published schemas;
 * the /donnees/ and /federations/rapport/ pages usable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SPREADSHEET_COLUMNS } from '../../src/lib/editing/spreadsheet-columns.ts';
import { HSDS_OBJECT, HSDS_TABLES } from '../../src/lib/exports/hsds.ts';
import { resolveLocations } from '../../src/lib/services/service-geography.ts';
import { loadContent } from '../../scripts/lib/content-files.ts';
import { axeViolations, openHermeticPage } from '../support/browser.ts';
import { browserForFile } from '../support/file-browser.ts';
import { schemaErrors } from '../support/open-data-validation.ts';

const baseUrl = inject('baseUrl');
const client = join(inject('outDir'), 'client');
const content = loadContent(inject('contentDir'));
const serviceCount = content.services.length;
const locationCount = content.services.reduce((sum, s) => sum + resolveLocations(s).length, 0);
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(client, 'donnees', path), 'utf8'));

const browser = browserForFile();

describe('open-data files built with the site', () => {
  it('the content is not empty, so the counts below mean something', () => {
    expect(serviceCount).toBeGreaterThan(0);
    expect(locationCount).toBeGreaterThanOrEqual(serviceCount);
  });

  it('services.json has every service; services.csv one row per place', () => {
    const json = readJson('services.json') as { count: number; services: { id: string }[]; licence: { name: string } };
    expect(json.count).toBe(serviceCount);
    expect(new Set(json.services.map((s) => s.id))).toEqual(new Set(content.services.map((s) => s.id)));
    expect(json.licence.name).toMatch(/Licence Ouverte/);
    const csv = readFileSync(join(client, 'donnees/services.csv'), 'utf8');
    // Rows end with CRLF; line breaks inside quoted cells are LF only.
    expect(csv.trimEnd().split('\r\n')).toHaveLength(locationCount + 1);
  });

  it('services.geojson is a valid FeatureCollection with one [lng, lat] point in France per place', () => {
    const geojson = readJson('services.geojson') as {
      type: string;
      features: { type: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features).toHaveLength(locationCount);
    for (const feature of geojson.features) {
      expect(feature.type).toBe('Feature');
      expect(feature.geometry.type).toBe('Point');
      expect(feature.geometry.coordinates).toHaveLength(2);
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      const metropolitan = lat > 41 && lat < 51.2 && lng > -5.3 && lng < 9.7;
      const overseas = lat > -21.5 && lat < 18.2;
      expect(metropolitan || overseas, `${String(feature.properties.service_id)} : ${lng}, ${lat}`).toBe(true);
      if (feature.properties.adresse_confidentielle)
        expect(feature.properties).toMatchObject({ adresse: null, position_approximative: true });
    }
  });

  it('the data·inclusion files validate against the data·inclusion v1 JSON Schemas', () => {
    const structures = readJson('data-inclusion/structures.json') as { id: string }[];
    const services = readJson('data-inclusion/services.json') as { structure_id: string }[];
    expect(services).toHaveLength(locationCount);
    expect(schemaErrors('data-inclusion', 'structure', structures)).toEqual([]);
    expect(schemaErrors('data-inclusion', 'service', services)).toEqual([]);
    const ids = new Set(structures.map((s) => s.id));
    expect(services.filter((s) => !ids.has(s.structure_id))).toEqual([]);
  });

  it('the HSDS 3.0 tables validate against the HSDS 3.0 JSON Schemas', () => {
    for (const table of HSDS_TABLES) {
      const rows = readJson(`hsds/${table}.json`) as unknown[];
      expect(schemaErrors('hsds', HSDS_OBJECT[table], rows), table).toEqual([]);
      if (table === 'services') expect(rows).toHaveLength(serviceCount);
      if (table === 'locations' || table === 'service_at_location') expect(rows).toHaveLength(locationCount);
    }
  });

  it('the import template has the columns of content:import', () => {
    const template = readFileSync(join(client, 'donnees/modele-import-services.csv'), 'utf8').replace(/^\uFEFF/, '');
    expect(template.trimEnd().split(',')).toEqual(SPREADSHEET_COLUMNS.map((c) => c.header));
  });
});

describe('open-data pages', () => {
  it('/donnees/ documents and links every file, each served, with no axe violation', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, baseUrl);
    expect((await page.goto(`${baseUrl}/donnees/`))?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Données ouvertes');
    const links = await page.locator('main a[href^="/donnees/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links).toEqual(
      expect.arrayContaining([
        '/donnees/services.json',
        '/donnees/services.csv',
        '/donnees/services.geojson',
        '/donnees/data-inclusion/structures.json',
        '/donnees/data-inclusion/services.json',
        ...HSDS_TABLES.map((t) => `/donnees/hsds/${t}.json`),
        '/donnees/modele-import-services.csv',
      ]),
    );
    for (const href of links) expect((await fetch(`${baseUrl}${href}`)).status, href).toBe(200);
    expect(await page.locator('main').textContent()).toContain('Licence Ouverte');
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the web editor is absent when not configured', async () => {
    if (process.env.PASSERELLE_ADMIN_BACKEND) return;
    expect((await fetch(`${baseUrl}/admin/`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/admin/config.yml`)).status).toBe(404);
  });

  it('/federations/rapport/ shows the counts and the white zones, with no axe violation', async () => {
    const { page, context, consoleErrors } = await openHermeticPage(browser, baseUrl);
    expect((await page.goto(`${baseUrl}/federations/rapport/`))?.status()).toBe(200);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(`${content.services.filter((s) => s.status !== 'fermé').length} services ouverts`);
    expect(text).toContain('Zones blanches');
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
