import { describe, expect, it } from 'vitest';
import { meilisearchFilter, meilisearchSettings, meilisearchSort } from '../../src/lib/search/meilisearch-engine.ts';
import { emptyQuery } from '../../src/lib/search/search-model.ts';
import { communePlace } from './search-fixtures.ts';

describe('Meilisearch translation of the search model', () => {
  it('turns filters into Meilisearch filter expressions, any value within a list', () => {
    const query = emptyQuery({ kinds: ['espace-rencontre', 'visites-tiers'], departements: ['2A'], fees: ['gratuit'], acceptsReferral: true });
    expect(meilisearchFilter(query)).toEqual(['kinds IN ["espace-rencontre", "visites-tiers"]', 'departements IN ["2A"]', 'fee IN ["gratuit"]', 'acceptsReferral = true']);
    expect(meilisearchFilter(query, 'kinds')).toEqual(['departements IN ["2A"]', 'fee IN ["gratuit"]', 'acceptsReferral = true']);
  });

  it('matches a place by radius or by served area, and sorts by distance', () => {
    const query = emptyQuery({ place: communePlace('75115'), radiusKm: 10 });
    expect(meilisearchFilter(query)).toEqual(['(_geoRadius(48.8401, 2.2928, 10000) OR areaCommunes IN ["75115", "75056"] OR areaDepartements = "75")']);
    expect(meilisearchSort(query)).toEqual(['_geoPoint(48.8401, 2.2928):asc']);
    expect(meilisearchFilter(emptyQuery({ place: communePlace('75115') }))).toEqual([]);
  });

  it('sorts by name with neither text nor place, by relevance with text', () => {
    expect(meilisearchSort(emptyQuery())).toEqual(['sortName:asc']);
    expect(meilisearchSort(emptyQuery({ text: 'médiation' }))).toBeUndefined();
  });

  it('declares the settings both engines share', () => {
    const settings = meilisearchSettings();
    expect(settings.distinctAttribute).toBe('serviceId');
    expect(settings.rankingRules?.[0]).toBe('sort');
    expect(settings.filterableAttributes).toContain('_geo');
    expect(settings.sortableAttributes).toEqual(['_geo', 'sortName']);
    expect(settings.stopWords).toContain('de');
    expect(settings.synonyms?.mediateurs).toContain('mediation');
    // Multi-word forms are in the documents' keywords: Meilisearch would read them as exact phrases.
    expect(settings.synonyms?.er).toBeUndefined();
    expect(settings.typoTolerance).toMatchObject({ minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });
});
