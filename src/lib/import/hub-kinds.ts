/**
 * Which of Passerelle's kinds a record of the field plausibly offers, each with the reason a
 * reviewer reads ("nom : « Espace rencontre parents-enfants »"). Thématiques come from the
 * data·inclusion exporter's table read in reverse; words are searched in the name, then the
 * description, ignoring accents and case.
 */
import { DATA_INCLUSION_THEMATIQUES } from '../exports/data-inclusion.ts';
import { SERVICE_KINDS, type ParentingSupportFormat, type ServiceKind } from '../services/service-vocabulary.ts';
import type { HubRecord } from './hub-record.ts';

/** data·inclusion v0 family thématiques and the v1 thématique each became. */
export const V0_FAMILY_THEMATIQUES: Readonly<Record<string, string>> = {
  'famille--soutien-a-la-parentalite': 'famille--soutien-a-la-parentalite-et-a-leducation',
  'famille--information-et-accompagnement-des-parents': 'famille--soutien-a-la-parentalite-et-a-leducation',
  'famille--soutien-aux-familles': 'famille--soutien-a-la-parentalite-et-a-leducation',
  'famille--violences-intrafamiliales': 'famille--surmonter-conflits-separation-violence',
};

/** The family thématiques (v1) Passerelle's kinds are exported under. */
export const FAMILY_THEMATIQUES: readonly string[] = [...new Set(Object.values(DATA_INCLUSION_THEMATIQUES).flat())].filter((t) =>
  t.startsWith('famille--'),
);

/** A thématique's v1 name. */
const v1Name = (thematique: string) => V0_FAMILY_THEMATIQUES[thematique] ?? thematique;

/** The kinds a thématique names on its own: only one kind exported under it. */
function kindsOfThematique(thematique: string): ServiceKind[] {
  return SERVICE_KINDS.filter((kind) => DATA_INCLUSION_THEMATIQUES[kind].includes(v1Name(thematique)));
}

/** Words that name a kind (or a form of parenting support), on text folded to lowercase ASCII. */
const KIND_WORDS: readonly { kind: ServiceKind; format?: ParentingSupportFormat; pattern: RegExp }[] = [
  { kind: 'mediation-familiale', pattern: /\bmediat(?:ion|eur|rice)s? famili(?:ale|al)s?\b/ },
  { kind: 'espace-rencontre', pattern: /\bespaces? (?:de |des )?rencontres?\b|\bpoints? rencontres?\b/ },
  {
    kind: 'visites-tiers',
    pattern: /\bvisites? (?:mediatisees?|accompagnees?|en presence d (?:un )?tiers)\b|\bmediatisation des visites\b/,
  },
  { kind: 'soutien-parentalite', format: 'laep', pattern: /\blaep\b|\blieux? d accueil enfants? parents?\b/ },
  { kind: 'soutien-parentalite', format: 'reaap', pattern: /\breaap\b/ },
  { kind: 'soutien-parentalite', format: 'maison-des-parents', pattern: /\bmaisons? des (?:parents|familles)\b/ },
  { kind: 'soutien-parentalite', format: 'groupe-de-parole', pattern: /\bgroupes? de parole\b/ },
  { kind: 'soutien-parentalite', pattern: /\b(?:soutien|accompagnement|appui) (?:a )?(?:la )?parentalite\b/ },
  { kind: 'mediation-sociale', pattern: /\bmediat(?:ion|eur|rice)s? socia(?:le|l|ux)s?\b/ },
];

/**
 * Text folded character by character (accents, case, punctuation to a space), so that a match's
 * position is the same in the original: the reason quotes the words as the record writes them.
 */
function foldInPlace(text: string): string {
  let folded = '';
  for (const char of text) {
    let one = FOLDED_CHARS.get(char);
    if (one === undefined) {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      one = bare.length === 1 && /[a-z0-9]/.test(bare) ? bare : ' ';
      FOLDED_CHARS.set(char, one);
    }
    folded += one;
  }
  return folded;
}
const FOLDED_CHARS = new Map<string, string>();

/** The first words naming each kind in a text, as written there. */
function kindWordsIn(text: string): { kind: ServiceKind; format?: ParentingSupportFormat; words: string }[] {
  // foldInPlace works on code points: index into the same array.
  const chars = [...text];
  const folded = foldInPlace(text);
  const found: { kind: ServiceKind; format?: ParentingSupportFormat; words: string }[] = [];
  for (const { kind, format, pattern } of KIND_WORDS) {
    const match = pattern.exec(folded);
    if (match) found.push({ kind, ...(format ? { format } : {}), words: chars.slice(match.index, match.index + match[0].length).join('') });
  }
  return found;
}

export interface PlausibleKind {
  kind: ServiceKind;
  /** In French, for the reviewer: where the kind was read. */
  reason: string;
}

export interface KindReading {
  /** The record is about families (a family thématique) or names one of Passerelle's kinds. */
  relevant: boolean;
  kinds: PlausibleKind[];
  parentingSupportFormats: ParentingSupportFormat[];
  /** The record's family thématiques, as it writes them. */
  familyThematiques: string[];
}

const thematiqueLabel = (t: string) =>
  V0_FAMILY_THEMATIQUES[t] ? `thématique ${t} (v0, aujourd’hui ${V0_FAMILY_THEMATIQUES[t]})` : `thématique ${t}`;

/** The kinds a record plausibly offers, each with its reason; none when nothing names one. */
export function readKinds(record: Pick<HubRecord, 'name' | 'alternateName' | 'summary' | 'description' | 'thematiques'>): KindReading {
  const familyThematiques = record.thematiques.filter((t) => FAMILY_THEMATIQUES.includes(v1Name(t)));
  const kinds = new Map<ServiceKind, string>();
  const formats = new Set<ParentingSupportFormat>();
  const names = [record.name, record.alternateName].filter((t): t is string => t !== undefined);
  for (const name of names) {
    for (const { kind, format } of kindWordsIn(name)) {
      if (!kinds.has(kind)) kinds.set(kind, name === record.name ? `nom : « ${name} »` : `autre nom : « ${name} »`);
      if (format) formats.add(format);
    }
  }
  const description = [record.summary, record.description].filter(Boolean).join('\n\n');
  const withThematique = familyThematiques[0] ? `${thematiqueLabel(familyThematiques[0])} et ` : '';
  for (const { kind, format, words } of kindWordsIn(description)) {
    if (!kinds.has(kind)) kinds.set(kind, `${withThematique}description « ${words} »`);
    if (format) formats.add(format);
  }
  for (const thematique of familyThematiques) {
    const named = kindsOfThematique(thematique);
    const only = named[0];
    if (named.length === 1 && only && !kinds.has(only)) kinds.set(only, thematiqueLabel(thematique));
  }
  const plausible = SERVICE_KINDS.filter((kind) => kinds.has(kind)).map((kind) => ({ kind, reason: kinds.get(kind) as string }));
  return {
    relevant: familyThematiques.length > 0 || plausible.length > 0,
    kinds: plausible,
    parentingSupportFormats: plausible.some((k) => k.kind === 'soutien-parentalite') ? [...formats] : [],
    familyThematiques,
  };
}
