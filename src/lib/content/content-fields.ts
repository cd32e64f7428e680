/**
 * Field types shared by the content schemas. Every message is written for a federation's editor,
 * in French, and says how to fix the value.
 */
import OpeningHours from 'opening_hours';
import { z } from 'astro/zod';
import { getCommune, getDepartement } from '../territories/territory-data.ts';

// Whatever no content message covers reads in French, wherever these schemas parse (Astro's loader
// included). z.config merges: the referral schema's `jitless` setting stays.
z.config(z.locales.fr());

type Issue = z.core.$ZodRawIssue;

/**
 * A field's own message, except for a missing or empty value: that one is left to the parse-level
 * map (contentIssueMessage), which tells "missing" apart from "wrong".
 */
export const unlessAbsent =
  (message: string | ((issue: Issue) => string)) =>
  (issue: Issue): string | undefined =>
    issue.input === undefined || issue.input === null ? undefined : typeof message === 'string' ? message : message(issue);

/** YAML reads an unquoted 62041 or 01 as a number: say so, since the editor cannot see it. */
const quotedCode = (what: string, example: string) =>
  z.string({
    error: unlessAbsent((issue) =>
      typeof issue.input === 'number'
        ? `${what} doit être écrit entre guillemets (par exemple "${example}") : sans guillemets, YAML le lit comme un nombre et perd les zéros en tête.`
        : `${what} doit être du texte entre guillemets (par exemple "${example}").`,
    ),
  });

export const departementCodeField = quotedCode('Le code département', '01').refine((code) => getDepartement(code) !== undefined, {
  error: (issue) => `Le code département "${String(issue.input)}" n’existe pas : utilisez l’un des 101 codes, par exemple "01", "2A", "62" ou "971".`,
});

export const communeCodeField = quotedCode('Le code INSEE de la commune', '62041').refine((code) => getCommune(code) !== undefined, {
  error: (issue) =>
    `Le code INSEE "${String(issue.input)}" ne correspond à aucune commune (COG 2026) : vérifiez-le sur la fiche de la commune (ce n’est pas le code postal).`,
});

export const postalCodeField = quotedCode('Le code postal', '62000').regex(/^\d{5}$/, {
  error: 'Le code postal doit compter 5 chiffres, entre guillemets (par exemple "62000").',
});

/** French phone numbers, metropolitan or overseas, written with or without spaces, dots or dashes. */
const PHONE_PATTERN = /^(?:0[1-9]\d{8}|\+33[1-9]\d{8}|\+(?:262|269|508|590|594|596|687|689)\d{6,9})$/;
export const phoneField = z
  .string({ error: unlessAbsent('Le téléphone doit être écrit entre guillemets, par exemple "03 21 00 00 00".') })
  .refine((value) => PHONE_PATTERN.test(value.replace(/[\s.-]/g, '')), {
    error: (issue) =>
      `Le numéro "${String(issue.input)}" n’est pas un numéro de téléphone français valide : écrivez 10 chiffres (par exemple "03 21 00 00 00") ou le format international ("+33 3 21 00 00 00").`,
  });

export const emailField = z.email({ error: unlessAbsent((issue) => `L’adresse "${String(issue.input)}" n’est pas une adresse e-mail valide (exemple : contact@association.fr).`) });

export const urlField = z.url({
  protocol: /^https?$/,
  error: unlessAbsent((issue) => `"${String(issue.input)}" n’est pas une adresse web complète : elle doit commencer par https:// (ou http://).`),
});

/** A calendar date. YAML turns an unquoted 2026-11-20 into a date: both forms are accepted and kept as text. */
export const isoDateField = z
  .union([z.string(), z.date()], { error: unlessAbsent('La date doit s’écrire AAAA-MM-JJ, par exemple 2026-11-20.') })
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)), {
    error: 'La date doit s’écrire AAAA-MM-JJ, par exemple 2026-11-20.',
  });

/** Whether a value is valid in the OpenStreetMap opening_hours syntax (the one data·inclusion uses). */
export function isValidOpeningHours(value: string): boolean {
  // Parsing costs milliseconds and a few texts repeat across thousands of places (imports, large content).
  let valid = openingHoursChecked.get(value);
  if (valid === undefined) {
    try {
      // The location only matters for holidays (PH) and sunrise times: mainland France is close enough to check syntax.
      new OpeningHours(value, { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } });
      valid = true;
    } catch {
      valid = false;
    }
    openingHoursChecked.set(value, valid);
  }
  return valid;
}
const openingHoursChecked = new Map<string, boolean>();

export const openingHoursField = z.string().refine(isValidOpeningHours, {
  error: (issue) =>
    `Les horaires "${String(issue.input)}" ne suivent pas la syntaxe opening_hours d’OpenStreetMap : écrivez par exemple "Mo-Fr 09:00-12:00,14:00-17:00" ou "Tu-Sa 13:00-21:00; PH off" (jours en anglais abrégés, heures sur 24 h).`,
});

/** A content id: the file name, in lowercase words separated by dashes. */
/**
 * One of a vocabulary's values (service-vocabulary.ts): a value outside it is refused with the list of
 * the possible ones, so the message never goes out of date when the vocabulary grows.
 */
export const enumField = <T extends string>(values: readonly T[], what: string) =>
  z.enum(values as unknown as [T, ...T[]], {
    error: unlessAbsent((issue) => `« ${String(issue.input)} » n’est pas ${what} connu. Valeurs possibles : ${values.join(', ')}.`),
  });

/** A field description that ends with the vocabulary's values, generated from the list itself. */
export const withValues = (text: string, values: readonly string[]): string => `${text} Valeurs possibles : ${values.join(', ')}.`;

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const referenceField = (what: string) =>
  z.string({ error: unlessAbsent(`${what} : indiquez l’identifiant de la fiche (nom du fichier sans .yaml).`) }).regex(ID_PATTERN, {
    error: `${what} : l’identifiant s’écrit en minuscules, sans accent, avec des tirets (par exemple "fenamef").`,
  });

/** Where a fact comes from: a public page or a document. */
export const sourceField = z
  .strictObject({
    url: urlField.optional().describe('Adresse de la page publique qui donne l’information.'),
    document: z.string().min(3).optional().describe('Document (rapport, convention, courrier) quand il n’y a pas de page web.'),
    title: z.string().optional().describe('Titre de la page ou du document.'),
    date: isoDateField.optional().describe('Date de publication de la source, si elle en porte une (AAAA-MM-JJ).'),
  })
  .refine((source) => source.url !== undefined || source.document !== undefined, {
    error: 'Chaque source doit donner une adresse web (url) ou un document (document).',
  });
