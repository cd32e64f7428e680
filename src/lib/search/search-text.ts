/**
 * How Passerelle reads a search in French: folding (accents, case, "St"), stop words, synonyms and
 * typo budget. Both engines take their settings from here, so that they answer the same way.
 */
import { foldText } from '../territories/text-normalize.ts';

/** French words too common to help (already folded). Meilisearch gets the same list. */
export const SEARCH_STOP_WORDS: readonly string[] = [
  'a',
  'au',
  'aux',
  'avec',
  'ce',
  'ces',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'leur',
  'leurs',
  'ou',
  'par',
  'pour',
  'qu',
  'que',
  'qui',
  'sa',
  'se',
  'ses',
  'son',
  'sur',
  'un',
  'une',
  'mon',
  'ma',
  'mes',
  'nos',
  'notre',
];
const STOP_WORDS = new Set(SEARCH_STOP_WORDS);

/**
 * Groups of phrases that mean the same thing (folded, stop words removed), the one vocabulary table
 * of both engines. The first phrase is the one service labels say; the others are what people type.
 * A document whose labels (kinds, formats, access modes) say a first phrase carries the others in
 * its keywords (`synonymsMentioned`), so that « ER » or « visite médiatisée » are found as plain
 * words. At query time only single words stand for one another (`parseSearchText`,
 * `meilisearchSynonyms`): Meilisearch reads a multi-word synonym as an exact phrase, and only for up
 * to three typed words, so it would miss « Visites en présence d’un tiers » for « visite médiatisée ».
 */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ['espace rencontre', 'er', 'point rencontre', 'lieu rencontre'],
  [
    'visites presence tiers',
    'visite mediatisee',
    'visites mediatisees',
    'visite accompagnee',
    'visites accompagnees',
    'droit visite accompagne',
  ],
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

/** One part of a query: a word, with the single words that mean the same. */
export interface QueryGroup {
  /** Alternatives, each a list of words that must all match; the first is what was typed. */
  alternatives: string[][];
}

/** For each word of a group of single words, the other words of its group. */
const wordSynonyms = new Map<string, string[]>();
for (const group of SEARCH_SYNONYMS) {
  const words = group.filter((phrase) => !phrase.includes(' '));
  if (words.length < 2) continue;
  for (const word of words) wordSynonyms.set(word, [...(wordSynonyms.get(word) ?? []), ...words.filter((other) => other !== word)]);
}

/**
 * Splits a query into groups, one per word, each with the single words that mean the same
 * (« médiateurs » also finds « médiation »). All groups must match. Multi-word equivalents are not
 * expanded here: documents carry them in their keywords.
 */
export function parseSearchText(text: string): QueryGroup[] {
  return searchTerms(text).map((word) => ({ alternatives: [[word], ...(wordSynonyms.get(word) ?? []).map((other) => [other])] }));
}

/** Meilisearch's synonyms setting: the same single words as `parseSearchText`, each leading to the others. */
export function meilisearchSynonyms(): Record<string, string[]> {
  return Object.fromEntries(wordSynonyms);
}

const synonymsOfLabel = new Map<string, string[]>();

/**
 * The phrases a document also answers to: for every synonym group whose first phrase one of its
 * labels says (as consecutive words), the group's other phrases. « Espace de rencontre » gives
 * « er », « point rencontre » and « lieu rencontre ». Only that way round: « CAF » in a label does
 * not bring « caisse allocations familiales », whose common words would match unrelated searches.
 * Labels are few, so each is read once.
 */
export function synonymsMentioned(labels: readonly string[]): string[] {
  const found = new Set<string>();
  for (const label of labels) {
    let synonyms = synonymsOfLabel.get(label);
    if (!synonyms) {
      const words = ` ${searchTerms(label).join(' ')} `;
      const says = (phrase: string): boolean => words.includes(` ${phrase} `);
      // A single word standing for a single word is expanded at query time (parseSearchText): repeating it in
      // every document would only make the index bigger and each such search slower.
      const expandedAtQueryTime = (group: readonly string[], phrase: string): boolean =>
        !(group[0] as string).includes(' ') && !phrase.includes(' ');
      synonyms = SEARCH_SYNONYMS.filter((group) => says(group[0] as string)).flatMap((group) =>
        group.filter((phrase) => !says(phrase) && !expandedAtQueryTime(group, phrase)),
      );
      synonymsOfLabel.set(label, synonyms);
    }
    for (const phrase of synonyms) found.add(phrase);
  }
  return [...found];
}
