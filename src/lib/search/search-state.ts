/**
 * The search page's state beyond its URL (search-url.ts): what a form sending or a filter change
 * makes of it, how many filters are active, what the status line says, and the address to write in
 * the history. Pure, for the search island (src/islands/search/).
 */
import { languageName } from '../services/service-format.ts';
import { DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, type SearchPlace, type SearchResults } from './search-model.ts';
import { searchUrlParams, type SearchUrlState } from './search-url.ts';
import type { SearchManifest } from './search-shards.ts';

/** Whether the state asks for anything: without a criterion the page shows no result, only a prompt. */
export const hasCriteria = (s: SearchUrlState): boolean =>
  Boolean(
    s.q ||
    s.lieu ||
    s.autour ||
    s.types.length ||
    s.departements.length ||
    s.regions.length ||
    s.publics.length ||
    s.access.length ||
    s.fees.length ||
    s.languages.length ||
    s.orientation,
  );

/** The number of filters set (each value counts, the radius when it is not the default one). */
export const activeFilterCount = (s: SearchUrlState): number =>
  s.types.length +
  s.departements.length +
  s.regions.length +
  s.publics.length +
  s.access.length +
  s.fees.length +
  s.languages.length +
  (s.orientation ? 1 : 0) +
  (s.rayon !== undefined && s.rayon !== DEFAULT_RADIUS_KM ? 1 : 0);

/** A box of a filter checked or unchecked: the list with or without the value. */
export const toggleValue = <T extends string>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list, value] : list.filter((v) => v !== value);

/** The page's address for a state (no « ? » when the state is empty). */
export function searchHref(pathname: string, state: SearchUrlState): string {
  const query = searchUrlParams(state).toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}

/** The state after the form is sent: the words and place typed (the commune picked, if any), from the first page. */
export function submittedState(state: SearchUrlState, sent: { q: string; lieu: string; insee: string }): SearchUrlState {
  const lieu = sent.lieu.trim();
  return { ...state, q: sent.q.trim(), lieu, commune: sent.insee || undefined, ...(lieu ? { autour: undefined } : {}), page: 1 };
}

const plural = (n: number, one: string, many: string): string => (n > 1 ? many : one);

/** The status line once the results are there: how many, around what, which page. */
export function searchSummary(results: SearchResults, place: SearchPlace | undefined, radiusKm: number | undefined): string {
  if (results.total === 0) return 'Aucun service trouvé.';
  const count = `${results.total} ${plural(results.total, 'service trouvé', 'services trouvés')}`;
  const near = place
    ? place.communeCode
      ? ` à moins de ${radiusKm} km de ${place.label} ou intervenant dans cette commune`
      : ` à moins de ${radiusKm} km de votre position`
    : '';
  const pages = results.pageCount > 1 ? `, page ${results.page} sur ${results.pageCount}` : '';
  return `${count}${near}${pages}.`;
}

/** The summary of the filters' disclosure: « Filtres (2 actifs) ». */
export const filtersTitle = (active: number): string => (active ? `Filtres (${active} actif${active > 1 ? 's' : ''})` : 'Filtres');

/** The first radius of the choices, wider than the one chosen, that reaches the nearest service; undefined when none does. */
export function widerRadiusKm(radiusKm: number, nearestKm: number | undefined): number | undefined {
  return nearestKm === undefined ? undefined : RADIUS_CHOICES_KM.find((r) => r > radiusKm && r >= nearestKm);
}

/** « Anglais », « Langue des signes française »: a filter label. */
export const languageLabel = (code: string): string => {
  const name = languageName(code);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** The languages offered as filters: French, those the results speak, those chosen; in alphabetical order of their label. */
export function languageChoices(counted: readonly string[], chosen: readonly string[]): string[] {
  return [...new Set(['fr', ...counted, ...chosen])].sort((a, b) => languageLabel(a).localeCompare(languageLabel(b), 'fr'));
}

export interface Territory {
  code: string;
  name: string;
}

/** The départements (by code, as everywhere on the site) and régions (by name) of the filters, from the search manifest. */
export function filterTerritories(manifest: Pick<SearchManifest, 'departements' | 'regions'>): {
  departements: Territory[];
  regions: Territory[];
} {
  return {
    departements: Object.entries(manifest.departements)
      .map(([code, d]) => ({ code, name: d.name }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    regions: Object.entries(manifest.regions)
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}
