/**
 * Reads and validates the content folder the way the site does: one YAML file per entry, the
 * id being the file name. Shared by content:check, import/export and tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { z } from 'astro/zod';
import { parse, YAMLParseError } from 'yaml';
import { formatProblem, problemsFromZodError, type ContentProblem } from '../../src/lib/content/content-errors.ts';
import { ID_PATTERN } from '../../src/lib/content/content-fields.ts';
import { crossCheckContent } from '../../src/lib/content/content-validation.ts';
import { organisationSchema, type Organisation } from '../../src/lib/content/organisation-schema.ts';
import { pageSchema } from '../../src/lib/content/page-schema.ts';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';

export const DEFAULT_CONTENT_DIR = resolve(import.meta.dirname, '../../content');

export interface LoadedContent {
  services: Service[];
  organisations: Organisation[];
  problems: ContentProblem[];
}

/** YAML 1.1, like Astro's loader: an unquoted 01 is the number 1 and an unquoted date a Date. */
export function parseYaml(text: string): unknown {
  return parse(text, { version: '1.1', uniqueKeys: true });
}

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return [];
  }
}

function loadCollection<T>(
  contentDir: string,
  collection: 'services' | 'organisations',
  schema: { safeParse: (data: unknown) => { success: true; data: T } | { success: false; error: z.ZodError } },
  problems: ContentProblem[],
): (T & { id: string })[] {
  const dir = join(contentDir, collection);
  const entries: (T & { id: string })[] = [];
  const seenIds = new Map<string, string>();
  for (const name of yamlFiles(dir)) {
    const path = join(dir, name);
    const file = relative(resolve(contentDir, '..'), path);
    const id = name.replace(/\.ya?ml$/, '');
    if (!ID_PATTERN.test(id)) {
      problems.push({ file, field: '', message: `Le nom du fichier « ${name} » doit être en minuscules, sans accent ni espace, avec des tirets (par exemple « maison-des-parents-arras.yaml ») : il sert d’identifiant stable.`, severity: 'erreur' });
      continue;
    }
    if (seenIds.has(id)) {
      problems.push({ file, field: '', message: `L’identifiant « ${id} » est déjà pris par ${seenIds.get(id)} : chaque fiche doit avoir un nom de fichier unique.`, severity: 'erreur' });
      continue;
    }
    seenIds.set(id, file);
    let data: unknown;
    try {
      data = parseYaml(readFileSync(path, 'utf8'));
    } catch (error) {
      const detail = error instanceof YAMLParseError ? `ligne ${error.linePos?.[0].line ?? '?'} : ${error.message.split('\n')[0]}` : String(error);
      problems.push({ file, field: '', message: `Le fichier n’est pas du YAML valide (${detail}). Vérifiez l’indentation (deux espaces) et les deux-points.`, severity: 'erreur' });
      continue;
    }
    const result = schema.safeParse(data);
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
    names = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const file = relative(resolve(contentDir, '..'), path);
    const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path, 'utf8'))?.[1];
    if (frontMatter === undefined) {
      problems.push({ file, field: '', message: 'La page doit commencer par un en-tête entre deux lignes « --- » (title, description…).', severity: 'erreur' });
      continue;
    }
    let data: unknown;
    try {
      data = parseYaml(frontMatter);
    } catch (error) {
      const detail = error instanceof YAMLParseError ? `ligne ${(error.linePos?.[0].line ?? 0) + 1} : ${error.message.split('\n')[0]}` : String(error);
      problems.push({ file, field: '', message: `L’en-tête n’est pas du YAML valide (${detail}). Une valeur qui contient « : » doit être entre guillemets.`, severity: 'erreur' });
      continue;
    }
    const result = pageSchema.safeParse(data);
    if (!result.success) problems.push(...problemsFromZodError(file, result.error));
  }
}

/** Loads and checks every entry of a content folder; problems are listed, never thrown. */
export function loadContent(contentDir: string = DEFAULT_CONTENT_DIR, today: Date = new Date()): LoadedContent {
  const problems: ContentProblem[] = [];
  const organisations = loadCollection(contentDir, 'organisations', organisationSchema, problems);
  const services = loadCollection(contentDir, 'services', serviceSchema, problems);
  checkPages(contentDir, problems);
  const root = resolve(contentDir, '..');
  problems.push(
    ...crossCheckContent(
      { services, organisations, fileOf: (collection, id) => relative(root, join(contentDir, collection, `${id}.yaml`)) },
      today,
    ),
  );
  return { services, organisations, problems };
}

export { formatProblem };
