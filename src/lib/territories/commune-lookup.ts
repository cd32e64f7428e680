/** Finding communes the way people name them: a postal code, an INSEE code, or a name typed loosely. */
import { communeIndex, foldedCommuneName, getCommune, getDepartement, getRegion, type Commune, type Departement, type Region } from './territory-data.ts';
import { foldCommuneQuery } from './text-normalize.ts';

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

/**
 * Communes whose name matches a loosely typed query, best first: exact name, then names starting with
 * the query, then names containing it as a word start; ties by population (the big town first).
 * A 5-digit query is read as a postal code, or an INSEE code.
 */
export function findCommunes(query: string, limit = 10): Commune[] {
  const trimmed = query.trim();
  if (/^\d[\dAB]\d{3}$/i.test(trimmed)) {
    const byPostal = communesByPostalCode(trimmed);
    const byInsee = getCommune(trimmed.toUpperCase());
    const found = byPostal.length ? byPostal : byInsee ? [byInsee] : [];
    return [...found].sort((a, b) => b.population - a.population).slice(0, limit);
  }
  const folded = foldCommuneQuery(trimmed);
  if (!folded) return [];
  const scored: { commune: Commune; rank: number }[] = [];
  for (const commune of communeIndex().values()) {
    const name = foldedCommuneName(commune);
    let rank = -1;
    if (name === folded) rank = 0;
    else if (name.startsWith(folded)) rank = 1;
    else if (name.includes(` ${folded}`)) rank = 2;
    if (rank >= 0) scored.push({ commune, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || b.commune.population - a.commune.population || a.commune.code.localeCompare(b.commune.code));
  return scored.slice(0, limit).map((s) => s.commune);
}
