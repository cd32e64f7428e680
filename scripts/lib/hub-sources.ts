/**
 * Where records of the field's directories come from: data·inclusion's open-data files (JSON or CSV,
 * with the structures file beside them) or saved API answers, HSDS 3 tables (a folder of
 * `<table>.json` or `<table>.csv`), and data·inclusion's API, page by page, waiting when it asks to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { DATA_INCLUSION_THEMATIQUES } from '../../src/lib/exports/data-inclusion.ts';
import { readDataInclusion, readHsds, type HsdsRows, type HubRecord } from '../../src/lib/import/hub-record.ts';
import { readSpreadsheet } from './spreadsheet-files.ts';

type Raw = Record<string, unknown>;

/** A CSV's rows as objects keyed by its header; an empty cell is null. */
function csvObjects(path: string): Raw[] {
  const sheet = readSpreadsheet(path);
  return sheet.rows.map((cells) =>
    Object.fromEntries(sheet.header.map((name, i) => [name.trim(), cells[i] === undefined || cells[i] === '' ? null : cells[i]])),
  );
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`le fichier « ${path} » n’est pas du JSON lisible (${error instanceof Error ? error.message : String(error)}).`);
  }
}

const readTable = (path: string): unknown => (extname(path).toLowerCase() === '.csv' ? csvObjects(path) : readJson(path));

/** The structures file beside a services file (structures.json or .csv, or the same name with "structures"), if any. */
function structuresBeside(servicesPath: string): string | undefined {
  const dir = dirname(servicesPath);
  const ext = extname(servicesPath);
  const candidates = [basename(servicesPath).replace(/services/i, 'structures'), `structures${ext}`, 'structures.json', 'structures.csv'];
  return candidates.map((name) => join(dir, name)).find((path) => path !== servicesPath && existsSync(path));
}

/** Reads a data·inclusion services file (JSON list, API answer or CSV) and its structures. */
export function readDataInclusionFile(path: string, structuresPath?: string): { records: HubRecord[]; unreadable: number } {
  if (!existsSync(path)) throw new Error(`le fichier « ${path} » n’existe pas.`);
  const structures = structuresPath ?? structuresBeside(path);
  return readDataInclusion(readTable(path), structures ? readTable(structures) : []);
}

/** Reads the HSDS tables of a folder (the layout of Passerelle's /donnees/hsds/). */
export function readHsdsFolder(dir: string): HubRecord[] {
  if (!existsSync(join(dir, 'services.json')) && !existsSync(join(dir, 'services.csv'))) {
    throw new Error(
      `le dossier « ${dir} » n’a pas de table services.json ni services.csv (tables HSDS 3 attendues : services, locations, addresses, service_at_location, phones, schedules, organizations).`,
    );
  }
  const tables: HsdsRows = {};
  for (const table of ['organizations', 'services', 'locations', 'addresses', 'service_at_location', 'phones', 'schedules']) {
    for (const ext of ['.json', '.csv']) {
      const path = join(dir, `${table}${ext}`);
      if (!existsSync(path)) continue;
      const rows = readTable(path);
      if (!Array.isArray(rows)) throw new Error(`la table « ${path} » doit être une liste de lignes.`);
      tables[table] = rows as Raw[];
      break;
    }
  }
  return readHsds(tables, basename(dir.replace(/\/+$/, '')));
}

/** The public address of data·inclusion's API. */
export const DATA_INCLUSION_API = 'https://api.data.inclusion.beta.gouv.fr';

export interface ApiOptions {
  baseUrl: string;
  token: string;
  departement: string;
  pageSize: number;
  /** How many times a 429 or 503 answer is waited out before giving up. */
  retries?: number;
  onPage?: (page: number, pages: number, received: number, total: number) => void;
  onWait?: (seconds: number) => void;
}

/** The thématiques Passerelle's kinds are exported under: the hub is asked for those only. */
export const API_THEMATIQUES: readonly string[] = [...new Set(Object.values(DATA_INCLUSION_THEMATIQUES).flat())];

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Every service of a département under Passerelle's thématiques, from the API's list endpoint
 * (`/api/v1/services`: its search endpoint needs a commune and keeps 50 km around it). Pages follow
 * the API's shape (`items`, `total`, `page`, `size`, `pages`); a 429 or 503 is waited out as its
 * Retry-After says.
 */
export async function fetchDataInclusionServices(options: ApiOptions): Promise<Raw[]> {
  const items: Raw[] = [];
  for (let page = 1, pages = 1; page <= pages; page++) {
    const url = new URL('/api/v1/services', options.baseUrl);
    url.searchParams.set('code_departement', options.departement);
    for (const thematique of API_THEMATIQUES) url.searchParams.append('thematiques', thematique);
    url.searchParams.set('page', String(page));
    url.searchParams.set('size', String(options.pageSize));
    let answer: Response | undefined;
    for (let attempt = 0; ; attempt++) {
      answer = await fetch(url, { headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' } });
      if ((answer.status !== 429 && answer.status !== 503) || attempt >= (options.retries ?? 5)) break;
      const asked = answer.headers.get('retry-after');
      const seconds = Math.min(asked !== null && /^\d+$/.test(asked.trim()) ? Number(asked) : 2 ** attempt, 120);
      await answer.body?.cancel();
      options.onWait?.(seconds);
      await sleep(seconds * 1000);
    }
    if (answer.status === 401 || answer.status === 403)
      throw new Error(`l’API data·inclusion refuse le jeton (HTTP ${answer.status}) : vérifiez DATA_INCLUSION_TOKEN.`);
    if (!answer.ok) throw new Error(`l’API data·inclusion a répondu HTTP ${answer.status} à ${url.pathname}${url.search}.`);
    const body = (await answer.json()) as { items?: unknown; total?: unknown; pages?: unknown };
    if (!Array.isArray(body.items)) throw new Error('la réponse de l’API data·inclusion n’a pas de liste « items ».');
    items.push(...(body.items as Raw[]));
    pages = typeof body.pages === 'number' ? body.pages : page;
    options.onPage?.(page, pages, items.length, typeof body.total === 'number' ? body.total : items.length);
  }
  return items;
}
