/**
 * One set of queries and expected answers for every engine: the embedded engine (whole index and
 * split index files) always, Meilisearch when MEILISEARCH_URL is set (a fresh index is built from
 * the same fixtures, then deleted).
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../../src/lib/search/embedded-engine.ts';
import { createMeilisearchEngine, replaceMeilisearchIndex } from '../../src/lib/search/meilisearch-engine.ts';
import { buildSearchDocuments } from '../../src/lib/search/search-documents.ts';
import { emptyQuery, type SearchEngine, type SearchQuery } from '../../src/lib/search/search-model.ts';
import { buildSearchManifest, buildShard, createShardedEngine } from '../../src/lib/search/search-shards.ts';
import { listDepartements, listRegions } from '../../src/lib/territories/territory-data.ts';
import { communePlace, SEARCH_FIXTURE_SERVICES } from './search-fixtures.ts';

const documents = buildSearchDocuments(SEARCH_FIXTURE_SERVICES);

interface Case {
  name: string;
  query: Partial<SearchQuery>;
  /** Ids in this order. */
  ordered?: string[];
  /** Ids in any order (relevance may differ between engines). */
  unordered?: string[];
  check?: (results: Awaited<ReturnType<SearchEngine['search']>>) => void;
}

const MEDIATION = ['mf-bethune', 'mf-lens', 'mf-paris', 'ms-amiens'];

const CASES: Case[] = [
  {
    name: 'every open service, by name, never a closed one',
    query: {},
    ordered: ['mf-bethune', 'er-arras', 'laep-douai', 'ms-amiens', 'mf-lens', 'mf-paris', 'vt-lille'],
  },
  { name: '« médiation » with its accent', query: { text: 'médiation' }, unordered: MEDIATION },
  { name: '« mediation » without accent', query: { text: 'mediation' }, unordered: MEDIATION },
  { name: '« MEDIATION » in capitals', query: { text: 'MEDIATION' }, unordered: MEDIATION },
  { name: '« mediaton » with a typo', query: { text: 'mediaton' }, unordered: MEDIATION },
  { name: '« médiateurs » as a synonym of médiation', query: { text: 'médiateurs' }, unordered: MEDIATION },
  { name: '« ER » for espace de rencontre', query: { text: 'ER' }, unordered: ['er-arras'] },
  { name: '« espace de rencontre », stop word and all', query: { text: 'espace de rencontre' }, unordered: ['er-arras'] },
  { name: '« visite médiatisée » for visites en présence d’un tiers', query: { text: 'visite médiatisée' }, unordered: ['vt-lille'] },
  { name: '« point de rencontre » for espace de rencontre', query: { text: 'point de rencontre' }, unordered: ['er-arras'] },
  { name: '« ER Arras », the short form and a place name', query: { text: 'ER Arras' }, unordered: ['er-arras'] },
  { name: '« visites médiatisées », plural', query: { text: 'visites médiatisées' }, unordered: ['vt-lille'] },
  { name: '« visite accompagnée »', query: { text: 'visite accompagnée' }, unordered: ['vt-lille'] },
  { name: '« JAF » for juge aux affaires familiales', query: { text: 'JAF' }, unordered: ['er-arras', 'mf-bethune'] },
  {
    name: '« juge aux affaires familiales », in full',
    query: { text: 'juge aux affaires familiales' },
    unordered: ['er-arras', 'mf-bethune'],
  },
  { name: '« LAEP »', query: { text: 'LAEP' }, unordered: ['laep-douai'] },
  { name: '« lieu d’accueil enfants-parents », in full', query: { text: 'lieu d’accueil enfants-parents' }, unordered: ['laep-douai'] },
  { name: '« médiatrice » as a synonym of médiation', query: { text: 'médiatrice' }, unordered: MEDIATION },
  { name: 'words and a place name: « médiation Lens »', query: { text: 'médiation Lens' }, unordered: ['mf-lens'] },
  { name: 'a word no service has', query: { text: 'aquarium' }, unordered: [] },
  { name: 'kind filter, by name', query: { kinds: ['mediation-familiale'] }, ordered: ['mf-bethune', 'mf-lens', 'mf-paris'] },
  { name: 'two kinds: either', query: { kinds: ['espace-rencontre', 'visites-tiers'] }, ordered: ['er-arras', 'vt-lille'] },
  {
    name: 'département filter (services there or serving it)',
    query: { departements: ['62'] },
    ordered: ['mf-bethune', 'er-arras', 'mf-lens'],
  },
  { name: 'région filter', query: { regions: ['11'] }, ordered: ['mf-paris'] },
  {
    name: 'publics, fees and languages',
    query: { publics: ['grands-parents', 'adolescents'], fees: ['bareme-national', 'payant'] },
    ordered: ['mf-lens', 'mf-paris'],
  },
  { name: 'language', query: { languages: ['ar'] }, ordered: ['mf-bethune'] },
  { name: 'access mode', query: { access: ['decision-juge-des-enfants'] }, ordered: ['vt-lille'] },
  { name: 'accepts online referrals', query: { acceptsReferral: true }, ordered: ['mf-bethune', 'er-arras'] },
  {
    name: 'near Lens within 30 km, nearest first',
    query: { place: communePlace('62498'), radiusKm: 30 },
    ordered: ['mf-lens', 'mf-bethune', 'er-arras', 'laep-douai', 'vt-lille'],
    check: (r) => {
      expect(r.hits[0]?.distanceKm).toBeLessThan(0.5);
      expect(r.hits.find((h) => h.document.id === 'er-arras')?.servesPlace).toBe(true);
      expect(r.hits.find((h) => h.document.id === 'mf-bethune')?.servesPlace).toBe(false);
    },
  },
  {
    name: 'near Lens within 10 km: a service serving the département comes too',
    query: { place: communePlace('62498'), radiusKm: 10 },
    ordered: ['mf-lens', 'er-arras'],
  },
  {
    name: 'near Lens, a kind and words',
    query: { place: communePlace('62498'), radiusKm: 30, kinds: ['mediation-familiale'], text: 'médiation' },
    ordered: ['mf-lens', 'mf-bethune'],
  },
  {
    name: 'near Paris 15e: the service of the city, at its nearest place',
    query: { place: communePlace('75115'), radiusKm: 10 },
    ordered: ['mf-paris'],
    check: (r) => {
      expect(r.hits[0]?.nearest?.communeCode).toBe('75115');
      expect(r.hits[0]?.servesPlace).toBe(true);
    },
  },
  {
    name: 'near Boulogne-Billancourt: the other location is the nearest',
    query: { place: communePlace('92012'), radiusKm: 5 },
    ordered: ['mf-paris'],
    check: (r) => {
      expect(r.hits[0]?.nearest?.communeCode).toBe('92012');
      expect(r.hits[0]?.distanceKm).toBeLessThan(1);
    },
  },
  {
    name: 'near Lille, the confidential place counts from the commune centre',
    query: { place: communePlace('59350'), radiusKm: 5 },
    ordered: ['vt-lille'],
    check: (r) => {
      expect(r.hits[0]?.distanceKm).toBeLessThan(0.05);
      expect(r.hits[0]?.nearest?.approximate).toBe(true);
    },
  },
  {
    name: 'nearest services with no radius, wherever they are',
    query: { place: communePlace('80021'), kinds: ['mediation-familiale'], pageSize: 2 },
    ordered: ['mf-lens', 'mf-bethune'],
  },
  {
    name: 'facets count each facet without its own filter',
    query: { departements: ['62'], kinds: ['mediation-familiale'] },
    ordered: ['mf-bethune', 'mf-lens'],
    check: (r) => {
      expect(r.facets.kinds).toEqual({ 'espace-rencontre': 1, 'mediation-familiale': 2 });
      if (r.partialFacets?.includes('departements')) expect(r.facets.departements['62']).toBe(2);
      else expect(r.facets.departements).toEqual({ '62': 2, '75': 1, '92': 1 });
      expect(r.facets.fees).toEqual({ 'bareme-national': 2 });
      expect(r.facets.acceptsReferral).toEqual({ true: 1 });
    },
  },
  {
    name: 'région facet: counted without its own filter, and the départements within the région',
    query: { regions: ['32'], kinds: ['mediation-familiale'] },
    ordered: ['mf-bethune', 'mf-lens'],
    check: (r) => {
      if (r.partialFacets?.includes('regions')) expect(r.facets.regions['32']).toBe(2);
      else expect(r.facets.regions).toEqual({ '11': 1, '32': 2 });
      expect(r.facets.departements).toEqual({ '62': 2 });
    },
  },
  {
    name: 'pages',
    query: { kinds: ['mediation-familiale'], pageSize: 2, page: 2 },
    ordered: ['mf-paris'],
    check: (r) => {
      expect(r.total).toBe(3);
      expect(r.pageCount).toBe(2);
      expect(r.page).toBe(2);
    },
  },
  {
    name: 'a page past the end gives the last page',
    query: { kinds: ['mediation-familiale'], pageSize: 2, page: 5 },
    ordered: ['mf-paris'],
    check: (r) => {
      expect(r.total).toBe(3);
      expect(r.pageCount).toBe(2);
      expect(r.page).toBe(2);
    },
  },
];

function runConformance(engineName: string, getEngine: () => SearchEngine): void {
  describe(`conformance: ${engineName}`, () => {
    for (const c of CASES) {
      it(c.name, async () => {
        const results = await getEngine().search(emptyQuery(c.query));
        const ids = results.hits.map((h) => h.document.id);
        if (c.ordered) expect(ids).toEqual(c.ordered);
        if (c.unordered) expect([...ids].sort()).toEqual([...c.unordered].sort());
        if (c.ordered || c.unordered) expect(results.hits.length).toBeLessThanOrEqual(results.total);
        c.check?.(results);
      });
    }
  });
}

runConformance('moteur embarqué, index entier', () => createEmbeddedEngine(documents));

const manifest = buildSearchManifest(documents, listDepartements(), listRegions());
runConformance('moteur embarqué, fichiers par département', () =>
  createShardedEngine(manifest, (code) => Promise.resolve(buildShard(documents, code))),
);

const meilisearchUrl = process.env.MEILISEARCH_URL;
const meilisearchKey = process.env.MEILISEARCH_ADMIN_KEY;
const indexUid = `passerelle_conformite_${process.pid}`;
let meilisearch: SearchEngine | undefined;

describe.skipIf(!meilisearchUrl)(
  'Meilisearch (MEILISEARCH_URL non défini : bloc sauté, aucun serveur Meilisearch sur cette machine)',
  () => {
    beforeAll(async () => {
      await replaceMeilisearchIndex(
        { url: meilisearchUrl as string, ...(meilisearchKey ? { adminKey: meilisearchKey } : {}), indexUid },
        documents,
      );
      meilisearch = createMeilisearchEngine({
        url: meilisearchUrl as string,
        ...(meilisearchKey ? { apiKey: meilisearchKey } : {}),
        indexUid,
      });
    }, 180_000);
    afterAll(async () => {
      const client = new Meilisearch({ host: meilisearchUrl as string, ...(meilisearchKey ? { apiKey: meilisearchKey } : {}) });
      await client.deleteIndex(indexUid).waitTask();
    });
    runConformance('Meilisearch', () => meilisearch as SearchEngine);
  },
);
