/**
 * The search engine, fetched once and only when needed: the embedded index files, or the Meilisearch
 * client. The commune files are read by src/islands/shared/commune-loaders.ts.
 */
import type { SearchEngine } from '../../lib/search/search-model.ts';
import type { WireDocument } from '../../lib/search/search-wire.ts';
import { fetchJson, loadSearchManifest } from '../shared/site-feeds.ts';

export interface MeilisearchConfig {
  url: string;
  searchKey?: string;
  /** The index to query (PUBLIC_MEILISEARCH_INDEX); `services` when absent. */
  indexUid?: string;
}

let engine: Promise<SearchEngine> | undefined;

/** The search engine: Meilisearch when configured, else the embedded index (loaded in pieces). */
export function loadSearchEngine(meilisearch?: MeilisearchConfig): Promise<SearchEngine> {
  engine ??= (
    meilisearch
      ? import('../../lib/search/meilisearch-engine.ts').then((m) =>
          m.createMeilisearchEngine({
            url: meilisearch.url,
            ...(meilisearch.searchKey ? { apiKey: meilisearch.searchKey } : {}),
            ...(meilisearch.indexUid ? { indexUid: meilisearch.indexUid } : {}),
          }),
        )
      : Promise.all([import('../../lib/search/search-shards.ts'), loadSearchManifest()]).then(([shards, manifest]) =>
          shards.createShardedEngine(manifest, (code) => fetchJson<WireDocument[]>(shards.shardPath(code, manifest.version))),
        )
  ).catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}
