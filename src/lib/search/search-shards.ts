/**
 * The embedded index in pieces: one file per département (the services that are there or serve
 * it) and a small manifest. A search loads only the files that can hold its results: the
 * département filter, the région, or the départements within reach of the place.
 */
import type { Departement, Region } from '../territories/territory-data.ts';
import { distanceKm, type GeoPoint } from '../territories/geo-distance.ts';
import { EmbeddedIndex } from './embedded-engine.ts';
import {
  FACET_NAMES,
  type SearchDocument,
  type SearchEngine,
  type SearchPlace,
  type SearchQuery,
  type SearchResults,
} from './search-model.ts';
import { decodeDocument, encodeDocument, type DepartementNames, type WireDocument } from './search-wire.ts';

export interface ManifestDepartement {
  name: string;
  regionCode: string;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
  /** Documents in the file. */
  count: number;
}

/** /recherche/index.json: what the browser reads first (a few kilobytes). */
export interface SearchManifest {
  /** Number of services searched. */
  total: number;
  /** Hash of the content, so that a new build never mixes with cached files. */
  version: string;
  departements: Record<string, ManifestDepartement>;
  /** Names of the régions by code (the page's région filter; Meilisearch pages read them here too). */
  regions: Record<string, string>;
}

/** Path of a département's index file. */
export function shardPath(departementCode: string, version: string): string {
  return `/recherche/documents/${departementCode.toLowerCase()}.json?v=${version}`;
}

/** A short, stable hash of a text (FNV-1a), to version the index files. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** A box rounded outward to 0.01° (about 1 km): a shorter manifest, and never a smaller box, so no file is missed. */
function roundBoxOutward([minLng, minLat, maxLng, maxLat]: ManifestDepartement['bbox']): ManifestDepartement['bbox'] {
  const down = (value: number): number => Math.floor(value * 100) / 100;
  const up = (value: number): number => Math.ceil(value * 100) / 100;
  return [down(minLng), down(minLat), up(maxLng), up(maxLat)];
}

/** The manifest of an index built from these documents. */
export function buildSearchManifest(
  documents: readonly SearchDocument[],
  departements: readonly Departement[],
  regions: readonly Pick<Region, 'code' | 'name'>[],
): SearchManifest {
  const counts = new Map<string, number>();
  for (const document of documents) for (const code of document.departements) counts.set(code, (counts.get(code) ?? 0) + 1);
  return {
    total: documents.length,
    version: hashText(JSON.stringify(documents.map(encodeDocument))),
    departements: Object.fromEntries(
      departements.map((d) => [
        d.code,
        { name: d.name, regionCode: d.regionCode, bbox: roundBoxOutward(d.bbox), count: counts.get(d.code) ?? 0 },
      ]),
    ),
    regions: Object.fromEntries(regions.map((r) => [r.code, r.name])),
  };
}

/** The compact documents of a département's file. */
export function buildShard(documents: readonly SearchDocument[], departementCode: string): WireDocument[] {
  return documents.filter((d) => d.departements.includes(departementCode)).map(encodeDocument);
}

/** Shortest distance from a point to a box (0 inside), in km. */
export function distanceToBoxKm(point: GeoPoint, [minLng, minLat, maxLng, maxLat]: ManifestDepartement['bbox']): number {
  return distanceKm(point, { lat: Math.min(Math.max(point.lat, minLat), maxLat), lng: Math.min(Math.max(point.lng, minLng), maxLng) });
}

/**
 * The départements whose files hold every possible result of the query, or every département
 * within `reachKm` of the place when the query has a place but no radius.
 */
export function shardsForQuery(query: SearchQuery, manifest: SearchManifest, reachKm = Number.POSITIVE_INFINITY): string[] {
  const all = Object.keys(manifest.departements);
  // A service found by the département or région filter serves it, so it is in that file.
  if (query.departements.length) return all.filter((code) => query.departements.includes(code));
  if (query.regions.length) return all.filter((code) => query.regions.includes(manifest.departements[code]?.regionCode ?? ''));
  const place = query.place;
  if (!place) return all;
  // Within the radius: a location there lies in a département whose box is within the radius;
  // serving the place: the service is in the file of the place's département.
  const reach = query.radiusKm ?? reachKm;
  return all.filter(
    (code) => code === place.departementCode || distanceToBoxKm(place, manifest.departements[code]?.bbox ?? [0, 0, 0, 0]) <= reach,
  );
}

/** Reaches tried in turn for "nearest services" with no radius, until the page is sure. */
const NEAREST_REACHES_KM = [50, 100, 200, 400, Number.POSITIVE_INFINITY];

/**
 * The embedded engine on the index files, loading each file once, when a query first needs it.
 * `load` fetches a département's file (in the browser) or reads it (in tests).
 */
export function createShardedEngine(
  manifest: SearchManifest,
  load: (departementCode: string) => Promise<WireDocument[]>,
): SearchEngine & { loadedDepartements(): string[] } {
  const index = new EmbeddedIndex();
  const loading = new Map<string, Promise<void>>();
  const names: DepartementNames = manifest.departements;
  const ensure = (codes: string[]): Promise<unknown> =>
    Promise.all(
      codes
        .filter((code) => (manifest.departements[code]?.count ?? 0) > 0)
        .map((code) => {
          let promise = loading.get(code);
          if (!promise) {
            promise = load(code).then((wire) => index.add(wire.map((w) => decodeDocument(w, names))));
            // A failed file can be tried again by the next search.
            promise.catch(() => loading.delete(code));
            loading.set(code, promise);
          }
          return promise;
        }),
    );
  const loaded = (code: string): boolean => loading.has(code) || (manifest.departements[code]?.count ?? 0) === 0;

  /**
   * With a place and a radius, loads the nearest files first (the place's own département holds
   * every service serving it) and hands over the first page when no unloaded file can change it.
   */
  const firstPageEarly = async (query: SearchQuery, needed: string[], onFirstPage: (results: SearchResults) => void): Promise<void> => {
    const place = query.place as SearchPlace;
    if (needed.filter((code) => !loaded(code)).length < 2) return;
    for (const reach of [2, 10]) {
      if (reach >= (query.radiusKm ?? 0)) return;
      await ensure(shardsForQuery({ ...query, radiusKm: reach }, manifest));
      const unloaded = needed
        .filter((code) => !loaded(code))
        .map((code) => distanceToBoxKm(place, manifest.departements[code]?.bbox ?? [0, 0, 0, 0]));
      if (unloaded.length === 0) return;
      const results = index.search(query);
      const last = results.hits.at(-1);
      if (results.hits.length === query.pageSize && last?.distanceKm !== undefined && last.distanceKm <= Math.min(...unloaded)) {
        onFirstPage({ ...results, exhaustive: false, partialFacets: [...FACET_NAMES] });
        return;
      }
    }
  };
  const allLoaded = (): boolean => Object.entries(manifest.departements).every(([code, d]) => d.count === 0 || loading.has(code));

  return {
    name: 'embarqué',
    loadedDepartements: () => [...loading.keys()].sort(),
    async search(query: SearchQuery, options = {}): Promise<SearchResults> {
      await index.prepare(query);
      const nearestOnly = query.place !== undefined && query.radiusKm === undefined && !query.departements.length && !query.regions.length;
      if (!nearestOnly) {
        const needed = shardsForQuery(query, manifest);
        if (options.onFirstPage && query.place && query.radiusKm !== undefined && !query.departements.length && !query.regions.length) {
          await firstPageEarly(query, needed, options.onFirstPage);
        }
        await ensure(needed);
        const limited = (query.departements.length > 0 || query.regions.length > 0) && !allLoaded();
        return {
          ...index.search(query),
          exhaustive: true,
          ...(limited ? { partialFacets: ['departements' as const, 'regions' as const] } : {}),
        };
      }
      const needed = query.page * query.pageSize;
      for (const reach of NEAREST_REACHES_KM) {
        await ensure(shardsForQuery(query, manifest, reach));
        const results = index.search(query);
        const last = results.hits.at(-1);
        // Sure when the page is full of services nearer than any unloaded département.
        if (reach === Number.POSITIVE_INFINITY || (results.total >= needed && last?.distanceKm !== undefined && last.distanceKm <= reach)) {
          const exhaustive = allLoaded();
          return { ...results, exhaustive, ...(exhaustive ? {} : { partialFacets: [...FACET_NAMES] }) };
        }
      }
      return { ...index.search(query), exhaustive: true };
    },
  };
}
