/** French phrasing of département and région names ("dans le Pas-de-Calais", "en Corse-du-Sud"). */
import type { Departement, Region } from './territory-data.ts';

/**
 * "dans le Pas-de-Calais", "dans la Somme", "dans les Yvelines", "dans l'Ain", "en Bretagne", "à Paris",
 * from INSEE's typeLiaison (0: consonne, 1: voyelle, 2: le, 3: la, 4: les, 5: l').
 */
const AT_NAMES = new Set(['Paris', 'Mayotte', 'La Réunion']);

export function inTerritory(territory: Pick<Departement | Region, 'name' | 'typeLiaison'>): string {
  switch (territory.typeLiaison) {
    case 2:
      return `dans le ${territory.name}`;
    case 3:
      return `dans la ${territory.name.replace(/^La /, '')}`;
    case 4:
      return `dans les ${territory.name.replace(/^Les /, '')}`;
    case 5:
      return `dans l'${territory.name}`;
    default:
      // 0 and 1: no article ("en Bretagne", "en Occitanie"), but islands and Paris take "à".
      return `${AT_NAMES.has(territory.name) ? 'à' : 'en'} ${territory.name}`;
  }
}

/** Path of a département page: /departements/62-pas-de-calais/ */
export function departementPath(departement: Pick<Departement, 'code' | 'slug'>): string {
  return `/departements/${departement.code.toLowerCase()}-${departement.slug}/`;
}

/** Path of a région page: /regions/hauts-de-france/ */
export function regionPath(region: Pick<Region, 'slug'>): string {
  return `/regions/${region.slug}/`;
}
