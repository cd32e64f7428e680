/**
 * Turns a federation's spreadsheet into service entries: reads the rows, resolves communes, validates
 * each service with the content schema, matches existing entries (by id, else by name and commune)
 * and says what would change. Pure: reading the file and writing YAML are the scripts' job.
 */
import { problemsFromZodError } from '../content/content-errors.ts';
import { ID_PATTERN } from '../content/content-fields.ts';
import { crossCheckContent } from '../content/content-validation.ts';
import type { Organisation } from '../content/organisation-schema.ts';
import { serviceSchema, type Service, type ServiceData, type ServiceInput } from '../content/service-schema.ts';
import { PARENTING_SUPPORT_FORMATS } from '../services/service-vocabulary.ts';
import { getCommune } from '../territories/territory-data.ts';
import { foldText, slugify } from '../territories/text-normalize.ts';
import { describeChanges, type FieldChange } from './service-changes.ts';
import { resolveCommune } from './commune-resolution.ts';
import {
  columnForField,
  columnForHeader,
  padCode,
  parseDate,
  parseNumber,
  parseSource,
  parseYesNo,
  splitList,
  splitSources,
  SPREADSHEET_COLUMNS,
  vocabularyValue,
  type ColumnHeader,
  type SpreadsheetColumn,
  type SpreadsheetRow,
} from './spreadsheet-columns.ts';

/** A problem tied to a line of the spreadsheet (1 is the header line) and, when known, a column. */
export interface ImportProblem {
  line: number;
  column?: string;
  message: string;
  severity: 'erreur' | 'avertissement';
}

export interface ImportRow {
  /** Line number as the spreadsheet shows it. */
  line: number;
  cells: SpreadsheetRow;
}

export interface ImportTable {
  rows: ImportRow[];
  problems: ImportProblem[];
}

/**
 * Reads a sheet given as its header row and data rows (cells as text). Unknown columns are reported
 * and ignored; a missing required column is an error on line 1.
 */
export function readImportTable(header: readonly string[], dataRows: readonly (readonly string[])[], firstDataLine = 2): ImportTable {
  const problems: ImportProblem[] = [];
  const positions = new Map<ColumnHeader, number>();
  header.forEach((name, index) => {
    if (!name.trim()) return;
    const col = columnForHeader(name);
    if (!col) {
      problems.push({ line: 1, column: name, message: `Colonne « ${name} » inconnue : elle est ignorée (voir la liste des colonnes dans content/README.md).`, severity: 'avertissement' });
    } else if (positions.has(col.header as ColumnHeader)) {
      problems.push({ line: 1, column: name, message: `La colonne « ${col.header} » apparaît deux fois : gardez-en une seule.`, severity: 'erreur' });
    } else {
      positions.set(col.header as ColumnHeader, index);
    }
  });
  for (const col of SPREADSHEET_COLUMNS as readonly SpreadsheetColumn[]) {
    const locatable = col.header === 'Code postal' && (positions.has('Code INSEE') || positions.has('Commune'));
    if (col.required && !positions.has(col.header as ColumnHeader) && !locatable) {
      problems.push({ line: 1, column: col.header, message: `La colonne obligatoire « ${col.header} » manque (${col.help})`, severity: 'erreur' });
    }
  }
  const rows: ImportRow[] = [];
  dataRows.forEach((cells, index) => {
    if (cells.every((cell) => !String(cell ?? '').trim())) return;
    const row = {} as SpreadsheetRow;
    for (const col of SPREADSHEET_COLUMNS) {
      const position = positions.get(col.header);
      row[col.header] = position === undefined ? '' : String(cells[position] ?? '').replace(/\r\n?/g, '\n').trim();
    }
    rows.push({ line: firstDataLine + index, cells: row });
  });
  return { rows, problems };
}

export type ImportAction = 'création' | 'modification' | 'inchangé';

export interface PlannedEntry {
  id: string;
  lines: number[];
  action: ImportAction;
  /** What the YAML file holds (defaults left out). */
  input: ServiceInput;
  data: ServiceData;
  changes: FieldChange[];
}

export interface ImportPlan {
  entries: PlannedEntry[];
  problems: ImportProblem[];
}

const SERVICE_COLUMNS = (SPREADSHEET_COLUMNS as readonly SpreadsheetColumn[]).filter((c) => c.scope === 'service' && c.header !== 'Identifiant');

interface RowGroup {
  id?: string;
  rows: ImportRow[];
}

function groupRows(rows: readonly ImportRow[]): RowGroup[] {
  const groups: RowGroup[] = [];
  const byId = new Map<string, RowGroup>();
  for (const row of rows) {
    const id = row.cells.Identifiant.trim();
    if (!id) {
      groups.push({ rows: [row] });
      continue;
    }
    const group = byId.get(id);
    if (group) group.rows.push(row);
    else {
      const created = { id, rows: [row] };
      byId.set(id, created);
      groups.push(created);
    }
  }
  return groups;
}

/** Sets a value only when present, so that the YAML file holds no empty field. */
function put<T extends object>(target: T, key: string, value: unknown): void {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return;
  (target as Record<string, unknown>)[key] = value;
}

const listOfValues = (cell: string) => splitList(cell).map(vocabularyValue);

/** The YAML content of one service from its rows; problems are pushed for rows that cannot be read. */
function groupToInput(group: RowGroup, problems: ImportProblem[]): ServiceInput | undefined {
  const first = group.rows[0] as ImportRow;
  const cells = first.cells;
  for (const row of group.rows.slice(1)) {
    for (const col of SERVICE_COLUMNS) {
      const value = row.cells[col.header as ColumnHeader];
      if (value && value !== cells[col.header as ColumnHeader]) {
        problems.push({
          line: row.line,
          column: col.header,
          message: `« ${value} » diffère de la ligne ${first.line} pour le même service (${group.id}) : une colonne du service doit avoir la même valeur sur toutes ses lignes, ou rester vide.`,
          severity: 'erreur',
        });
      }
    }
  }
  let readable = true;
  const locations = group.rows.map((row) => {
    const c = row.cells;
    const place = resolveCommune({ postalCode: padCode(c['Code postal'], 5), communeName: c.Commune, communeCode: padCode(c['Code INSEE'], 5) });
    if (!place.ok) {
      readable = false;
      problems.push({ line: row.line, column: 'Commune', message: place.message, severity: 'erreur' });
      return {};
    }
    const location: Record<string, unknown> = {};
    put(location, 'name', c['Nom du lieu']);
    put(location, 'address', c.Adresse);
    location.postalCode = place.postalCode;
    location.communeCode = place.communeCode;
    put(location, 'latitude', parseNumber(c.Latitude));
    put(location, 'longitude', parseNumber(c.Longitude));
    put(location, 'openingHours', c.Horaires);
    put(location, 'openingHoursNote', c['Précisions sur les horaires']);
    const confidential = parseYesNo(c['Adresse confidentielle']);
    if (confidential !== false) put(location, 'confidential', confidential);
    return location;
  });
  if (!readable) return undefined;

  const input: Record<string, unknown> = {};
  input.name = cells.Nom;
  // "LAEP" or "Maison des parents" written as a type: parenting support, of that form.
  const kinds: string[] = [];
  const formats = listOfValues(cells['Formes de soutien à la parentalité']);
  for (const value of listOfValues(cells.Types)) {
    const format = (PARENTING_SUPPORT_FORMATS as readonly string[]).includes(value) && value !== 'autre' ? value : undefined;
    const kind = format ? 'soutien-parentalite' : value;
    if (!kinds.includes(kind)) kinds.push(kind);
    if (format && !formats.includes(format)) formats.push(format);
  }
  input.kinds = kinds;
  put(input, 'parentingSupportFormats', formats);
  input.status = cells.Statut ? vocabularyValue(cells.Statut) : 'actif';
  put(input, 'organisation', cells.Gestionnaire);
  put(input, 'federations', splitList(cells.Fédérations));
  input.summary = cells.Résumé;
  put(input, 'description', cells.Description);
  put(input, 'publics', listOfValues(cells.Publics));
  put(input, 'access', listOfValues(cells['Modes d’accès']));
  const fees: Record<string, unknown> = {};
  put(fees, 'kind', cells.Tarif ? vocabularyValue(cells.Tarif) : undefined);
  put(fees, 'details', cells['Précisions sur le tarif']);
  put(input, 'fees', fees);
  const languages = splitList(cells.Langues).map((l) => l.toLowerCase());
  if (!(languages.length === 1 && languages[0] === 'fr')) put(input, 'languages', languages);
  const accessibility: Record<string, unknown> = {};
  put(accessibility, 'wheelchair', parseYesNo(cells['Accessible en fauteuil roulant']));
  put(accessibility, 'details', cells['Précisions sur l’accessibilité']);
  put(input, 'accessibility', accessibility);
  const contact: Record<string, unknown> = {};
  put(contact, 'phone', cells.Téléphone);
  put(contact, 'website', cells['Site web']);
  put(contact, 'email', cells.Courriel);
  put(input, 'contact', contact);
  const orientation: Record<string, unknown> = {};
  put(orientation, 'email', cells['Courriel d’orientation']);
  put(orientation, 'acceptedAccess', listOfValues(cells['Accès acceptés pour l’orientation']));
  put(input, 'orientation', orientation);
  input.locations = locations;
  const servedArea: Record<string, unknown> = {};
  put(servedArea, 'departements', splitList(cells['Départements desservis']).map((code) => padCode(code, 2).toUpperCase()));
  put(servedArea, 'communes', splitList(cells['Communes desservies']).map((code) => padCode(code, 5).toUpperCase()));
  put(input, 'servedArea', servedArea);
  put(input, 'funding', listOfValues(cells.Financeurs));
  put(input, 'agrement', cells.Agrément);
  input.sources = splitSources(cells.Sources).map(parseSource);
  input.lastChecked = parseDate(cells['Vérifié le']);
  return input as ServiceInput;
}

/** Line and column of a schema problem: location fields point at the location's own row. */
function locate(group: RowGroup, field: string): { line: number; column?: string } {
  const first = (group.rows[0] as ImportRow).line;
  const location = /^locations\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (location) {
    const row = group.rows[Number(location[1])];
    const col = location[2] ? columnForField('location', location[2]) : undefined;
    return { line: row?.line ?? first, ...(col ? { column: col.header } : {}) };
  }
  const path = field.replace(/\[\d+\].*$/, '');
  const col = columnForField('service', path) ?? columnForField('service', path.split('.')[0] ?? '');
  return { line: first, ...(col ? { column: col.header } : {}) };
}

/** An id for a new service: its name, then its commune when the name does not say it; unique. */
export function newServiceId(name: string, communeCode: string, taken: ReadonlySet<string>): string {
  const commune = getCommune(communeCode);
  let base = slugify(name).slice(0, 70).replace(/-+$/, '');
  const communeSlug = commune ? slugify(commune.name) : '';
  if (communeSlug && !base.includes(communeSlug)) base = `${base}-${communeSlug}`;
  if (!base) base = 'service';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function nameAndCommuneKeys(service: Pick<ServiceData, 'name' | 'locations'>): string[] {
  return service.locations.map((l) => `${foldText(service.name)}|${l.communeCode}`);
}

/**
 * Plans an import: every row either becomes a valid entry or is reported with its line and a French
 * reason. The plan is meant to be applied only when it has no error (nothing is half-written).
 */
export function planImport(
  table: ImportTable,
  existing: { services: readonly Service[]; organisations: readonly Organisation[] },
  today: Date = new Date(),
  onProgress?: (done: number, total: number) => void,
): ImportPlan {
  const problems: ImportProblem[] = [...table.problems];
  const existingById = new Map(existing.services.map((s) => [s.id, s]));
  const existingByNameAndCommune = new Map<string, Service>();
  for (const service of existing.services) for (const key of nameAndCommuneKeys(service)) existingByNameAndCommune.set(key, service);
  const taken = new Set(existingById.keys());
  const claimed = new Map<string, number>();
  const entries: PlannedEntry[] = [];

  const groups = groupRows(table.rows);
  for (const [index, group] of groups.entries()) {
    if (onProgress && index % 200 === 0) onProgress(index, groups.length);
    const lines = group.rows.map((r) => r.line);
    const first = lines[0] as number;
    if (group.id !== undefined && !ID_PATTERN.test(group.id)) {
      problems.push({ line: first, column: 'Identifiant', message: `L’identifiant « ${group.id} » doit être en minuscules, sans accent ni espace, avec des tirets (par exemple « maison-des-parents-arras »).`, severity: 'erreur' });
      continue;
    }
    const before = problems.length;
    const input = groupToInput(group, problems);
    if (!input || problems.length > before) continue;
    const parsed = serviceSchema.safeParse(input);
    if (!parsed.success) {
      for (const problem of problemsFromZodError('', parsed.error)) problems.push({ ...locate(group, problem.field), message: problem.message, severity: 'erreur' });
      continue;
    }
    const data = parsed.data;
    const match = group.id !== undefined ? existingById.get(group.id) : nameAndCommuneKeys(data).map((key) => existingByNameAndCommune.get(key)).find(Boolean);
    const id = group.id ?? match?.id ?? newServiceId(data.name, data.locations[0]?.communeCode ?? '', taken);
    taken.add(id);
    const claimedBy = claimed.get(id);
    if (claimedBy !== undefined) {
      problems.push({ line: first, message: `Cette ligne désigne le même service (${id}) que la ligne ${claimedBy} : regroupez-les sous un même identifiant ou distinguez leurs noms et communes.`, severity: 'erreur' });
      continue;
    }
    claimed.set(id, first);
    const changes = match ? describeChanges(match, data) : [];
    entries.push({ id, lines, action: !match ? 'création' : changes.length ? 'modification' : 'inchangé', input, data, changes });
  }

  onProgress?.(groups.length, groups.length);
  // Cross-entry rules (organisations, duplicates, coordinates) on the content as it would be after the import.
  const imported = new Map(entries.map((entry) => [entry.id, entry]));
  const merged: Service[] = [...existing.services.filter((s) => !imported.has(s.id)), ...entries.map((e) => ({ ...e.data, id: e.id }))];
  for (const problem of crossCheckContent({ services: merged, organisations: existing.organisations, fileOf: (_collection, id) => id }, today)) {
    const entry = imported.get(problem.file);
    if (!entry || entry.action === 'inchangé') continue;
    const group: RowGroup = { rows: entry.lines.map((line) => ({ line, cells: {} as SpreadsheetRow })) };
    problems.push({ ...locate(group, problem.field), message: problem.message, severity: problem.severity });
  }
  problems.sort((a, b) => a.line - b.line);
  return { entries, problems };
}

/** "ligne 5, colonne « Code postal » : message" */
export function formatImportProblem(problem: ImportProblem): string {
  const label = problem.severity === 'erreur' ? 'Erreur' : 'Avertissement';
  const where = problem.column ? `ligne ${problem.line}, colonne « ${problem.column} »` : `ligne ${problem.line}`;
  return `${label} : ${where} : ${problem.message}`;
}
