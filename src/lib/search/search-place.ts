/**
 * A commune as a search place: the one conversion that the search page, the command line, the
 * benchmarks and the tests all use, so that a place is labelled and matched the same everywhere.
 */
import type { Commune } from '../territories/territory-types.ts';
import type { SearchPlace } from './search-model.ts';

/** A commune as people pick it: its name with its first postal code, « Lens (62300) ». */
export function communeLabel(commune: Commune): string {
  return commune.postalCodes[0] ? `${commune.name} (${commune.postalCodes[0]})` : commune.name;
}

/** The place of a search from a commune. */
export function communePlace(commune: Commune): SearchPlace {
  return {
    lat: commune.lat,
    lng: commune.lng,
    label: communeLabel(commune),
    communeCode: commune.code,
    departementCode: commune.departementCode,
    ...(commune.parentCode ? { parentCode: commune.parentCode } : {}),
  };
}
