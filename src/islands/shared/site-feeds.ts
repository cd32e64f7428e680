/**
 * The small precomputed files the islands read (routes of src/pages/*.json.ts), each fetched once:
 * a failure is forgotten, so that the next call tries again.
 */
import type { SearchManifest } from '../../lib/search/search-shards.ts';

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

/** /recherche/index.json: the embedded index's manifest, and the names of the départements and régions for the filters (with either engine). */
export const loadSearchManifest = (): Promise<SearchManifest> => fetchJson<SearchManifest>('/recherche/index.json');
