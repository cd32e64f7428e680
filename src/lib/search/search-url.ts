/**
 * The search page's state in its URL, so that a search can be shared, reloaded and walked back
 * with the browser's back button. Parameters are French and short; unknown parameters are kept.
 *
 * q: words · lieu: commune name, postal code or INSEE code, as typed · commune: INSEE code of the
 * commune picked in the suggestions (a postal code and an INSEE code can be the same digits) · autour: "lat,lng" (rounded) ·
 * type: kind (repeatable) · dep, region · public, acces, tarif, langue (repeatable) ·
 * orientation=1 · rayon: km · page
 */
import { ACCESS_MODES, FEE_KINDS, PUBLICS, SERVICE_KINDS, type ServiceKind } from '../services/service-vocabulary.ts';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_RADIUS_KM,
  emptyQuery,
  RADIUS_CHOICES_KM,
  type SearchFilters,
  type SearchPlace,
  type SearchQuery,
} from './search-model.ts';

/** The filters the state names as the query does; the kinds and the referral filter are named after their parameters (types, orientation). */
type UrlFilters = Pick<SearchFilters, 'departements' | 'regions' | 'publics' | 'access' | 'fees' | 'languages'>;

export interface SearchUrlState extends UrlFilters {
  q: string;
  lieu: string;
  /** INSEE code of the commune picked from the suggestions (undefined: a change that clears it). */
  commune?: string | undefined;
  /** A point from the browser's geolocation, rounded to about a kilometre (undefined: a change that clears it). */
  autour?: { lat: number; lng: number } | undefined;
  types: ServiceKind[];
  orientation: boolean;
  /** Chosen radius in km; absent: the default. */
  rayon?: number;
  page: number;
  /** Parameters this page does not know, kept as they came. */
  other: [string, string][];
}

const KNOWN = new Set([
  'q',
  'lieu',
  'commune',
  'autour',
  'type',
  'dep',
  'region',
  'public',
  'acces',
  'tarif',
  'langue',
  'orientation',
  'rayon',
  'page',
]);

const pick = <T extends string>(vocabulary: readonly T[], values: string[]): T[] => [
  ...new Set(values.filter((v): v is T => (vocabulary as readonly string[]).includes(v))),
];

/** Rounds a coordinate to 2 decimals (about 1 km): enough to search, not enough to find a home. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100;
}

export function parseSearchUrl(params: URLSearchParams): SearchUrlState {
  const all = (name: string): string[] =>
    params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  const autour = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(params.get('autour') ?? '');
  const rayon = Number(params.get('rayon'));
  const page = Number(params.get('page'));
  return {
    q: (params.get('q') ?? '').trim(),
    lieu: (params.get('lieu') ?? '').trim(),
    ...(/^[\dAB]{5}$/i.test(params.get('commune') ?? '') ? { commune: (params.get('commune') as string).toUpperCase() } : {}),
    ...(autour ? { autour: { lat: roundCoordinate(Number(autour[1])), lng: roundCoordinate(Number(autour[2])) } } : {}),
    types: pick(SERVICE_KINDS, all('type')),
    departements: [
      ...new Set(
        all('dep')
          .map((d) => d.toUpperCase())
          .filter((d) => /^(\d{2,3}|2[AB])$/.test(d)),
      ),
    ],
    regions: [...new Set(all('region').filter((r) => /^\d{2}$/.test(r)))],
    publics: pick(PUBLICS, all('public')),
    access: pick(ACCESS_MODES, all('acces')),
    fees: pick(FEE_KINDS, all('tarif')),
    languages: [...new Set(all('langue').filter((l) => /^[a-z]{2,3}$/.test(l)))],
    orientation: params.get('orientation') === '1',
    ...((RADIUS_CHOICES_KM as readonly number[]).includes(rayon) ? { rayon } : {}),
    page: Number.isInteger(page) && page > 1 ? page : 1,
    other: [...params].filter(([name]) => !KNOWN.has(name)),
  };
}

export function searchUrlParams(state: SearchUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.lieu) params.set('lieu', state.lieu);
  if (state.commune) params.set('commune', state.commune);
  if (state.autour) params.set('autour', `${roundCoordinate(state.autour.lat)},${roundCoordinate(state.autour.lng)}`);
  for (const v of state.types) params.append('type', v);
  for (const v of state.departements) params.append('dep', v);
  for (const v of state.regions) params.append('region', v);
  for (const v of state.publics) params.append('public', v);
  for (const v of state.access) params.append('acces', v);
  for (const v of state.fees) params.append('tarif', v);
  for (const v of state.languages) params.append('langue', v);
  if (state.orientation) params.set('orientation', '1');
  if (state.rayon !== undefined) params.set('rayon', String(state.rayon));
  if (state.page > 1) params.set('page', String(state.page));
  for (const [name, value] of state.other) params.append(name, value);
  return params;
}

/** The engine query of a page state, once its place is known. */
export function queryFromUrlState(state: SearchUrlState, place: SearchPlace | undefined, pageSize = DEFAULT_PAGE_SIZE): SearchQuery {
  return emptyQuery({
    text: state.q,
    kinds: state.types,
    departements: state.departements,
    regions: state.regions,
    publics: state.publics,
    access: state.access,
    fees: state.fees,
    languages: state.languages,
    acceptsReferral: state.orientation,
    ...(place ? { place, radiusKm: state.rayon ?? DEFAULT_RADIUS_KM } : {}),
    page: state.page,
    pageSize,
  });
}
