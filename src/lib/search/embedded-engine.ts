/**
 * The embedded search engine (the default, no server): MiniSearch for the words, plain code for
 * filters, place, distances and facets. It runs in the browser on the prerendered index files and
 * in Node (command line, tests, benchmarks) on documents built from the content.
 */
import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';

type MiniSearchModule = { default: typeof MiniSearch };
import { foldText } from '../territories/text-normalize.ts';
import { countFacets, matchesFilters, nearestSearchLocation, servesPlace } from './search-filtering.ts';
import type { SearchDocument, SearchEngine, SearchHit, SearchQuery, SearchResults } from './search-model.ts';
import { isStopWord, parseSearchText, typoBudget } from './search-text.ts';

/** Fields searched by words, with their weight. */
const FIELD_BOOSTS = { name: 3, keywords: 2, places: 2, organisationName: 1.5, summary: 1 } as const;

let miniSearchModule: Promise<MiniSearchModule> | undefined;

/** MiniSearch is fetched on the first search by words: a search by place alone never downloads it. */
function loadMiniSearch(): Promise<MiniSearchModule> {
  miniSearchModule ??= import('minisearch');
  miniSearchModule.catch(() => (miniSearchModule = undefined));
  return miniSearchModule;
}

function newMiniSearch(MiniSearchClass: typeof MiniSearch): MiniSearch<SearchDocument> {
  return new MiniSearchClass<SearchDocument>({
    idField: 'id',
    fields: Object.keys(FIELD_BOOSTS),
    storeFields: [],
    tokenize: (text) => foldText(text).split(' '),
    processTerm: (term) => (term && !isStopWord(term) ? term : null),
  });
}

/** The MiniSearch query for a text: every group must match; within a group, any equivalent phrase. */
function wordsQuery(text: string): Query | undefined {
  const groups = parseSearchText(text);
  if (groups.length === 0) return undefined;
  return {
    combineWith: 'AND',
    queries: groups.map((group) => ({
      combineWith: 'OR',
      queries: group.alternatives.map((words) => ({ combineWith: 'AND', queries: [words.join(' ')] })),
    })),
  };
}

/** Scored matches among the documents held, with the rules of the search model. */
export class EmbeddedIndex {
  private readonly documents = new Map<string, SearchDocument>();
  /** The word index, created by `prepare` before the first search with words. */
  private words: MiniSearch<SearchDocument> | undefined;

  /** Documents not yet in the word index: it is built on the first search with words. */
  private pending: SearchDocument[] = [];

  /** Adds documents; one already held (same id, from another index file) is skipped. */
  add(documents: readonly SearchDocument[]): void {
    for (const document of documents) {
      if (this.documents.has(document.id)) continue;
      this.documents.set(document.id, document);
      this.pending.push(document);
    }
    this.byName = undefined;
  }

  /** Readies what `search` needs for this query: MiniSearch, when the query has words. */
  async prepare(query: SearchQuery): Promise<void> {
    if (this.words || !wordsQuery(query.text)) return;
    const { default: MiniSearchClass } = await loadMiniSearch();
    this.words ??= newMiniSearch(MiniSearchClass);
  }

  /** The word index with the pending documents added (a search by place alone never pays for it). */
  private indexedWords(): MiniSearch<SearchDocument> {
    if (!this.words) throw new Error('EmbeddedIndex : appelez prepare(query) avant une recherche par mots.');
    if (this.pending.length > 0) {
      this.words.addAll(this.pending);
      this.pending = [];
    }
    return this.words;
  }

  get size(): number {
    return this.documents.size;
  }

  /** Documents in name order, kept until the next addition. */
  private byName: SearchDocument[] | undefined;

  search(query: SearchQuery): Omit<SearchResults, 'exhaustive'> {
    const text = wordsQuery(query.text);
    let documents: SearchDocument[];
    if (text) {
      const lastWord = parseSearchText(query.text).at(-1)?.alternatives[0]?.at(-1);
      const results = this.indexedWords().search(text, {
        boost: FIELD_BOOSTS,
        fuzzy: (term) => typoBudget(term) || false,
        // Like Meilisearch: the word being typed (the last one) may be a prefix.
        prefix: (term) => term === lastWord && term.length >= 2,
      });
      // Best score first, as MiniSearch gives them.
      documents = results.map((r) => this.documents.get(String(r.id)) as SearchDocument);
    } else {
      this.byName ??= [...this.documents.values()].sort(compareNames);
      documents = this.byName;
    }

    const place = query.place;
    let candidates: SearchHit[];
    if (place) {
      candidates = [];
      for (const document of documents) {
        const nearest = nearestSearchLocation(document, place);
        const serves = servesPlace(document, place);
        if (query.radiusKm !== undefined && !serves && !(nearest !== undefined && nearest.distanceKm <= query.radiusKm)) continue;
        candidates.push(
          nearest
            ? { document, servesPlace: serves, distanceKm: nearest.distanceKm, nearest: nearest.location }
            : { document, servesPlace: serves },
        );
      }
    } else {
      candidates = documents.map((document) => ({ document, servesPlace: false }));
    }

    const facets = countFacets(
      candidates.map((c) => c.document),
      query,
    );
    const matching = candidates.filter((c) => matchesFilters(c.document, query));
    // Results come in score order from MiniSearch, or in name order: only distance needs sorting
    // (Array.prototype.sort is stable, so ties keep that order).
    if (place) matching.sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));

    const pageSize = Math.max(1, query.pageSize);
    const pageCount = Math.max(1, Math.ceil(matching.length / pageSize));
    const page = Math.min(Math.max(1, query.page), pageCount);
    const hits = matching.slice((page - 1) * pageSize, page * pageSize);
    return { hits, total: matching.length, page, pageCount, facets };
  }
}

function compareNames(a: SearchDocument, b: SearchDocument): number {
  return a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An embedded engine over documents already in memory (command line, tests, benchmarks). */
export function createEmbeddedEngine(documents: readonly SearchDocument[]): SearchEngine & { index: EmbeddedIndex } {
  const index = new EmbeddedIndex();
  index.add(documents);
  return {
    name: 'embarqué',
    index,
    search: async (query) => {
      await index.prepare(query);
      return { ...index.search(query), exhaustive: true };
    },
  };
}
