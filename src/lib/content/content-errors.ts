/**
 * Turns a failed parse into one French line per problem, naming the file and the field,
 * so that an editor who is not a developer knows what to fix.
 */
import type { z } from 'astro/zod';

export interface ContentProblem {
  /** Path of the file, relative to the project (content/services/arras.yaml). */
  file: string;
  /** Dotted field path (locations[0].communeCode), empty for the whole file. */
  field: string;
  message: string;
  severity: 'erreur' | 'avertissement';
}

/** "locations[0].communeCode" from ['locations', 0, 'communeCode']. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

type RawIssue = z.core.$ZodRawIssue;

const GUIDE = 'voir content/README.md';

/** « Le champ « latitude » », or « L’élément n° 2 de « kinds » » for an item of a list. */
function subject(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  const key = path.findLast((part) => typeof part === 'string');
  if (key === undefined) return 'Ce champ';
  if (typeof last === 'number') return `L’élément n° ${last + 1} de « ${String(key)} »`;
  return `Le champ « ${String(key)} »`;
}

/** How a value reads in a message: text between quotes, anything else as YAML shows it. */
function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return 'une liste';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) return 'des sous-champs';
  return String(value);
}

function wrongType(what: string, expected: string, input: unknown): string | undefined {
  switch (expected) {
    case 'boolean':
      return `${what} s’écrit true ou false, sans guillemets (pas ${shown(input)}).`;
    case 'number': {
      const decimal = typeof input === 'string' ? input.trim().replace(',', '.') : '';
      return decimal !== '' && Number.isFinite(Number(decimal))
        ? `${what} doit être un nombre écrit avec un point, sans guillemets : écrivez ${decimal} et non ${shown(input)}.`
        : `${what} doit être un nombre écrit avec un point, sans guillemets (par exemple 50.2910), pas ${shown(input)}.`;
    }
    case 'string':
      return typeof input === 'object'
        ? `${what} doit être un texte écrit sur la même ligne, pas ${shown(input)}.`
        : `${what} doit être du texte : écrivez-le entre guillemets ("${shown(input)}").`;
    case 'array':
      return typeof input === 'string'
        ? `${what} doit être une liste : écrivez [${input}] ou une ligne par élément commençant par « - ».`
        : `${what} doit être une liste : [a, b] sur une ligne, ou une ligne par élément commençant par « - ».`;
    case 'object':
      return `${what} doit contenir des sous-champs, sur les lignes suivantes, indentés de deux espaces (${GUIDE}, exemple complet).`;
    default:
      return undefined;
  }
}

function tooSmall(what: string, issue: Extract<RawIssue, { code: 'too_small' }>): string | undefined {
  const minimum = Number(issue.minimum);
  if (issue.origin === 'string') {
    const length = typeof issue.input === 'string' ? issue.input.length : 0;
    return length === 0
      ? `${what} est vide : écrivez au moins ${minimum} caractères.`
      : `${what} est trop court : ${minimum} caractères au moins (il en a ${length}).`;
  }
  if (issue.origin === 'array') return minimum === 1 ? `${what} doit contenir au moins un élément.` : `${what} doit contenir au moins ${minimum} éléments.`;
  if (issue.origin === 'number') return `${what} doit valoir au moins ${minimum} (il vaut ${shown(issue.input)}).`;
  return undefined;
}

function tooBig(what: string, issue: Extract<RawIssue, { code: 'too_big' }>): string | undefined {
  const maximum = Number(issue.maximum);
  if (issue.origin === 'string') {
    const length = typeof issue.input === 'string' ? issue.input.length : 0;
    return `${what} est trop long : ${maximum} caractères au plus (il en a ${length}).`;
  }
  if (issue.origin === 'array') return `${what} doit contenir au plus ${maximum} éléments.`;
  if (issue.origin === 'number') return `${what} doit valoir au plus ${maximum} (il vaut ${shown(issue.input)}).`;
  return undefined;
}

/**
 * The French message of a content issue that its schema leaves generic: a missing or empty field
 * (not the same as a too-short one), a value of the wrong type with what to write instead, a size out
 * of bounds, an unknown key. Passed to safeParse as the parse-level error map; a schema's own message
 * wins, and anything not handled here falls back to zod's French locale (set in content-fields.ts).
 */
export function contentIssueMessage(issue: RawIssue): string | undefined {
  const path = issue.path ?? [];
  const what = subject(path);
  const key = path.findLast((part) => typeof part === 'string');
  if (issue.code === 'unrecognized_keys') {
    return `Champ inconnu ${issue.keys.map((k) => `« ${k} »`).join(', ')} : vérifiez l’orthographe (${GUIDE} pour la liste des champs).`;
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') {
    if (issue.input === undefined) {
      return key === undefined ? 'Ce champ est obligatoire et manque.' : `${what} est obligatoire et manque : ajoutez-le (${GUIDE} pour un exemple complet).`;
    }
    if (issue.input === null) {
      return `${what} est vide : écrivez une valeur après « ${String(key ?? '')}: », ou supprimez la ligne si le champ est facultatif.`;
    }
  }
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(what, issue.expected, issue.input);
    case 'too_small':
      return tooSmall(what, issue);
    case 'too_big':
      return tooBig(what, issue);
    case 'invalid_value':
      return `${shown(issue.input)} n’est pas une valeur possible${key === undefined ? '' : ` pour « ${String(key)} »`}. Valeurs possibles : ${issue.values.map(String).join(', ')}.`;
    default:
      return undefined;
  }
}

/** The parse options every reader of content files passes to safeParse. */
export const CONTENT_PARSE_OPTIONS = { error: contentIssueMessage } as const;

/** One problem per zod issue (messages already in French: see contentIssueMessage). */
export function problemsFromZodError(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({ file, field: fieldPath(issue.path), message: issue.message, severity: 'erreur' }));
}

/** What the YAML parser's error codes mean for an editor, in French. */
const YAML_ERROR_HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY:
    'un texte qui contient « : » (deux-points suivi d’un espace) doit être entre guillemets, et une ligne plus indentée que la précédente ne peut pas commencer un nouveau champ',
  MULTILINE_IMPLICIT_KEY: 'un nom de champ doit tenir sur une ligne et être suivi de « : » ; un texte sur plusieurs lignes s’écrit après >- ou |-',
  BAD_INDENT: 'les champs d’un même niveau doivent commencer à la même colonne (indentation de deux espaces), et une liste [ … ] doit se fermer par ]',
  TAB_AS_INDENT: 'l’indentation se fait avec des espaces, jamais avec une tabulation',
  DUPLICATE_KEY: 'ce champ apparaît deux fois : gardez-en un seul',
  MISSING_CHAR: 'il manque un guillemet ou un crochet fermant',
  BAD_SCALAR_START: 'un texte qui commence par @, `, %, [, {, *, # ou - doit être entre guillemets',
  BLOCK_IN_FLOW: 'une liste [ … ] ou { … } ne peut pas contenir de lignes indentées : écrivez-la sur une ligne ou avec des « - »',
  UNEXPECTED_TOKEN: 'caractère inattendu : vérifiez les guillemets, les crochets et les deux-points',
  BAD_DQ_ESCAPE: 'une barre oblique inverse (\\) entre guillemets doit être doublée (\\\\)',
  MULTIPLE_DOCS: 'le fichier ne doit contenir qu’une fiche : supprimez la ligne « --- » en trop',
};

/** A French explanation of a YAML syntax error, with its line (and column when known). */
export function yamlErrorMessage(error: { code?: string; linePos?: readonly { line: number; col: number }[] }, lineOffset = 0): string {
  const position = error.linePos?.[0];
  const where = position ? `ligne ${position.line + lineOffset}, colonne ${position.col}` : 'position inconnue';
  const hint = (error.code && YAML_ERROR_HINTS[error.code]) ?? 'vérifiez l’indentation (deux espaces), les deux-points et les guillemets';
  return `${where} : ${hint}`;
}

/** "content/services/arras.yaml › locations[0].communeCode : message" */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.field ? `${problem.file} › ${problem.field}` : problem.file;
  const label = problem.severity === 'erreur' ? 'Erreur' : 'Avertissement';
  return `${label} : ${where} : ${problem.message}`;
}
