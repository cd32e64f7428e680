/**
 * Text folding shared by every lookup that a person types into: accents, case, hyphens,
 * apostrophes and the "St"/"Ste" abbreviations must not matter.
 */

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** Lower case without accents, œ and æ spelt out: "Cœur-d'Île" gives "coeur-d'ile". */
function plainLowerCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** Folds a name for comparison: "Saint-Étienne", "st etienne" and "ST ÉTIENNE" give "saint etienne". */
export function foldText(text: string): string {
  const words = plainLowerCase(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  return words.map((word) => ABBREVIATIONS[word] ?? word).join(' ');
}

/**
 * A commune as typed, folded for lookup: "Paris 15", "Paris 15e", "Lyon 3eme", "Marseille 2e
 * arrondissement" all become the folded COG name ("paris 15e arrondissement").
 */
export function foldCommuneQuery(text: string): string {
  const folded = foldText(text);
  const match = /^(paris|lyon|marseille) (\d{1,2})\s*(?:e|er|eme|ieme)?(?: arrondissement)?$/.exec(folded);
  if (!match) return folded;
  const number = Number(match[2]);
  return `${match[1]} ${number}${number === 1 ? 'er' : 'e'} arrondissement`;
}

/** URL slug: "Pas-de-Calais" gives "pas-de-calais", "Provence-Alpes-Côte d'Azur" gives "provence-alpes-cote-d-azur". */
export function slugify(text: string): string {
  return plainLowerCase(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
