/**
 * Filters, place matching, distances and facet counts over search documents: the rules of the
 * search model in plain code. The embedded engine runs them; the Meilisearch engine translates
 * them into its filter syntax and uses `servesPlace` and `nearestSearchLocation` on its hits.
 */
import { distanceKm, type GeoPoint } from '../territories/geo-distance.ts';
import {
  emptyFacets,
  FACET_NAMES,
  type FacetCounts,
  type FacetName,
  type SearchDocument,
  type SearchFilters,
  type SearchLocation,
  type SearchPlace,
} from './search-model.ts';

const anyOf = <T>(wanted: readonly T[], values: readonly T[]): boolean => wanted.length === 0 || wanted.some((v) => values.includes(v));

/** Each facet's test, so that a facet can be left out when counting its own values. */
const FACET_TESTS: Record<FacetName, (document: SearchDocument, filters: SearchFilters) => boolean> = {
  kinds: (d, f) => anyOf(f.kinds, d.kinds),
  departements: (d, f) => anyOf(f.departements, d.departements),
  regions: (d, f) => anyOf(f.regions, d.regions),
  publics: (d, f) => anyOf(f.publics, d.publics),
  access: (d, f) => anyOf(f.access, d.access),
  fees: (d, f) => anyOf(f.fees, [d.fee]),
  languages: (d, f) => anyOf(f.languages, d.languages),
  acceptsReferral: (d, f) => !f.acceptsReferral || d.acceptsReferral,
};

/** Whether a facet's filter is set (a facet without filter lets every document through). */
function facetIsFiltered(facet: FacetName, f: SearchFilters): boolean {
  if (facet === 'acceptsReferral') return f.acceptsReferral;
  return f[facet].length > 0;
}

/** Whether a document passes every filter, or every filter but one facet's. */
export function matchesFilters(document: SearchDocument, filters: SearchFilters, except?: FacetName): boolean {
  return FACET_NAMES.every((facet) => facet === except || FACET_TESTS[facet](document, filters));
}

/** Values a document counts for in a facet. */
function facetValues(document: SearchDocument, facet: FacetName): string[] {
  switch (facet) {
    case 'fees':
      return [document.fee];
    case 'acceptsReferral':
      return document.acceptsReferral ? ['true'] : [];
    default:
      return document[facet];
  }
}

/**
 * Facet counts over the documents that match everything else (text and place included by the
 * caller): each facet is counted without its own filter, so that ticking a second kind shows how
 * many more results it brings.
 */
export function countFacets(documents: Iterable<SearchDocument>, filters: SearchFilters): FacetCounts {
  const counts = emptyFacets();
  const filtered = FACET_NAMES.filter((facet) => facetIsFiltered(facet, filters));
  for (const document of documents) {
    if (filtered.length === 0) {
      for (const facet of FACET_NAMES)
        for (const value of facetValues(document, facet)) counts[facet][value] = (counts[facet][value] ?? 0) + 1;
      continue;
    }
    // A document failing one facet counts for that facet only; failing two, for none.
    let failed: FacetName | undefined;
    let failures = 0;
    for (const facet of filtered) {
      if (FACET_TESTS[facet](document, filters)) continue;
      failed = facet;
      if (++failures > 1) break;
    }
    if (failures > 1) continue;
    for (const facet of failures === 1 ? [failed as FacetName] : FACET_NAMES) {
      const bucket = counts[facet];
      for (const value of facetValues(document, facet)) bucket[value] = (bucket[value] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * Whether a service serves the place by its declared area or a location in the commune (or its
 * city, for an arrondissement), the same rule as servesCommune in service-geography.
 */
export function servesPlace(document: SearchDocument, place: SearchPlace): boolean {
  if (!place.communeCode) return false;
  const codes = place.parentCode ? [place.communeCode, place.parentCode] : [place.communeCode];
  if (document.areaCommunes.some((code) => codes.includes(code))) return true;
  return place.departementCode !== undefined && document.areaDepartements.includes(place.departementCode);
}

/** The location nearest to a point, with its distance in km. */
export function nearestSearchLocation(
  document: SearchDocument,
  point: GeoPoint,
): { location: SearchLocation; distanceKm: number } | undefined {
  let best: { location: SearchLocation; distanceKm: number } | undefined;
  for (const location of document.locations) {
    const km = distanceKm(point, location);
    if (!best || km < best.distanceKm) best = { location, distanceKm: km };
  }
  return best;
}
