/**
 * Reads and validates the content folder the way the site does: one YAML file per entry, the
 * id being the file name. Shared by content:check, import/export and tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { z } from 'astro/zod';
import { parse, YAMLParseError } from 'yaml';
import {
  CONTENT_PARSE_OPTIONS,
  formatProblem,
  problemsFromZodError,
  yamlErrorMessage,
  type ContentProblem,
} from '../../src/lib/content/content-errors.ts';
import { ID_PATTERN } from '../../src/lib/content/content-fields.ts';
import { crossCheckContent } from '../../src/lib/content/content-validation.ts';
import { organisationSchema, type Organisation } from '../../src/lib/content/organisation-schema.ts';
import { pageSchema } from '../../src/lib/content/page-schema.ts';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import { whereToAskSchema, type WhereToAskContact } from '../../src/lib/content/where-to-ask-schema.ts';

export const DEFAULT_CONTENT_DIR = resolve(import.meta.dirname, '../../content');

export interface LoadedContent {
  services: Service[];
  organisations: Organisation[];
  /** Where to ask when no service is near (ou-demander.yaml). */
  whereToAsk: WhereToAskContact[];
  problems: ContentProblem[];
}

/** YAML 1.1, like Astro's loader: an unquoted 01 is the number 1 and an unquoted date a Date. */
export function parseYaml(text: string): unknown {
  return parse(text, { version: '1.1', uniqueKeys: true });
}

/** Files that look like YAML (any case of .yaml or .yml): the site publishes only the `.yaml` ones. */
function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => /\.ya?ml$/i.test(name))
      .sort();
  } catch {
    return [];
  }
}

/** The French line for a file the YAML parser rejects (or cannot read). */
function unreadableFile(error: unknown, what: string, lineOffset = 0): string {
  const detail = error instanceof YAMLParseError ? yamlErrorMessage(error, lineOffset) : 'le fichier ne peut pas être lu';
  return `${what} n’est pas du YAML valide (${detail}).`;
}

function loadCollection<T>(
  contentDir: string,
  collection: 'services' | 'organisations',
  schema: {
    safeParse: (data: unknown, params: typeof CONTENT_PARSE_OPTIONS) => { success: true; data: T } | { success: false; error: z.ZodError };
  },
  problems: ContentProblem[],
): (T & { id: string })[] {
  return loadEntries(join(contentDir, collection), resolve(contentDir, '..'), schema, problems);
}

/**
 * Reads and validates every YAML file of a folder as entries of a collection (the id being the file
 * name); problems name each file relative to `root`.
 */
export function loadEntries<T>(
  dir: string,
  root: string,
  schema: {
    safeParse: (data: unknown, params: typeof CONTENT_PARSE_OPTIONS) => { success: true; data: T } | { success: false; error: z.ZodError };
  },
  problems: ContentProblem[],
): (T & { id: string })[] {
  const entries: (T & { id: string })[] = [];
  const names = yamlFiles(dir);
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(root, path);
    // The site's loader reads `*.yaml` only: any other spelling would silently never be published.
    if (!name.endsWith('.yaml')) {
      const wanted = name.replace(/\.ya?ml$/i, '.yaml');
      const clash = names.includes(wanted) ? ` ; ${wanted} existe déjà : fusionnez les deux fiches` : '';
      problems.push({
        file,
        field: '',
        message: `Ce fichier ne sera jamais publié : le site ne lit que les fichiers en « .yaml ». Renommez-le en « ${wanted} »${clash}.`,
        severity: 'erreur',
      });
      continue;
    }
    const id = name.slice(0, -'.yaml'.length);
    if (!ID_PATTERN.test(id)) {
      problems.push({
        file,
        field: '',
        message: `Le nom du fichier « ${name} » doit être en minuscules, sans accent ni espace, avec des tirets (par exemple « maison-des-parents-arras.yaml ») : il sert d’identifiant stable.`,
        severity: 'erreur',
      });
      continue;
    }
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push({ file, field: '', message: unreadableFile(error, 'Le fichier'), severity: 'erreur' });
      continue;
    }
    const result = schema.safeParse(data, CONTENT_PARSE_OPTIONS);
    if (result.success) entries.push({ ...result.data, id });
    else problems.push(...problemsFromZodError(file, result.error));
  }
  return entries;
}

/** Checks the front matter of the editorial pages (content/pages/*.md) the way the site reads it. */
function checkPages(contentDir: string, problems: ContentProblem[]): void {
  const dir = join(contentDir, 'pages');
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(resolve(contentDir, '..'), path);
    const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1];
    if (frontMatter === undefined) {
      problems.push({
        file,
        field: '',
        message: 'La page doit commencer par un en-tête entre deux lignes « --- » (title, description…).',
        severity: 'erreur',
      });
      continue;
    }
    let data: unknown;
    try {
      data = parseYaml(frontMatter);
    } catch (error) {
      // The front matter starts on the file's second line, after « --- ».
      problems.push({ file, field: '', message: unreadableFile(error, 'L’en-tête', 1), severity: 'erreur' });
      continue;
    }
    const result = pageSchema.safeParse(data, CONTENT_PARSE_OPTIONS);
    if (!result.success) problems.push(...problemsFromZodError(file, result.error));
  }
}

/** The file of where-to-ask contacts, inside the content folder. */
export const WHERE_TO_ASK_FILE = 'ou-demander.yaml';

/** Checks ou-demander.yaml (one entry per key) the way the site reads it, when the folder has one. */
function loadWhereToAsk(contentDir: string, problems: ContentProblem[]): WhereToAskContact[] {
  const path = join(contentDir, WHERE_TO_ASK_FILE);
  const file = relative(resolve(contentDir, '..'), path);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    // A folder without the file (an import's or a test's) has nothing to check; content:check says when content/ lacks it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      problems.push({ file, field: '', message: unreadableFile(error, 'Le fichier'), severity: 'erreur' });
    return [];
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({
      file,
      field: '',
      message: 'Le fichier doit contenir une fiche par identifiant (« caf: », « point-justice: »…), chacune avec ses champs indentés.',
      severity: 'erreur',
    });
    return [];
  }
  const contacts: WhereToAskContact[] = [];
  for (const [id, entry] of Object.entries(data)) {
    const result = whereToAskSchema.safeParse(entry, CONTENT_PARSE_OPTIONS);
    if (result.success) contacts.push({ ...result.data, id });
    else
      problems.push(
        ...problemsFromZodError(file, result.error).map((problem) => ({
          ...problem,
          field: problem.field ? `${id}.${problem.field}` : id,
        })),
      );
  }
  return contacts.sort((a, b) => a.order - b.order);
}

/** Loads and checks every entry of a content folder; problems are listed, never thrown. */
export function loadContent(contentDir: string = DEFAULT_CONTENT_DIR, today: Date = new Date()): LoadedContent {
  const problems: ContentProblem[] = [];
  const organisations = loadCollection(contentDir, 'organisations', organisationSchema, problems);
  const services = loadCollection(contentDir, 'services', serviceSchema, problems);
  checkPages(contentDir, problems);
  const whereToAsk = loadWhereToAsk(contentDir, problems);
  const root = resolve(contentDir, '..');
  problems.push(
    ...crossCheckContent(
      { services, organisations, fileOf: (collection, id) => relative(root, join(contentDir, collection, `${id}.yaml`)) },
      today,
    ),
  );
  return { services, organisations, whereToAsk, problems };
}

export { formatProblem };
