import { describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../../src/lib/search/embedded-engine.ts';
import { buildSearchDocuments } from '../../src/lib/search/search-documents.ts';
import type { SearchEngine, SearchQuery, SearchResults } from '../../src/lib/search/search-model.ts';
import { findPlaceInText } from '../../src/lib/search/search-place-in-text.ts';
import { runSearch, unknownCommuneNotice, type SearchRunSteps } from '../../src/lib/search/search-run.ts';
import {
  activeFilterCount,
  filterTerritories,
  filtersTitle,
  hasCriteria,
  languageChoices,
  languageLabel,
  searchHref,
  searchSummary,
  submittedState,
  toggleValue,
  widerRadiusKm,
} from '../../src/lib/search/search-state.ts';
import { parseSearchUrl, type SearchUrlState } from '../../src/lib/search/search-url.ts';
import { matchCommunes, typedCommune } from '../../src/lib/territories/commune-matching.ts';
import { communeIndex } from '../../src/lib/territories/territory-data.ts';
import { communePlace, SEARCH_FIXTURE_SERVICES } from './search-fixtures.ts';

const stateOf = (query: string): SearchUrlState => parseSearchUrl(new URLSearchParams(query));

describe('search state', () => {
  it('has criteria with a place, words or any filter, not with a page or a radius alone', () => {
    expect(hasCriteria(stateOf(''))).toBe(false);
    expect(hasCriteria(stateOf('rayon=50&page=2'))).toBe(false);
    for (const query of [
      'q=ER',
      'lieu=Arras',
      'autour=50.29,2.78',
      'type=espace-rencontre',
      'dep=62',
      'region=32',
      'public=parents',
      'acces=decision-jaf',
      'tarif=gratuit',
      'langue=en',
      'orientation=1',
    ]) {
      expect(hasCriteria(stateOf(query)), query).toBe(true);
    }
  });

  it('counts each filter value, and the radius only when it is not the default one', () => {
    expect(activeFilterCount(stateOf('q=ER&lieu=Arras&rayon=30'))).toBe(0);
    expect(activeFilterCount(stateOf('type=espace-rencontre&type=visites-tiers&acces=decision-jaf&orientation=1&rayon=50'))).toBe(5);
    expect(filtersTitle(0)).toBe('Filtres');
    expect(filtersTitle(1)).toBe('Filtres (1 actif)');
    expect(filtersTitle(5)).toBe('Filtres (5 actifs)');
  });

  it('checks and unchecks a filter value', () => {
    expect(toggleValue(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggleValue(['a', 'b', 'c'], 'b', false)).toEqual(['a', 'c']);
  });

  it('writes the address without « ? » when nothing is asked', () => {
    expect(searchHref('/recherche/', stateOf(''))).toBe('/recherche/');
    expect(searchHref('/recherche/', stateOf('lieu=Lens&page=2'))).toBe('/recherche/?lieu=Lens&page=2');
  });

  it('takes the words and the place sent, back to the first page; a place typed replaces the position', () => {
    const before = stateOf('autour=50.29,2.78&commune=62041&type=espace-rencontre&page=3');
    expect(submittedState(before, { q: '  médiation ', lieu: ' Lens ', insee: '62498' })).toMatchObject({
      q: 'médiation',
      lieu: 'Lens',
      commune: '62498',
      autour: undefined,
      types: ['espace-rencontre'],
      page: 1,
    });
    const typed = submittedState(before, { q: '', lieu: 'Lens', insee: '' });
    expect(typed.commune).toBeUndefined();
    expect(submittedState(before, { q: 'ER', lieu: '', insee: '' }).autour).toEqual({ lat: 50.29, lng: 2.78 });
  });

  it('says how many, around what and which page', () => {
    const results = (total: number, page = 1, pageCount = 1) =>
      ({ hits: [], total, page, pageCount, facets: {}, exhaustive: true }) as unknown as SearchResults;
    expect(searchSummary(results(0), undefined, 30)).toBe('Aucun service trouvé.');
    expect(searchSummary(results(1), undefined, 30)).toBe('1 service trouvé.');
    expect(searchSummary(results(45, 2, 3), communePlace('62498'), 30)).toMatch(
      /^45 services trouvés à moins de 30 km de Lens .* ou intervenant dans cette commune, page 2 sur 3\.$/,
    );
    expect(searchSummary(results(2), { lat: 50.29, lng: 2.78, label: 'votre position' }, 50)).toBe(
      '2 services trouvés à moins de 50 km de votre position.',
    );
  });

  it('offers the first wider radius that reaches the nearest service, and none beyond the choices', () => {
    expect(widerRadiusKm(30, 42)).toBe(50);
    expect(widerRadiusKm(10, 12)).toBe(30);
    expect(widerRadiusKm(30, 180)).toBeUndefined();
    expect(widerRadiusKm(30, undefined)).toBeUndefined();
  });

  it('lists French and the languages counted or chosen once, by label', () => {
    const choices = languageChoices(['en', 'fr', 'ar'], ['lsf', 'en']);
    expect(new Set(choices)).toEqual(new Set(['fr', 'en', 'ar', 'lsf']));
    expect(choices).toHaveLength(4);
    const labels = choices.map(languageLabel);
    expect(labels).toEqual([...labels].sort((x, y) => x.localeCompare(y, 'fr')));
    expect(labels[0]).toMatch(/^[A-Z]/);
    expect(new Set(languageChoices(['en'], ['en', 'ar']))).toEqual(new Set(['fr', 'en', 'ar']));
    expect(languageChoices([], [])).toEqual(['fr']);
  });

  it('sorts départements by code and régions by name', () => {
    const territories = filterTerritories({
      departements: { '62': { name: 'Pas-de-Calais' }, '2A': { name: 'Corse-du-Sud' }, '01': { name: 'Ain' } },
      regions: { '32': 'Hauts-de-France', '11': 'Île-de-France', '84': 'Auvergne-Rhône-Alpes' },
    } as never);
    expect(territories.departements.map((d) => d.code)).toEqual(['01', '2A', '62']);
    expect(territories.regions.map((r) => r.name)).toEqual(['Auvergne-Rhône-Alpes', 'Hauts-de-France', 'Île-de-France']);
  });
});

describe('a search, step by step', () => {
  const communes = [...communeIndex().values()];
  const suggest = (query: string) => Promise.resolve(matchCommunes(query, communes));
  const engine = createEmbeddedEngine(buildSearchDocuments(SEARCH_FIXTURE_SERVICES));
  const recording = (queries: SearchQuery[]): SearchEngine => ({
    name: engine.name,
    search: (query, options) => (queries.push(query), engine.search(query, options)),
  });
  const steps = (queries: SearchQuery[] = [], more: Partial<SearchRunSteps> = {}): SearchRunSteps => ({
    resolveCommune: async (lieu, code) =>
      code && communeIndex().get(code) ? { commune: communeIndex().get(code)! } : typedCommune(lieu, await suggest(lieu)),
    findPlaceInText: (text) => findPlaceInText(text, suggest),
    engine: () => Promise.resolve(recording(queries)),
    ...more,
  });

  it('does not search without criteria', async () => {
    const queries: SearchQuery[] = [];
    expect(await runSearch(stateOf('page=2'), steps(queries))).toEqual({ type: 'idle' });
    expect(queries).toEqual([]);
  });

  it('searches around the commune typed, and shows the first page as soon as it is sure', async () => {
    const firstPages: string[] = [];
    const outcome = await runSearch(
      stateOf('lieu=Arras'),
      steps([], { onFirstPage: (_first, place) => firstPages.push(place?.label ?? '') }),
    );
    if (outcome.type !== 'ready') throw new Error(`attendu : des résultats, reçu : ${outcome.type}`);
    expect(outcome.place?.communeCode).toBe('62041');
    expect(outcome.results.hits.map((hit) => hit.document.id)).toContain('er-arras');
    expect(outcome.notice).toBe('');
    expect(firstPages.every((label) => label === outcome.place?.label)).toBe(true);
  });

  it('asks which commune when the name is shared, and searches nothing', async () => {
    const queries: SearchQuery[] = [];
    const outcome = await runSearch(stateOf('lieu=Saint-Denis'), steps(queries));
    expect(outcome.type).toBe('choose');
    if (outcome.type === 'choose') expect(outcome.choices.map((c) => c.departementCode)).toEqual(expect.arrayContaining(['93', '974']));
    expect(queries).toEqual([]);
  });

  it('searches without the place, and says so, when the commune is not found', async () => {
    const outcome = await runSearch(stateOf('lieu=Communeinexistante&type=mediation-familiale'), steps());
    expect(outcome).toMatchObject({ type: 'ready', place: undefined, notice: unknownCommuneNotice('Communeinexistante') });
  });

  it('moves a commune named in the words to the place, and tells the page at once', async () => {
    const moved: SearchUrlState[] = [];
    const outcome = await runSearch(stateOf('q=m%C3%A9diation+Lens'), steps([], { onPlaceInWords: (state) => moved.push(state) }));
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ q: 'médiation', commune: '62498' });
    expect(outcome).toMatchObject({ type: 'ready', state: moved[0], place: { communeCode: '62498' } });
  });

  it('looks for the nearest services within the near distance only when nothing matched around a place', async () => {
    const queries: SearchQuery[] = [];
    const outcome = await runSearch(stateOf('lieu=Arras&type=visites-tiers&rayon=10'), steps(queries));
    expect(queries).toHaveLength(2);
    expect(queries[1]).toMatchObject({ page: 1, pageSize: 3 });
    expect(queries[1]?.radiusKm).toBeGreaterThan(10);
    expect(outcome).toMatchObject({ type: 'ready', results: { total: 0 } });
    if (outcome.type === 'ready') expect(outcome.nearest.map((hit) => hit.document.id)).toEqual(['vt-lille']);
    const without: SearchQuery[] = [];
    await runSearch(stateOf('type=visites-tiers&dep=75'), steps(without));
    expect(without).toHaveLength(1);
  });
});
