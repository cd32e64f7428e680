/**
 * What the search island fetches, each once and only when needed: the commune suggestion files,
 * and the search engine (the embedded index files, or the Meilisearch client).
 */
import { communeFileForQuery, communeFilePath, fromCommuneRow, type CommuneFilesManifest, type CommuneRow } from '../../lib/search/commune-autocomplete.ts';
import { matchCommunes, typedCommune, type TypedCommune } from '../../lib/territories/commune-matching.ts';
import type { SearchEngine } from '../../lib/search/search-model.ts';
import type { SearchManifest } from '../../lib/search/search-shards.ts';
import type { WireDocument } from '../../lib/search/search-wire.ts';
import type { Commune } from '../../lib/territories/territory-data.ts';

const cache = new Map<string, Promise<unknown>>();

/** GET a JSON file once; a failure is forgotten so that the next call tries again. */
export function fetchJson<T>(url: string): Promise<T> {
  let promise = cache.get(url) as Promise<T> | undefined;
  if (!promise) {
    promise = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url} : ${response.status}`);
      return response.json() as Promise<T>;
    });
    promise.catch(() => cache.delete(url));
    cache.set(url, promise);
  }
  return promise;
}

const communeManifest = (): Promise<CommuneFilesManifest> => fetchJson<CommuneFilesManifest>('/communes/index.json');

/** Communes suggested for what is typed (at most 10), from one small file. */
export async function suggestCommunes(query: string): Promise<Commune[]> {
  const file = communeFileForQuery(query, await communeManifest());
  if (!file) return [];
  const rows = await fetchJson<CommuneRow[]>(communeFilePath(file));
  const found = matchCommunes(query, rows.map(fromCommuneRow));
  for (const commune of found) seen.set(commune.code, commune);
  return found;
}

/** Communes already shown as suggestions, by INSEE code: choosing one needs no other file. */
const seen = new Map<string, Commune>();

/** A commune by INSEE code. */
export async function communeByCode(code: string): Promise<Commune | undefined> {
  const known = seen.get(code.toUpperCase());
  if (known) return known;
  const file = communeFileForQuery(code, await communeManifest());
  if (!file) return undefined;
  const rows = await fetchJson<CommuneRow[]>(communeFilePath(file));
  const row = rows.find((r) => r[0] === code.toUpperCase());
  return row ? fromCommuneRow(row) : undefined;
}

export { communeLabel, communePlace } from '../../lib/search/search-place.ts';

/**
 * The commune a URL or a field names: by its INSEE code when picked, else what the text typed names
 * (several communes of that name are offered, never one of them taken silently).
 */
export async function resolveCommune(lieu: string, inseeCode?: string): Promise<TypedCommune> {
  if (inseeCode) {
    const commune = await communeByCode(inseeCode);
    if (commune) return { commune };
  }
  return typedCommune(lieu, await suggestCommunes(lieu.replace(/\s*\([^()]*\)\s*$/, '')));
}

export interface MeilisearchConfig {
  url: string;
  searchKey?: string;
  /** The index to query (PUBLIC_MEILISEARCH_INDEX); `services` when absent. */
  indexUid?: string;
}

/** /recherche/index.json: the embedded index's manifest, and the names of the départements and régions for the filters (with either engine). */
export const loadSearchManifest = (): Promise<SearchManifest> => fetchJson<SearchManifest>('/recherche/index.json');

let engine: Promise<SearchEngine> | undefined;

/** The search engine: Meilisearch when configured, else the embedded index (loaded in pieces). */
export function loadSearchEngine(meilisearch?: MeilisearchConfig): Promise<SearchEngine> {
  engine ??= (
    meilisearch
      ? import('../../lib/search/meilisearch-engine.ts').then((m) => m.createMeilisearchEngine({ url: meilisearch.url, ...(meilisearch.searchKey ? { apiKey: meilisearch.searchKey } : {}), ...(meilisearch.indexUid ? { indexUid: meilisearch.indexUid } : {}) }))
      : Promise.all([import('../../lib/search/search-shards.ts'), loadSearchManifest()]).then(([shards, manifest]) =>
          shards.createShardedEngine(manifest, (code) => fetchJson<WireDocument[]>(shards.shardPath(code, manifest.version))),
        )
  ).catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}
