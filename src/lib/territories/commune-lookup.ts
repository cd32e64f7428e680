/** Finding communes the way people name them: a postal code, an INSEE code, or a name typed loosely. */
import { COMMUNE_SUGGESTION_LIMIT, matchCommunes } from './commune-matching.ts';
import { communeIndex, getCommune, getDepartement, getRegion, type Commune, type Departement, type Region } from './territory-data.ts';

let byPostalCode: Map<string, Commune[]> | undefined;

/** Communes (and arrondissements) served by a postal code; Paris, Lyon and Marseille give their arrondissements only. */
export function communesByPostalCode(postalCode: string): Commune[] {
  if (!byPostalCode) {
    byPostalCode = new Map();
    for (const commune of communeIndex().values()) {
      for (const code of commune.postalCodes) {
        const list = byPostalCode.get(code) ?? [];
        list.push(commune);
        byPostalCode.set(code, list);
      }
    }
    for (const [code, list] of byPostalCode) {
      const arrondissements = list.filter((c) => c.parentCode);
      byPostalCode.set(code, arrondissements.length ? arrondissements : list);
    }
  }
  return byPostalCode.get(postalCode.trim()) ?? [];
}

/** Whether a postal code belongs to a commune (for an arrondissement, its own codes; for Paris, any of its arrondissements'). */
export function postalCodeBelongsToCommune(postalCode: string, communeCode: string): boolean {
  return getCommune(communeCode)?.postalCodes.includes(postalCode.trim()) ?? false;
}

/** The département and région of a commune, by INSEE code. */
export function locateCommune(communeCode: string): { commune: Commune; departement?: Departement; region?: Region } | undefined {
  const commune = getCommune(communeCode);
  if (!commune) return undefined;
  const departement = getDepartement(commune.departementCode);
  const region = departement ? getRegion(departement.regionCode) : undefined;
  return { commune, ...(departement ? { departement } : {}), ...(region ? { region } : {}) };
}

let allCommunes: Commune[] | undefined;

/**
 * Communes matching what a person typed, best first (see matchCommunes): a postal code or its first
 * digits, an INSEE code, or a name typed loosely ("st etienne", "Paris 15", "lyon 3eme").
 */
export function findCommunes(query: string, limit = COMMUNE_SUGGESTION_LIMIT): Commune[] {
  allCommunes ??= [...communeIndex().values()];
  return matchCommunes(query, allCommunes, limit);
}
