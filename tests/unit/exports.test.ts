/**
 * Open-data builders on fixture and synthetic services (never content/): counts, confidential places,
 * GeoJSON order, and validation against the data·inclusion and HSDS 3.0 JSON Schemas.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Organisation } from '../../src/lib/content/organisation-schema.ts';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import { cmsSettingsFrom, decapConfig } from '../../src/lib/editing/cms-config.ts';
import { buildContentReport, formatContentReport } from '../../src/lib/editing/content-report.ts';
import { dataInclusionServices, dataInclusionStructures, phoneE164 } from '../../src/lib/exports/data-inclusion.ts';
import { HSDS_OBJECT, HSDS_TABLES, hsdsTables, recurringSchedules, stableUuid, weeklySchedules } from '../../src/lib/exports/hsds.ts';
import { openDataCsv, openDataGeoJson, openDataServices } from '../../src/lib/exports/open-data.ts';
import { generateSyntheticServices } from '../../scripts/lib/synthetic-services.ts';
import { schemaErrors } from '../support/open-data-validation.ts';

const organisations: Organisation[] = [
  {
    id: 'association-exemple',
    name: 'Association exemple',
    kinds: ['operateur'],
    description: 'Association fictive des tests.',
    website: 'https://exemple.test/',
    sources: [{ url: 'https://exemple.test/' }],
    lastChecked: '2026-10-01',
  },
  {
    id: 'federation-exemple',
    name: 'Fédération exemple',
    acronym: 'FEX',
    kinds: ['federation'],
    description: 'Fédération fictive des tests.',
    sources: [{ url: 'https://exemple.test/f' }],
    lastChecked: '2026-10-01',
  },
];

const parse = (id: string, input: unknown): Service => ({ ...serviceSchema.parse(input), id });

const SECRET_ADDRESS = '12 impasse Secrète';
const protectedService = parse('lieu-protege', {
  name: 'Espace rencontre protégé',
  kinds: ['espace-rencontre', 'mediation-familiale'],
  status: 'actif',
  organisation: 'association-exemple',
  federations: ['federation-exemple'],
  summary: 'Espace de rencontre pour des familles exposées à des violences.',
  publics: ['parents', 'enfants', 'professionnels'],
  access: ['decision-jaf'],
  fees: { kind: 'bareme-national' },
  contact: { phone: '03 21 00 00 00', email: 'accueil@exemple.test' },
  orientation: {
    email: 'secret-orientation@exemple.test',
    acceptedAccess: ['decision-jaf'],
    consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'secret-orientation@exemple.test' },
  },
  locations: [
    {
      address: SECRET_ADDRESS,
      postalCode: '62000',
      communeCode: '62041',
      latitude: 50.2871,
      longitude: 2.7802,
      confidential: true,
      openingHours: 'Sa 09:00-12:00',
    },
    {
      address: '1 place Publique',
      postalCode: '86000',
      communeCode: '86194',
      latitude: 46.58,
      longitude: 0.34,
      openingHours: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
    },
    // No source gives the postal code, and Bordeaux has several: the field stays empty everywhere.
    { address: '2 rue Sans-Code', communeCode: '33063' },
  ],
  sources: [{ url: 'https://exemple.test/protege' }],
  lastChecked: '2024-01-01',
});
/** Hours that are not the same every week: some weeks of the month, some months of the year. */
const irregularHours = parse('horaires-irreguliers', {
  name: 'Permanence de médiation familiale',
  kinds: ['mediation-familiale'],
  status: 'actif',
  summary: 'Permanence de médiation familiale deux mercredis par mois.',
  locations: [
    { postalCode: '86000', communeCode: '86194', openingHours: 'We[1,3] 14:00-17:00; Sa[-1] 09:00-12:00' },
    { postalCode: '62000', communeCode: '62041', openingHours: 'Sep-Jun Mo-Fr 09:00-12:00' },
  ],
  sources: [{ url: 'https://exemple.test/permanence' }],
  lastChecked: '2026-10-01',
});
const services: Service[] = [
  protectedService,
  irregularHours,
  ...generateSyntheticServices(60, 5).map(({ id, ...input }) => parse(id, input)),
];
const locationCount = services.reduce((sum, s) => sum + s.locations.length, 0);
const input = { services, organisations, siteUrl: 'https://passerelle.test/' };

describe('open-data files', () => {
  it('services.json has every service and no referral address; CSV and GeoJSON have one entry per place', () => {
    const records = openDataServices(input);
    expect(records).toHaveLength(services.length);
    const csvLines = openDataCsv(input).trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(locationCount + 1);
    expect(openDataGeoJson(input).features).toHaveLength(locationCount);
    const record = records.find((r) => r.id === 'lieu-protege');
    expect(record).toMatchObject({
      url: 'https://passerelle.test/annuaire/lieu-protege/',
      organisation: { name: 'Association exemple' },
      onlineReferral: { accepted: true },
    });
    expect(JSON.stringify(records)).not.toContain('secret-orientation');
  });

  it('never publishes a confidential address or point: commune centroid, marked so', () => {
    const all = [
      JSON.stringify(openDataServices(input)),
      openDataCsv(input),
      JSON.stringify(openDataGeoJson(input)),
      JSON.stringify(dataInclusionServices(input)),
      JSON.stringify(hsdsTables(input)),
    ].join('\n');
    expect(all).not.toContain(SECRET_ADDRESS);
    expect(all).not.toContain('50.2871');
    const feature = openDataGeoJson(input).features.find((f) => f.id === 'lieu-protege#0');
    // Arras' centroid, not the given point, marked as confidential and approximate.
    expect(feature?.geometry.coordinates[0]).toBeCloseTo(2.77, 1);
    expect(feature?.geometry.coordinates[0]).not.toBe(2.7802);
    expect(feature?.properties).toMatchObject({ adresse: null, adresse_confidentielle: true, position_approximative: true });
    expect(openDataGeoJson(input).features.find((f) => f.id === 'lieu-protege#1')?.geometry.coordinates).toEqual([0.34, 46.58]);
  });

  it('GeoJSON points are [longitude, latitude] inside France (metropolitan or overseas)', () => {
    for (const feature of openDataGeoJson(input).features) {
      const [lng, lat] = feature.geometry.coordinates;
      const metropolitan = lat > 41 && lat < 51.2 && lng > -5.3 && lng < 9.7;
      const overseas = (lat > -21.5 && lat < 18.2 && (lng > -62 || lng < 56)) || (lat > 46.7 && lat < 47.2 && lng > -56.5 && lng < -56);
      expect(metropolitan || overseas, `${feature.id} ${lng},${lat}`).toBe(true);
    }
  });
});

describe('a place without a postal code', () => {
  it('leaves the field empty in every file (the schemas above still validate them)', () => {
    const record = openDataServices(input).find((r) => r.id === 'lieu-protege');
    expect(record?.locations[2]).toMatchObject({ address: '2 rue Sans-Code', postalCode: null, communeName: 'Bordeaux' });
    expect(openDataCsv(input)).toContain(',2 rue Sans-Code,,33063,Bordeaux,');
    expect(openDataGeoJson(input).features.find((f) => f.id === 'lieu-protege#2')?.properties).toMatchObject({
      code_postal: null,
      code_insee: '33063',
    });
    expect(dataInclusionServices(input).find((s) => s.id === 'passerelle--lieu-protege--2')).toMatchObject({
      code_postal: null,
      code_insee: '33063',
      commune: 'Bordeaux',
    });
    expect(hsdsTables(input).addresses.find((a) => a.address_1 === '2 rue Sans-Code')).toMatchObject({ postal_code: '', city: 'Bordeaux' });
  });
});

describe('data·inclusion format', () => {
  it('validates against the published data·inclusion v1 JSON Schemas', () => {
    const structures = dataInclusionStructures(input);
    const diServices = dataInclusionServices(input);
    expect(schemaErrors('data-inclusion', 'structure', structures)).toEqual([]);
    expect(schemaErrors('data-inclusion', 'service', diServices)).toEqual([]);
    expect(diServices).toHaveLength(locationCount);
    // Every service points at a structure that exists.
    const structureIds = new Set(structures.map((s) => s.id));
    expect(diServices.every((s) => structureIds.has(s.structure_id))).toBe(true);
  });

  it('maps kinds onto thématiques, fees, publics and opening hours', () => {
    const [first] = dataInclusionServices(input).filter((s) => s.id === 'passerelle--lieu-protege--0');
    expect(first).toMatchObject({
      thematiques: ['famille--surmonter-conflits-separation-violence'],
      frais: 'payant',
      publics: ['familles'],
      telephone: '+33321000000',
      horaires_accueil: 'Sa 09:00-12:00',
      adresse: null,
      complement_adresse: expect.stringContaining('Adresse confidentielle'),
      lien_mobilisation: 'https://passerelle.test/orienter/?service=lieu-protege',
    });
    expect(phoneE164('+33 3 21 00 00 00')).toBe('+33321000000');
  });

  it('a schema violation is caught (the validator is not a no-op)', () => {
    const [service] = dataInclusionServices(input);
    expect(schemaErrors('data-inclusion', 'service', [{ ...service, thematiques: ['famille--inconnue'] }])).not.toEqual([]);
  });
});

describe('HSDS 3.0 format', () => {
  it('every table validates against its HSDS 3.0 object schema, with stable UUIDs and consistent links', () => {
    const tables = hsdsTables(input);
    for (const table of HSDS_TABLES) expect(schemaErrors('hsds', HSDS_OBJECT[table], tables[table]), table).toEqual([]);
    expect(tables.services).toHaveLength(services.length);
    expect(tables.locations).toHaveLength(locationCount);
    expect(tables.service_at_location).toHaveLength(locationCount);
    const serviceIds = new Set(tables.services.map((s) => s.id));
    const locationIds = new Set(tables.locations.map((l) => l.id));
    expect(tables.service_at_location.every((sal) => serviceIds.has(sal.service_id) && locationIds.has(sal.location_id))).toBe(true);
    expect(hsdsTables(input)).toEqual(tables);
    expect(stableUuid('service:a')).not.toBe(stableUuid('service:b'));
    expect(schemaErrors('hsds', 'service', [{ ...tables.services[0], id: 'pas-un-uuid' }])).not.toEqual([]);
  });

  it('turns weekly opening hours into schedules', () => {
    expect(weeklySchedules('Mo-Fr 09:00-12:00,14:00-17:00; PH off')).toEqual([
      { byday: 'MO,TU,WE,TH,FR', opens_at: '09:00:00', closes_at: '12:00:00' },
      { byday: 'MO,TU,WE,TH,FR', opens_at: '14:00:00', closes_at: '17:00:00' },
    ]);
    const schedules = hsdsTables(input).schedules.filter((s) => String(s.description).includes('PH off'));
    expect(schedules.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the rules of opening_hours, not one sample week: weeks of the month are MONTHLY, other rules a description only', () => {
    expect(recurringSchedules('We[2] 14:00-17:00')).toEqual([
      { freq: 'MONTHLY', byday: '2WE', opens_at: '14:00:00', closes_at: '17:00:00' },
    ]);
    expect(recurringSchedules('Mo 09:00-12:00; We[1,3] 14:00-17:00; Sa[-1] 09:00-12:00')).toEqual([
      { freq: 'WEEKLY', byday: 'MO', opens_at: '09:00:00', closes_at: '12:00:00' },
      { freq: 'MONTHLY', byday: '1WE,3WE', opens_at: '14:00:00', closes_at: '17:00:00' },
      { freq: 'MONTHLY', byday: '-1SA', opens_at: '09:00:00', closes_at: '12:00:00' },
    ]);
    // A later rule replaces earlier ones on its days; ", " adds to them.
    expect(recurringSchedules('Mo-Fr 09:00-12:00; We 14:00-17:00').map((s) => s.byday)).toEqual(['MO,TU,TH,FR', 'WE']);
    expect(recurringSchedules('Mo-Fr 09:00-12:00, We 14:00-17:00').map((s) => s.byday)).toEqual(['MO,TU,WE,TH,FR', 'WE']);
    // Not a schedule: months, school holidays, a weekday every week but closed some weeks, past midnight.
    for (const hours of [
      'Sep-Jun Mo-Fr 09:00-12:00',
      'Mo-Fr 09:00-12:00; SH off',
      'Mo-Fr 09:00-12:00; We[2] off',
      'Fr 20:00-02:00',
      'Mo 09:00-12:00 "sur rendez-vous"',
    ]) {
      expect(recurringSchedules(hours), hours).toEqual([]);
    }
    // schema.org's weekly specification has no weeks of the month.
    expect(weeklySchedules('We[2] 14:00-17:00')).toEqual([]);

    const tables = hsdsTables(input);
    const [monthly, monthRange] = [0, 1].map((index) => {
      const salId = tables.service_at_location.find((sal) => sal.location_id === stableUuid(`location:horaires-irreguliers:${index}`))?.id;
      return tables.schedules.filter((s) => s.service_at_location_id === salId);
    });
    expect(monthly?.map((s) => [s.freq, s.interval, s.byday, s.opens_at])).toEqual([
      ['MONTHLY', 1, '1WE,3WE', '14:00:00'],
      ['MONTHLY', 1, '-1SA', '09:00:00'],
    ]);
    expect(monthRange).toEqual([expect.objectContaining({ description: 'Horaires (syntaxe opening_hours) : Sep-Jun Mo-Fr 09:00-12:00' })]);
    expect(monthRange?.[0]).not.toHaveProperty('freq');
    expect(schemaErrors('hsds', 'schedule', [...(monthly ?? []), ...(monthRange ?? [])])).toEqual([]);
  });
});

describe('content report', () => {
  it('counts by federation and département, lists entries due for checking and white zones', () => {
    const report = buildContentReport(services, organisations, new Date('2026-11-25'));
    const federation = report.federations.find((f) => f.key === 'federation-exemple');
    expect(federation).toMatchObject({
      label: 'FEX (Fédération exemple)',
      total: 1,
      byKind: { 'espace-rencontre': 1, 'mediation-familiale': 1, 'soutien-parentalite': 0 },
    });
    expect(federation?.dueForCheck.map((m) => m.id)).toEqual(['lieu-protege']);
    expect(federation?.acceptingReferrals.map((m) => m.id)).toEqual(['lieu-protege']);
    const pasDeCalais = report.departements.find((d) => d.key === '62');
    expect(pasDeCalais?.total).toBe(
      services.filter((s) => s.locations.some((l) => l.communeCode.startsWith('62')) || s.servedArea.departements.includes('62')).length,
    );
    const lozereHasVisites = services.some(
      (s) =>
        s.kinds.includes('visites-tiers') &&
        (s.servedArea.departements.includes('48') || s.locations.some((l) => l.communeCode.startsWith('48'))),
    );
    expect(report.whiteZones.find((z) => z.kind === 'visites-tiers')?.departements.some((d) => d.code === '48')).toBe(!lozereHasVisites);
    const text = formatContentReport(report);
    expect(text).toContain('FEX (Fédération exemple) : 1 service(s) — médiation familiale : 1, espace de rencontre : 1');
    expect(text).toMatch(/À revérifier \(plus de 365 jours\) : 1 — Espace rencontre protégé \[lieu-protege\]/);
    expect(text).toMatch(/Zones blanches/);
  });
});

describe('web editor configuration (Decap CMS at /admin/)', () => {
  it('is absent unless PASSERELLE_ADMIN_BACKEND is set', () => {
    expect(cmsSettingsFrom({})).toBeUndefined();
    expect(cmsSettingsFrom({ PASSERELLE_ADMIN_BACKEND: 'github', PASSERELLE_ADMIN_REPO: 'federation/passerelle' })).toEqual({
      backend: 'github',
      repo: 'federation/passerelle',
      branch: 'main',
    });
  });

  it('edits the same files with every schema field, its French description as the hint', () => {
    const config = decapConfig({ backend: 'github', repo: 'federation/passerelle' }) as {
      collections: { name: string; folder: string; fields: Record<string, unknown>[] }[];
    };
    const services = config.collections.find((c) => c.name === 'services');
    expect(services?.folder).toBe('content/services');
    expect(services?.fields.map((f) => f.name)).toEqual(Object.keys(serviceSchema.shape));
    expect(services?.fields.find((f) => f.name === 'kinds')).toMatchObject({
      widget: 'select',
      multiple: true,
      required: true,
      hint: serviceSchema.shape.kinds.description,
    });
    const locations = services?.fields.find((f) => f.name === 'locations') as { fields: Record<string, unknown>[] };
    expect(locations.fields.find((f) => f.name === 'confidential')).toMatchObject({
      widget: 'boolean',
      required: false,
      hint: expect.stringContaining('ne doit pas être publiée'),
    });
    expect(config.collections.find((c) => c.name === 'organisations')?.folder).toBe('content/organisations');
  });

  it('requires a field of an optional block only in the schema, never in the editor (Decap would refuse to save without the block)', () => {
    const config = decapConfig({ backend: 'github' }) as {
      collections: { name: string; fields: { name: string; required: boolean; fields?: { name: string; required: boolean }[] }[] }[];
    };
    const fields = config.collections.find((c) => c.name === 'services')?.fields ?? [];
    const subfield = (block: string, name: string) => fields.find((f) => f.name === block)?.fields?.find((f) => f.name === name);
    expect(fields.find((f) => f.name === 'orientation')?.required).toBe(false);
    expect(subfield('orientation', 'email')?.required).toBe(false);
    expect(subfield('fees', 'kind')?.required).toBe(false);
    // A place in the list is there on purpose: its commune stays required.
    expect(subfield('locations', 'communeCode')?.required).toBe(true);
  });

  it('names one item of a list in French and sums it up when folded', () => {
    const config = decapConfig({ backend: 'github' }) as { collections: { name: string; fields: Record<string, unknown>[] }[] };
    const fields = config.collections.find((c) => c.name === 'services')?.fields ?? [];
    expect(fields.find((f) => f.name === 'locations')).toMatchObject({
      label_singular: 'lieu',
      summary: expect.stringContaining('{{fields.communeCode}}'),
    });
    expect(fields.find((f) => f.name === 'sources')).toMatchObject({
      label_singular: 'source',
      summary: expect.stringContaining('{{fields.url}}'),
    });
  });

  it('lets a new service be created: its first place unfolded, a file named like an id, dates picked as AAAA-MM-JJ, the last check today', () => {
    const config = decapConfig({ backend: 'github' }) as {
      slug: Record<string, unknown>;
      collections: { name: string; fields: { name: string; fields?: Record<string, unknown>[] }[] }[];
    };
    const fields = config.collections.find((c) => c.name === 'services')?.fields ?? [];
    for (const list of ['locations', 'sources'])
      expect(fields.find((f) => f.name === list)).toMatchObject({ widget: 'list', collapsed: false });
    // Decap names a new file after the service: ascii, accents cleaned, as ID_PATTERN wants.
    expect(config.slug).toEqual({ encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' });
    const datePicker = { widget: 'datetime', date_format: 'YYYY-MM-DD', format: 'YYYY-MM-DD', time_format: false };
    expect(fields.find((f) => f.name === 'lastChecked')).toMatchObject({ ...datePicker, default: '{{now}}', required: true });
    const sourceDate = fields.find((f) => f.name === 'sources')?.fields?.find((f) => f.name === 'date');
    expect(sourceDate).toMatchObject({ ...datePicker, required: false });
    expect(sourceDate).not.toHaveProperty('default');
    const consent = fields.find((f) => f.name === 'orientation')?.fields?.find((f) => f.name === 'consent') as {
      label: string;
      fields: Record<string, unknown>[];
    };
    expect(consent.fields.find((f) => f.name === 'date')).toMatchObject(datePicker);
    // Every label is French, none is the field's code name.
    expect([consent.label, ...consent.fields.map((f) => f.label)]).toEqual([
      'Accord du service',
      'Date',
      'Moyen de l’accord',
      'Accord donné par',
    ]);
  });

  it('has the organisation and federations picked from the organisations collection, stored as their file names', () => {
    const config = decapConfig({ backend: 'github' }) as { collections: { name: string; fields: Record<string, unknown>[] }[] };
    const fields = config.collections.find((c) => c.name === 'services')?.fields ?? [];
    const relation = {
      widget: 'relation',
      collection: 'organisations',
      value_field: '{{slug}}',
      search_fields: ['name', 'acronym'],
      display_fields: ['name'],
    };
    expect(fields.find((f) => f.name === 'organisation')).toMatchObject({
      ...relation,
      multiple: false,
      required: false,
      hint: serviceSchema.shape.organisation.description,
    });
    expect(fields.find((f) => f.name === 'federations')).toMatchObject({ ...relation, multiple: true, required: false });
  });

  describe('when configured', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    /** The three editor routes, as Astro builds them: their paths, and what each serves. */
    async function editorRoutes() {
      const route = async (module: Promise<{ getStaticPaths: () => unknown; GET: (context: never) => unknown }>) => {
        const { getStaticPaths, GET } = await module;
        return { paths: getStaticPaths(), get: () => GET({ site: new URL('https://passerelle.test/') } as never) as Promise<Response> };
      };
      return {
        index: await route(import('../../src/pages/admin/[name].html.ts')),
        config: await route(import('../../src/pages/admin/[name].yml.ts')),
        script: await route(import('../../src/pages/admin/[name].js.ts')),
      };
    }

    it('builds /admin/index.html, /admin/config.yml (the forge settings, the local backend, the site address) and the script', async () => {
      vi.stubEnv('PASSERELLE_ADMIN_BACKEND', 'github');
      vi.stubEnv('PASSERELLE_ADMIN_REPO', 'federation/passerelle');
      vi.stubEnv('PASSERELLE_ADMIN_BRANCH', 'contenu');
      const { index, config, script } = await editorRoutes();
      expect([index.paths, config.paths, script.paths]).toEqual([
        [{ params: { name: 'index' } }],
        [{ params: { name: 'config' } }],
        [{ params: { name: 'decap-cms' } }],
      ]);

      const configResponse = await config.get();
      expect(configResponse.headers.get('Content-Type')).toBe('text/yaml; charset=utf-8');
      const settings = parseYaml(await configResponse.text()) as {
        collections: { name: string; fields: { name: string; widget: string }[] }[];
      };
      expect(settings).toMatchObject({
        backend: { name: 'github', repo: 'federation/passerelle', branch: 'contenu' },
        local_backend: true,
        locale: 'fr',
        site_url: 'https://passerelle.test/',
      });
      expect(settings).toEqual(
        JSON.parse(
          JSON.stringify(
            decapConfig({ backend: 'github', repo: 'federation/passerelle', branch: 'contenu', siteUrl: 'https://passerelle.test/' }),
          ),
        ),
      );
      expect(settings.collections.find((c) => c.name === 'services')?.fields.find((f) => f.name === 'federations')?.widget).toBe(
        'relation',
      );

      const page = await (await index.get()).text();
      expect(page).toContain('<link href="/admin/config.yml" type="text/yaml" rel="cms-config-url" />');
      expect(page).toContain('<script src="/admin/decap-cms.js"></script>');
      const code = await script.get();
      expect(code.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
      expect(await code.text()).toContain('local_backend');
    });

    it('builds nothing under /admin/ without PASSERELLE_ADMIN_BACKEND', async () => {
      vi.stubEnv('PASSERELLE_ADMIN_BACKEND', '');
      for (const route of Object.values(await editorRoutes())) {
        expect(route.paths).toEqual([]);
        expect((await route.get()).status).toBe(404);
      }
    });
  });
});
