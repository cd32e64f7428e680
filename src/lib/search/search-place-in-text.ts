/**
 * Reading a place inside the words typed: a family types « médiation Lens » or « LAEP 62000 » in one
 * box. When no place is set, the search tries the end (then the start) of the text as a commune name
 * or a postal code, and keeps the rest as words. Only an exact name (accents, case, hyphens and "St"
 * aside) counts, so « médiation Le » never becomes Le Havre.
 */
import type { Commune } from '../territories/territory-data.ts';
import { foldCommuneQuery, foldText } from '../territories/text-normalize.ts';
import { SEARCH_STOP_WORDS, SEARCH_SYNONYMS } from './search-text.ts';

export interface PlaceInText {
  /** The words read as a place, as typed. */
  place: string;
  /** What is left for the text search. */
  rest: string;
}

/** Words of the service vocabulary that are also commune names (Parent, 63): never read as a place. */
const NOT_A_PLACE = new Set([
  ...SEARCH_STOP_WORDS,
  ...SEARCH_SYNONYMS.flat(),
  'parent',
  'parents',
  'famille',
  'familles',
  'familiale',
  'enfant',
  'enfants',
  'maison',
  'soutien',
  'parentalite',
  'sociale',
  'visite',
  'visites',
]);

/** The ways to read a place in the text, the longest place first; at most `maxWords` words per place. */
export function placeCandidates(text: string, maxWords = 4): PlaceInText[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const candidates = new Map<string, PlaceInText>();
  const add = (placeWords: string[], restWords: string[]): void => {
    const place = placeWords.join(' ');
    const rest = restWords.join(' ');
    if (!NOT_A_PLACE.has(foldText(place))) candidates.set(`${place}|${rest}`, { place, rest });
  };
  const postal = words.findIndex((word) => /^\d{5}$/.test(word));
  if (postal >= 0)
    add(
      [words[postal] as string],
      words.filter((_, i) => i !== postal),
    );
  for (let length = Math.min(maxWords, words.length); length >= 1; length--) {
    add(words.slice(words.length - length), words.slice(0, words.length - length));
    if (length < words.length) add(words.slice(0, length), words.slice(length));
  }
  return [...candidates.values()];
}

/** Whether a commune is exactly what the words name: its name, or one of its postal codes. */
export function communeNamedBy(place: string, commune: Pick<Commune, 'name' | 'postalCodes'>): boolean {
  const trimmed = place.trim();
  if (/^\d{5}$/.test(trimmed)) return commune.postalCodes.includes(trimmed);
  return foldCommuneQuery(trimmed) === foldCommuneQuery(commune.name);
}

/**
 * The first reading of the text whose place is a commune, using `suggest` (the commune suggestions
 * the page already loads) to look names up.
 */
export async function findPlaceInText(
  text: string,
  suggest: (query: string) => Promise<Commune[]>,
): Promise<{ commune: Commune; rest: string } | undefined> {
  for (const candidate of placeCandidates(text)) {
    const commune = (await suggest(candidate.place)).find((c) => communeNamedBy(candidate.place, c));
    if (commune) return { commune, rest: candidate.rest };
  }
  return undefined;
}
