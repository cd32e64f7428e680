/**
 * The Meilisearch engine: the same search model on a Meilisearch server, through the official
 * client. One Meilisearch document per location (Meilisearch holds one `_geo` point per document),
 * grouped back into services by the distinct attribute `serviceId`, so that sorting by distance
 * keeps each service's nearest location.
 */
import { Meilisearch, type Index, type MultiSearchQuery, type SearchResponse, type Settings, type Task } from 'meilisearch';
import { distanceKm } from '../territories/geo-distance.ts';
import { servesPlace } from './search-filtering.ts';
import {
  emptyFacets,
  FACET_NAMES,
  type FacetCounts,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResults,
} from './search-model.ts';
import { meilisearchSynonyms, SEARCH_STOP_WORDS } from './search-text.ts';

/** A location of a service, as Meilisearch stores it. */
export interface MeilisearchDocument {
  /** `<service id>_<location index>` */
  uid: string;
  serviceId: string;
  locationIndex: number;
  name: string;
  sortName: string;
  keywords: string;
  places: string;
  organisationName: string;
  summary: string;
  kinds: string[];
  departements: string[];
  regions: string[];
  areaCommunes: string[];
  areaDepartements: string[];
  publics: string[];
  access: string[];
  fee: string;
  languages: string[];
  acceptsReferral: boolean;
  _geo?: { lat: number; lng: number };
  /** The search document, returned as is. */
  document: SearchDocument;
}

/** Attribute holding each facet's values. */
const FACET_ATTRIBUTES: Record<FacetName, string> = {
  kinds: 'kinds',
  departements: 'departements',
  regions: 'regions',
  publics: 'publics',
  access: 'access',
  fees: 'fee',
  languages: 'languages',
  acceptsReferral: 'acceptsReferral',
};

/** The Meilisearch documents of a search document: one per location. */
export function toMeilisearchDocuments(document: SearchDocument): MeilisearchDocument[] {
  const base = {
    serviceId: document.id,
    name: document.name,
    sortName: document.sortName,
    keywords: document.keywords,
    places: document.places,
    organisationName: document.organisationName ?? '',
    summary: document.summary,
    kinds: document.kinds,
    departements: document.departements,
    regions: document.regions,
    areaCommunes: document.areaCommunes,
    areaDepartements: document.areaDepartements,
    publics: document.publics,
    access: document.access,
    fee: document.fee,
    languages: document.languages,
    acceptsReferral: document.acceptsReferral,
    document,
  };
  if (document.locations.length === 0) return [{ uid: `${document.id}_0`, locationIndex: 0, ...base }];
  return document.locations.map((location, index) => ({
    uid: `${document.id}_${index}`,
    locationIndex: index,
    ...base,
    _geo: { lat: location.lat, lng: location.lng },
  }));
}

/** Index settings: the same words, stop words, synonyms and typo budget as the embedded engine. */
export function meilisearchSettings(): Settings {
  return {
    searchableAttributes: ['name', 'keywords', 'places', 'organisationName', 'summary'],
    displayedAttributes: ['document', 'locationIndex', '_geo'],
    filterableAttributes: [
      'kinds',
      'departements',
      'regions',
      'areaCommunes',
      'areaDepartements',
      'publics',
      'access',
      'fee',
      'languages',
      'acceptsReferral',
      '_geo',
    ],
    sortableAttributes: ['_geo', 'sortName'],
    distinctAttribute: 'serviceId',
    // Distance first when a place is given: the nearest suitable service comes first.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    // Meilisearch removes accents when it normalizes; both spellings are given all the same.
    stopWords: [...new Set([...SEARCH_STOP_WORDS, 'à', 'où'])],
    synonyms: meilisearchSynonyms(),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 100_000 },
    faceting: { maxValuesPerFacet: 200 },
  };
}

/**
 * A filter value in double quotes. Meilisearch unescapes only `\"` inside quotes, so apostrophes and
 * spaces need nothing; JSON.stringify also escapes backslashes, which keeps a stray one from closing
 * the quotes (no code or name of ours holds one).
 */
const quoted = (value: string): string => JSON.stringify(value);
const list = (values: readonly string[]): string => `[${values.map(quoted).join(', ')}]`;

/** The Meilisearch filter of a query, leaving out one facet's own filter when asked. */
export function meilisearchFilter(query: SearchQuery, except?: FacetName): string[] {
  const filters: string[] = [];
  const facet = (name: FacetName, values: readonly string[]) => {
    if (name !== except && values.length) filters.push(`${FACET_ATTRIBUTES[name]} IN ${list(values)}`);
  };
  facet('kinds', query.kinds);
  facet('departements', query.departements);
  facet('regions', query.regions);
  facet('publics', query.publics);
  facet('access', query.access);
  facet('fees', query.fees);
  facet('languages', query.languages);
  if (except !== 'acceptsReferral' && query.acceptsReferral) filters.push('acceptsReferral = true');
  const place = query.place;
  if (place && query.radiusKm !== undefined) {
    // _geoRadius takes metres.
    const either = [`_geoRadius(${place.lat}, ${place.lng}, ${Math.round(query.radiusKm * 1000)})`];
    if (place.communeCode)
      either.push(`areaCommunes IN ${list(place.parentCode ? [place.communeCode, place.parentCode] : [place.communeCode])}`);
    if (place.communeCode && place.departementCode) either.push(`areaDepartements = ${quoted(place.departementCode)}`);
    filters.push(`(${either.join(' OR ')})`);
  }
  return filters;
}

/** Sort order: nearest first with a place; by name with neither text nor place; relevance otherwise. */
export function meilisearchSort(query: SearchQuery): string[] | undefined {
  if (query.place) return [`_geoPoint(${query.place.lat}, ${query.place.lng}):asc`];
  return query.text.trim() ? undefined : ['sortName:asc'];
}

function toFacetCounts(name: FacetName, distribution: Record<string, Record<string, number>> | undefined, counts: FacetCounts): void {
  const values = distribution?.[FACET_ATTRIBUTES[name]] ?? {};
  counts[name] = name === 'acceptsReferral' ? (values.true ? { true: values.true } : {}) : { ...values };
}

/** Whether a facet's own filter is set in the query. */
function facetIsSet(query: SearchQuery, name: FacetName): boolean {
  if (name === 'acceptsReferral') return query.acceptsReferral;
  return query[name].length > 0;
}

type LocationHit = Pick<MeilisearchDocument, 'document' | 'locationIndex'>;

/** The search engine on a Meilisearch index, with a search-only key. */
export function createMeilisearchEngine(options: { url: string; apiKey?: string; indexUid?: string }): SearchEngine {
  const client = new Meilisearch({ host: options.url, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  const indexUid = options.indexUid ?? 'services';
  return {
    name: 'meilisearch',
    async search(query: SearchQuery): Promise<SearchResults> {
      const pageSize = Math.max(1, query.pageSize);
      const page = Math.max(1, query.page);
      // Facets whose filter is set are counted by extra searches without that filter.
      const setFacets = FACET_NAMES.filter((name) => facetIsSet(query, name));
      // page and hitsPerPage make Meilisearch count exhaustively, and only then does it count each
      // service once (distinctAttribute) in totalHits and in the facets, not each of its locations.
      const main: MultiSearchQuery = {
        indexUid,
        q: query.text,
        filter: meilisearchFilter(query),
        page,
        hitsPerPage: pageSize,
        matchingStrategy: 'all',
        facets: FACET_NAMES.filter((name) => !setFacets.includes(name)).map((name) => FACET_ATTRIBUTES[name]),
      };
      const sort = meilisearchSort(query);
      if (sort) main.sort = sort;
      const extra: MultiSearchQuery[] = setFacets.map((name) => ({
        indexUid,
        q: query.text,
        filter: meilisearchFilter(query, name),
        // Page 0: exhaustive counts, no hit.
        page: 0,
        matchingStrategy: 'all',
        facets: [FACET_ATTRIBUTES[name]],
      }));
      const { results } = await client.multiSearch({ queries: [main, ...extra] });
      const [answer, ...facetAnswers] = results as unknown as (SearchResponse<LocationHit> | undefined)[];
      const total = answer?.totalHits ?? 0;
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      // Past the last page Meilisearch answers no hit; the model shows the last page instead.
      const shown =
        page > pageCount && total > 0
          ? ((await client.multiSearch({ queries: [{ ...main, page: pageCount, facets: [] }] })).results[0] as unknown as
              SearchResponse<LocationHit> | undefined)
          : answer;
      const facets = emptyFacets();
      for (const name of FACET_NAMES.filter((n) => !setFacets.includes(n))) toFacetCounts(name, answer?.facetDistribution, facets);
      setFacets.forEach((name, i) => toFacetCounts(name, facetAnswers[i]?.facetDistribution, facets));
      const hits: SearchHit[] = (shown?.hits ?? []).map((hit) => {
        const document = hit.document;
        const place = query.place;
        const nearest = place ? document.locations[hit.locationIndex] : undefined;
        return {
          document,
          servesPlace: place ? servesPlace(document, place) : false,
          ...(place && nearest ? { nearest, distanceKm: distanceKm(place, nearest) } : {}),
        };
      });
      return { hits, total, page: Math.min(page, pageCount), pageCount, facets, exhaustive: true };
    },
  };
}

/**
 * Builds a fresh index next to the live one, waits until it is complete, then swaps the two
 * atomically and deletes the old one: searches never see a half-built index. If anything fails, the
 * fresh index is deleted and the live one is left as it was. `rename: false` in the swap needs
 * Meilisearch 1.18 or later (earlier servers refuse the field).
 */
export async function replaceMeilisearchIndex(
  options: { url: string; adminKey?: string; indexUid?: string },
  documents: readonly SearchDocument[],
  log: (message: string) => void = () => undefined,
): Promise<{ indexUid: string; documents: number }> {
  const client = new Meilisearch({ host: options.url, ...(options.adminKey ? { apiKey: options.adminKey } : {}) });
  const indexUid = options.indexUid ?? 'services';
  const freshUid = `${indexUid}_nouveau_${Date.now()}`;
  const timeOut = { timeout: 120_000 };
  const done = async (task: Promise<Task>, what: string): Promise<void> => {
    const finished = await task;
    if (finished.status !== 'succeeded') throw new Error(`Meilisearch : ${what} a échoué (${finished.error?.message ?? finished.status}).`);
  };
  let swapped = false;
  try {
    await done(client.createIndex(freshUid, { primaryKey: 'uid' }).waitTask(timeOut), 'la création de l’index temporaire');
    const fresh: Index<MeilisearchDocument> = client.index(freshUid);
    await done(fresh.updateSettings(meilisearchSettings()).waitTask(timeOut), 'l’application des réglages');
    log(`Réglages appliqués à l’index temporaire ${freshUid}.`);
    const rows = documents.flatMap(toMeilisearchDocuments);
    for (let start = 0; start < rows.length; start += 5_000) {
      await done(fresh.addDocuments(rows.slice(start, start + 5_000)).waitTask(timeOut), 'l’ajout des documents');
    }
    log(`${documents.length} services (${rows.length} lieux) indexés dans ${freshUid}.`);
    const existing = await client.getIndexes({ limit: 1000 });
    if (!existing.results.some((index) => index.uid === indexUid)) {
      await done(client.createIndex(indexUid, { primaryKey: 'uid' }).waitTask(timeOut), 'la création de l’index');
    }
    await done(client.swapIndexes([{ indexes: [indexUid, freshUid], rename: false }]).waitTask(timeOut), 'l’échange des index');
    swapped = true;
  } finally {
    // After the swap the temporary name holds the old documents; before it, the unfinished new ones.
    const deletion = done(
      client.deleteIndex(freshUid).waitTask(timeOut),
      swapped ? 'la suppression de l’ancien index' : 'la suppression de l’index temporaire',
    );
    if (swapped) await deletion;
    else
      await deletion
        .then(() => log(`Index temporaire ${freshUid} supprimé ; ${indexUid} est inchangé.`))
        .catch((error: unknown) => log(`L’index temporaire ${freshUid} n’a pas pu être supprimé : ${(error as Error).message}`));
  }
  log(`Index ${indexUid} remplacé d’un coup ; l’ancien est supprimé.`);
  return { indexUid, documents: documents.length };
}
