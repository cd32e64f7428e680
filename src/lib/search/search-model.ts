/**
 * The search model shared by the embedded engine, the Meilisearch engine, the search page and the
 * command line: what a search document holds, what a query asks, what an engine answers.
 */
import type { AccessMode, FeeKind, ParentingSupportFormat, Public, ServiceKind, ServiceStatus } from '../services/service-vocabulary.ts';

/** A place where a service receives families, in its public form (a confidential place is its commune's centre). */
export interface SearchLocation {
  lat: number;
  lng: number;
  communeCode: string;
  communeName: string;
  departementCode: string;
  /** True when the point is the commune's centre (confidential place or no coordinates). */
  approximate: boolean;
}

/** One service as both engines index it. It never holds a street address. */
export interface SearchDocument {
  id: string;
  name: string;
  /** Folded name, the order of results when there is neither text nor place. */
  sortName: string;
  summary: string;
  /** Page of the service. */
  path: string;
  status: Exclude<ServiceStatus, 'fermé'>;
  kinds: ServiceKind[];
  formats: ParentingSupportFormat[];
  organisationName?: string;
  phone?: string;
  locations: SearchLocation[];
  /** Every département served: by a location or by the declared area (the département filter). */
  departements: string[];
  regions: string[];
  /** Communes where the service is, or that it declares serving. */
  areaCommunes: string[];
  /** Départements declared whole as served area. */
  areaDepartements: string[];
  publics: Public[];
  access: AccessMode[];
  fee: FeeKind;
  languages: string[];
  acceptsReferral: boolean;
  /** Labels of the kinds, formats and access modes, searchable. */
  keywords: string;
  /** Names of the communes of the locations and of the départements served, searchable. */
  places: string;
}

/** Where the person searches from: a commune (then area matching applies) or a bare point ("autour de moi"). */
export interface SearchPlace {
  lat: number;
  lng: number;
  /** What to show: « Lens (62300) », « votre position ». */
  label: string;
  communeCode?: string;
  /** The city of an arrondissement (Paris, Lyon, Marseille). */
  parentCode?: string;
  departementCode?: string;
}

/** Filters: within one list any value matches; all lists must match. Empty lists filter nothing. */
export interface SearchFilters {
  kinds: ServiceKind[];
  departements: string[];
  regions: string[];
  publics: Public[];
  access: AccessMode[];
  fees: FeeKind[];
  languages: string[];
  /** Only services that accept online referral requests. */
  acceptsReferral: boolean;
}

export interface SearchQuery extends SearchFilters {
  /** Free text, typed as is. */
  text: string;
  place?: SearchPlace;
  /**
   * With a place: services within this distance or serving the place. Absent: every service,
   * nearest first.
   */
  radiusKm?: number;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** The facets counted for the filters. */
export const FACET_NAMES = ['kinds', 'departements', 'regions', 'publics', 'access', 'fees', 'languages', 'acceptsReferral'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
/** For each facet, the number of results per value, counted as if that facet's own filter were not set. */
export type FacetCounts = Record<FacetName, Record<string, number>>;

export interface SearchHit {
  document: SearchDocument;
  /** Distance to the nearest location, when a place is given (km, unrounded). */
  distanceKm?: number;
  /** The location nearest to the place, when a place is given. */
  nearest?: SearchLocation;
  /** Whether the service serves the place by its declared area or a location in the commune. */
  servesPlace: boolean;
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  facets: FacetCounts;
  /** False when the embedded engine answered from part of the index (nearest services, no radius). */
  exhaustive: boolean;
  /**
   * Facets counted on part of the index: with a département or région filter, the embedded engine
   * loads only those files, so it cannot count the other départements. The page shows no count then.
   */
  partialFacets?: FacetName[];
}

/** A search backend: the embedded engine or Meilisearch. */
export interface SearchEngine {
  readonly name: 'embarqué' | 'meilisearch';
  /**
   * `onFirstPage` may be called before the answer with a page that is already sure (same hits in
   * the same order) but counts that are not: the page can show it while the rest loads.
   */
  search(query: SearchQuery, options?: { onFirstPage?: (results: SearchResults) => void }): Promise<SearchResults>;
}

export const DEFAULT_PAGE_SIZE = 20;
/** The radius used with a place when the person has not chosen one. */
export const DEFAULT_RADIUS_KM = 30;
export const RADIUS_CHOICES_KM = [10, 30, 50, 100] as const;

/** A query with nothing set. */
export function emptyQuery(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return {
    text: '',
    kinds: [],
    departements: [],
    regions: [],
    publics: [],
    access: [],
    fees: [],
    languages: [],
    acceptsReferral: false,
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
    ...overrides,
  };
}

/** Facet counts with every facet present and empty. */
export function emptyFacets(): FacetCounts {
  return { kinds: {}, departements: {}, regions: {}, publics: {}, access: {}, fees: {}, languages: {}, acceptsReferral: {} };
}
