/**
 * How Passerelle reads a search in French: folding (accents, case, "St"), stop words, synonyms and
 * typo budget. Both engines take their settings from here, so that they answer the same way.
 */
import { foldText } from '../territories/text-normalize.ts';

/** French words too common to help (already folded). Meilisearch gets the same list. */
export const SEARCH_STOP_WORDS: readonly string[] = [
  'a', 'au', 'aux', 'avec', 'ce', 'ces', 'd', 'dans', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'leur', 'leurs',
  'ou', 'par', 'pour', 'qu', 'que', 'qui', 'sa', 'se', 'ses', 'son', 'sur', 'un', 'une', 'mon', 'ma', 'mes', 'nos', 'notre',
];
const STOP_WORDS = new Set(SEARCH_STOP_WORDS);

/**
 * Groups of phrases that mean the same thing (folded, stop words removed). The first phrase is
 * the one found in service texts; the others are what people type.
 */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ['espace rencontre', 'er', 'point rencontre', 'lieu rencontre'],
  ['visites presence tiers', 'visite mediatisee', 'visites mediatisees', 'visite accompagnee', 'visites accompagnees', 'droit visite accompagne'],
  ['juge affaires familiales', 'jaf'],
  ['lieu accueil enfants parents', 'laep'],
  ['reseau ecoute appui accompagnement parents', 'reaap'],
  ['mediation', 'mediateur', 'mediatrice', 'mediateurs', 'mediatrices'],
  ['aide sociale enfance', 'ase'],
  ['caisse allocations familiales', 'caf'],
];

/** Words of a text as both engines index them: folded, stop words removed. */
export function searchTerms(text: string): string[] {
  return foldText(text)
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
}

/** Whether a folded word is a stop word. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * Typos allowed for a word, as Meilisearch counts them by default: none under 5 letters, one from
 * 5 letters, two from 9.
 */
export function typoBudget(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** One part of a query: a word, or a phrase with the phrases that mean the same. */
export interface QueryGroup {
  /** Alternatives, each a list of words that must all match; the first is what was typed. */
  alternatives: string[][];
}

const synonymPhrases = SEARCH_SYNONYMS.map((group) => group.map((phrase) => phrase.split(' ')));

/**
 * Splits a query into groups: each synonym phrase (longest first) becomes one group with its
 * equivalents; every other word is a group of its own. All groups must match.
 */
export function parseSearchText(text: string): QueryGroup[] {
  const words = searchTerms(text);
  const groups: QueryGroup[] = [];
  let i = 0;
  while (i < words.length) {
    let best: { length: number; group: string[][] } | undefined;
    for (const group of synonymPhrases) {
      for (const phrase of group) {
        if (phrase.length > (best?.length ?? 0) && phrase.every((word, n) => words[i + n] === word)) best = { length: phrase.length, group };
      }
    }
    if (best) {
      const typed = words.slice(i, i + best.length);
      const others = best.group.filter((phrase) => phrase.join(' ') !== typed.join(' '));
      groups.push({ alternatives: [typed, ...others] });
      i += best.length;
    } else {
      groups.push({ alternatives: [[words[i] as string]] });
      i++;
    }
  }
  return groups;
}

/**
 * Meilisearch's synonyms setting from the same groups: every phrase leads to all the others.
 */
export function meilisearchSynonyms(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of SEARCH_SYNONYMS) {
    for (const phrase of group) synonyms[phrase] = group.filter((other) => other !== phrase);
  }
  return synonyms;
}
