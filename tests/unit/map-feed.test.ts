import { describe, expect, it } from 'vitest';
import {
  buildDepartementFeed,
  buildFranceFeed,
  buildRegionFeed,
  buildServiceFeed,
  departementFeatureIndex,
  mappableServices,
  regionFeedFromIndex,
  type MapService,
} from '../../src/lib/map/map-feed.ts';
import { pointFeaturesOf, searchResultsFeed, serviceIdOfFeature } from '../../src/lib/map/map-points.ts';
import { departementFeedPath, mapFeedPath } from '../../src/lib/map/map-scope.ts';
import { buildSearchDocument } from '../../src/lib/search/search-documents.ts';
import { getCommune } from '../../src/lib/territories/territory-data.ts';

const location = (over: Partial<MapService['locations'][number]>): MapService['locations'][number] => ({
  postalCode: '62000',
  communeCode: '62041',
  confidential: false,
  ...over,
});

const arras: MapService = {
  id: 'relais-arras',
  name: 'Relais des familles',
  kinds: ['espace-rencontre', 'mediation-familiale'],
  locations: [
    location({ name: 'Maison du quartier', address: '3 rue des Fleurs', latitude: 50.2931, longitude: 2.7812 }),
    location({ name: 'Lieu protégé des Tilleuls', address: '12 rue Secrète', latitude: 50.2871, longitude: 2.7602, confidential: true }),
  ],
  servedArea: { departements: ['62'], communes: [] },
  contact: { phone: '03 21 00 00 00' },
  orientation: {
    email: 'orientation@exemple.test',
    acceptedAccess: ['demarche-spontanee'],
    consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation@exemple.test' },
  },
};

/** What a search document needs besides the map's fields. */
const searchFields: Pick<
  Parameters<typeof buildSearchDocument>[0],
  'summary' | 'status' | 'parentingSupportFormats' | 'publics' | 'access' | 'fees' | 'languages'
> = {
  summary: '',
  status: 'actif',
  parentingSupportFormats: [],
  publics: [],
  access: [],
  fees: { kind: 'gratuit' },
  languages: ['fr'],
};

const amiens: MapService = {
  id: 'amiens-parents',
  name: 'Parents d’Amiens',
  kinds: ['soutien-parentalite'],
  locations: [location({ postalCode: '80000', communeCode: '80021' })],
  servedArea: { departements: [], communes: [] },
  contact: {},
};

describe('map feeds', () => {
  it('never carries the address, the place name or the exact point of a confidential place', () => {
    const feed = buildServiceFeed(arras);
    const text = JSON.stringify(feed);
    expect(text).not.toContain('Secrète');
    expect(text).not.toContain('Tilleuls');
    expect(text).not.toContain('50.2871');
    const confidential = feed.features.find((f) => f.properties.confidential);
    const centroid = getCommune('62041');
    expect(confidential?.geometry.coordinates).toEqual([Number(centroid?.lng.toFixed(5)), Number(centroid?.lat.toFixed(5))]);
    expect(confidential?.properties).toMatchObject({ approximate: true, commune: 'Arras', postalCode: '62000' });
    expect(confidential?.properties.address).toBeUndefined();
  });

  it('keeps an exact public place with its address, in GeoJSON order [lng, lat]', () => {
    const [open] = buildServiceFeed(arras).features;
    expect(open?.geometry.coordinates).toEqual([2.7812, 50.2931]);
    expect(open?.properties.approximate).toBeUndefined();
    expect(open?.properties).toMatchObject({
      service: 'relais-arras',
      address: '3 rue des Fleurs',
      place: 'Maison du quartier',
      // The marker's kind: the first in the vocabulary's order (médiation familiale before espace de rencontre).
      kind: 'mediation-familiale',
      kinds: ['espace-rencontre', 'mediation-familiale'],
      phone: '03 21 00 00 00',
      acceptsReferrals: true,
      departement: '62',
    });
    expect(open?.id).toBe('relais-arras/0');
    expect(serviceIdOfFeature(open?.id as string)).toBe('relais-arras');
  });

  it('marks a place without coordinates as approximate, at its commune centroid', () => {
    const [feature] = buildServiceFeed(amiens).features;
    expect(feature?.properties).toMatchObject({
      approximate: true,
      confidential: false,
      acceptsReferrals: false,
      departement: '80',
      service: 'amiens-parents',
    });
    expect(feature?.properties.address).toBeUndefined();
  });

  it('gives France a light feed, grouped, with one point per location and no card details', () => {
    const feed = buildFranceFeed([arras, amiens]);
    // Arras's exact place and its confidential one (drawn as an area) are in two groups.
    expect(
      feed.features.map((f) => [f.geometry.type, f.properties.departement, f.properties.approximate ?? false, f.properties.ids]),
    ).toEqual([
      ['MultiPoint', '62', false, ['relais-arras/0']],
      ['MultiPoint', '62', true, ['relais-arras/1']],
      ['MultiPoint', '80', true, ['amiens-parents/0']],
    ]);
    const points = pointFeaturesOf(feed);
    expect(points.map((f) => f.id)).toEqual(['relais-arras/0', 'relais-arras/1', 'amiens-parents/0']);
    expect(Object.keys(points[0]?.properties ?? {}).sort()).toEqual(['departement', 'kind', 'name']);
    expect(points[1]?.properties).toEqual({
      name: 'Relais des familles',
      kind: 'mediation-familiale',
      approximate: true,
      departement: '62',
    });
    expect(points[1]?.geometry.coordinates).not.toContain(50.2871);
    expect(JSON.stringify(feed)).not.toContain('Secrète');
  });

  it('groups the France feed by département and kind, keeping each point with its id and name', () => {
    const many: MapService[] = Array.from({ length: 30 }, (_, index) => ({
      ...arras,
      id: `relais-${index}`,
      name: `Relais ${index}`,
      locations: [arras.locations[0]!],
    }));
    const feed = buildFranceFeed(many);
    expect(feed.features).toHaveLength(1);
    const points = pointFeaturesOf(feed);
    expect(points).toHaveLength(30);
    expect(points[17]).toMatchObject({ id: 'relais-17/0', properties: { name: 'Relais 17' } });
    // Far fewer bytes than one feature per point.
    expect(JSON.stringify(feed).length).toBeLessThan(JSON.stringify({ type: 'FeatureCollection', features: points }).length / 2);
  });

  it('puts in a département feed its own locations and those of services serving it', () => {
    const somme = buildDepartementFeed([arras, amiens], '80');
    expect(somme.features.map((f) => f.id)).toEqual(['amiens-parents/0']);
    const servedFromArras: MapService = { ...arras, id: 'sert-la-somme', servedArea: { departements: ['62', '80'], communes: [] } };
    expect(buildDepartementFeed([servedFromArras], '80').features).toHaveLength(2);
    expect(buildDepartementFeed([arras, amiens], '59').features).toEqual([]);
  });

  it('puts in a région feed the locations of its départements, each once, light as the France feed', () => {
    const hautsDeFrance = buildRegionFeed([arras, amiens], '32');
    expect(hautsDeFrance.features.every((f) => f.geometry.type === 'MultiPoint')).toBe(true);
    expect(pointFeaturesOf(hautsDeFrance)).toEqual(pointFeaturesOf(buildFranceFeed([arras, amiens])));
    expect(JSON.stringify(hautsDeFrance)).not.toContain('Secrète');
    expect(buildRegionFeed([arras, amiens], '11').features).toEqual([]);
  });

  it('maps search results with the same points and ids as the France feed, from their search documents', () => {
    const documents = [arras, amiens].map((service) => buildSearchDocument({ ...searchFields, ...service })!);
    const results = searchResultsFeed(documents);
    expect(results.features).toEqual(pointFeaturesOf(buildFranceFeed([arras, amiens])));
    // The confidential place of Arras is its commune's centre, marked approximate, as everywhere.
    const secret = results.features.find((f) => f.id === 'relais-arras/1');
    expect(secret?.properties.approximate).toBe(true);
    expect(secret?.geometry.coordinates).not.toEqual([2.7602, 50.2871]);
  });

  it('points each scope at its prerendered feed, and one service at none', () => {
    expect(mapFeedPath({ type: 'france' })).toBe('/carte/services.geojson');
    expect(mapFeedPath({ type: 'departement', code: '2A' })).toBe(departementFeedPath('2A'));
    expect(mapFeedPath({ type: 'region', code: '32' })).toBe('/carte/regions/32.geojson');
    expect(mapFeedPath({ type: 'service', id: 'x' })).toBeUndefined();
  });
});

describe('map feed index for the build', () => {
  const services = [arras, amiens, { ...amiens, id: 'sert-62-et-80', servedArea: { departements: ['62', '80'], communes: [] } }];

  it('gives each département the same features as its own feed', () => {
    const index = departementFeatureIndex(services);
    for (const code of ['62', '80', '59']) {
      expect((index.get(code) ?? []).map((f) => f.id).sort()).toEqual(
        buildDepartementFeed(services, code)
          .features.map((f) => f.id)
          .sort(),
      );
    }
  });

  it('gives each région the same features as its own feed, each once', () => {
    const index = departementFeatureIndex(services);
    const ids = (feed: Parameters<typeof pointFeaturesOf>[0]): string[] =>
      pointFeaturesOf(feed)
        .map((f) => f.id)
        .sort();
    expect(ids(regionFeedFromIndex(index, '32'))).toEqual(ids(buildRegionFeed(services, '32')));
    expect(ids(regionFeedFromIndex(index, '32'))).toHaveLength(4);
  });

  it('leaves closed services off the map', () => {
    expect(
      mappableServices([
        { ...arras, status: 'fermé' },
        { ...amiens, status: 'fermé temporairement' },
      ]).map((s) => s.id),
    ).toEqual(['amiens-parents']);
  });
});
