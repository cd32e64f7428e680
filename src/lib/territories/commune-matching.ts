/**
 * How a typed commune matches: one ranking for the whole commune list (findCommunes, server and
 * scripts) and for the small suggestion files the browser reads (search and referral islands).
 * No territory data is imported here, so the browser bundle stays small.
 */
import type { Commune } from './territory-types.ts';
import { foldCommuneQuery, foldText } from './text-normalize.ts';

/** Suggestions shown at most. */
export const COMMUNE_SUGGESTION_LIMIT = 10;

/** A full postal code, or an INSEE code ("2A004"). */
export const POSTAL_OR_INSEE_CODE = /^\d[\dAB]\d{3}$/i;
/** The first 3 or 4 digits of a postal code: suggestions while the code is being typed. */
export const POSTAL_CODE_START = /^\d{3,4}$/;

const foldedNames = new WeakMap<Commune, string>();

/** Folded name of a commune, memoized (the same commune is compared many times). */
export function foldedNameOf(commune: Commune): string {
  let folded = foldedNames.get(commune);
  if (folded === undefined) {
    folded = foldText(commune.name);
    foldedNames.set(commune, folded);
  }
  return folded;
}

/** The big town first; then the INSEE code, so that the order never depends on the input's. */
export const byPopulation = (a: Commune, b: Commune): number => b.population - a.population || a.code.localeCompare(b.code);

/** 0: same name, 1: name starts with the query, 2: a word of the name starts with it, -1: no match. */
export function rankName(folded: string, query: string): number {
  if (folded === query) return 0;
  if (folded.startsWith(query)) return 1;
  if (folded.includes(` ${query}`)) return 2;
  return -1;
}

/**
 * Communes served by the postal codes that pass `test`: for a code shared by a city and its
 * arrondissements (Paris, Lyon, Marseille), the arrondissements only.
 */
function byPostalCodes(candidates: readonly Commune[], test: (postalCode: string) => boolean): Commune[] {
  const withArrondissement = new Set<string>();
  for (const commune of candidates)
    if (commune.parentCode) for (const code of commune.postalCodes) if (test(code)) withArrondissement.add(code);
  const found = new Set<Commune>();
  for (const commune of candidates) {
    if (commune.postalCodes.some((code) => test(code) && (commune.parentCode !== undefined || !withArrondissement.has(code))))
      found.add(commune);
  }
  return [...found];
}

/**
 * Communes matching what a person typed, best first: a postal code (or its first 3 or 4 digits), an
 * INSEE code, or a name typed loosely (exact name, then names starting with it, then names with a
 * word starting with it; ties by population).
 */
export function matchCommunes(query: string, candidates: readonly Commune[], limit = COMMUNE_SUGGESTION_LIMIT): Commune[] {
  const trimmed = query.trim();
  if (POSTAL_OR_INSEE_CODE.test(trimmed)) {
    const postal = byPostalCodes(candidates, (code) => code === trimmed);
    const found = postal.length ? postal : candidates.filter((c) => c.code === trimmed.toUpperCase());
    return [...new Set(found)].sort(byPopulation).slice(0, limit);
  }
  if (POSTAL_CODE_START.test(trimmed))
    return byPostalCodes(candidates, (code) => code.startsWith(trimmed))
      .sort(byPopulation)
      .slice(0, limit);
  const folded = foldCommuneQuery(trimmed);
  if (!folded) return [];
  const scored: { commune: Commune; rank: number }[] = [];
  for (const commune of candidates) {
    const rank = rankName(foldedNameOf(commune), folded);
    if (rank >= 0) scored.push({ commune, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || byPopulation(a.commune, b.commune));
  return scored.slice(0, limit).map((s) => s.commune);
}

/** What a typed place names: one commune, or several of that very name to choose from, or none. */
export type TypedCommune = { commune: Commune } | { choices: Commune[] } | { none: true };

/** « Saint-Denis (97400) », as a chosen commune is shown: the name and the postal or INSEE code. */
const NAME_WITH_CODE = /^(.*\S)\s*\((\d[\dAB]\d{3})\)$/i;

/**
 * The commune a typed text names, from its matches (matchCommunes, best first): a name that several
 * communes bear is never settled without the person's choice (« Saint-Denis » is in ten départements);
 * a code in brackets (« Saint-Denis (97400) », the label of a chosen commune) settles it. A text that
 * names no commune exactly (« Arra », a postal code) keeps the best match.
 */
export function typedCommune(text: string, matches: readonly Commune[]): TypedCommune {
  const trimmed = text.trim();
  const withCode = NAME_WITH_CODE.exec(trimmed);
  const folded = foldCommuneQuery(withCode?.[1] ?? trimmed);
  let sameName = matches.filter((commune) => foldedNameOf(commune) === folded);
  if (withCode?.[2]) {
    const code = withCode[2].toUpperCase();
    sameName = sameName.filter((commune) => commune.postalCodes.includes(code) || commune.code === code);
  }
  if (sameName.length > 1) return { choices: sameName };
  const best = sameName[0] ?? (withCode ? undefined : matches[0]);
  return best ? { commune: best } : { none: true };
}
