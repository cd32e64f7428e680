/**
 * Turns a federation's spreadsheet into service entries: reads the rows, resolves communes, matches
 * existing entries (by id, else by name and commune), applies the sheet's columns to them, validates
 * each service with the content schema and says what would change. Only the columns the sheet has
 * update a service, and a place absent from the sheet is kept: an import never deletes by omission.
 * Pure: reading the file and writing YAML are the scripts' job.
 */
import { CONTENT_PARSE_OPTIONS, problemsFromZodError } from '../content/content-errors.ts';
import { ID_PATTERN } from '../content/content-fields.ts';
import { crossCheckContent } from '../content/content-validation.ts';
import type { Organisation } from '../content/organisation-schema.ts';
import { serviceSchema, type Service, type ServiceData, type ServiceInput, type ServiceLocationData } from '../content/service-schema.ts';
import { PARENTING_SUPPORT_FORMATS } from '../services/service-vocabulary.ts';
import { foldText } from '../territories/text-normalize.ts';
import { describeChanges, PLACE_FIELD_LABELS, placeLabel, type FieldChange } from './service-changes.ts';
import { resolveCommune } from './commune-resolution.ts';
import { newServiceId } from './service-id.ts';
import {
  cellText,
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
  type SheetCell,
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
  /** Cells as text; a column the sheet does not have is ''. */
  cells: SpreadsheetRow;
}

export interface ImportTable {
  rows: ImportRow[];
  /** The columns the sheet has: only they update a service, and an empty cell in one of them clears its field. */
  columns: ReadonlySet<ColumnHeader>;
  problems: ImportProblem[];
}

const ALL_COLUMNS = SPREADSHEET_COLUMNS as readonly SpreadsheetColumn[];
const header = (col: SpreadsheetColumn) => col.header as ColumnHeader;
const EVERY_COLUMN: ReadonlySet<ColumnHeader> = new Set(ALL_COLUMNS.map(header));
/** The columns that say where a place is. */
const COMMUNE_COLUMNS: readonly ColumnHeader[] = ['Code postal', 'Commune', 'Code INSEE'];

/**
 * Reads a sheet given as its header row and data rows (cells as the file holds them). Unknown
 * columns are reported and ignored; a sheet that can tie no row to a service is an error on line 1.
 * Which columns a new service needs is checked by planImport, which knows which rows create one.
 */
export function readImportTable(
  headerRow: readonly string[],
  dataRows: readonly (readonly (SheetCell | null | undefined)[])[],
  firstDataLine = 2,
): ImportTable {
  const problems: ImportProblem[] = [];
  const positions = new Map<ColumnHeader, number>();
  headerRow.forEach((name, index) => {
    if (!name.trim()) return;
    const col = columnForHeader(name);
    if (!col) {
      problems.push({
        line: 1,
        column: name,
        message: `Colonne « ${name} » inconnue : elle est ignorée (voir la liste des colonnes dans content/README.md).`,
        severity: 'avertissement',
      });
    } else if (positions.has(header(col))) {
      problems.push({
        line: 1,
        column: name,
        message: `La colonne « ${col.header} » apparaît deux fois : gardez-en une seule.`,
        severity: 'erreur',
      });
    } else {
      positions.set(header(col), index);
    }
  });
  if (!positions.has('Identifiant') && !(positions.has('Nom') && COMMUNE_COLUMNS.some((c) => positions.has(c)))) {
    problems.push({
      line: 1,
      message:
        'Le tableur doit avoir la colonne « Identifiant », ou les colonnes « Nom » et « Code postal » (ou « Commune ») : sans elles, aucune ligne ne peut être rattachée à une fiche.',
      severity: 'erreur',
    });
  }
  const rows: ImportRow[] = [];
  dataRows.forEach((cells, index) => {
    if (cells.every((cell) => cell === undefined || cell === null || !String(cell).trim())) return;
    const line = firstDataLine + index;
    const row = {} as SpreadsheetRow;
    for (const col of ALL_COLUMNS) {
      const position = positions.get(header(col));
      const read = cellText(col, position === undefined ? undefined : cells[position]);
      if (!read.ok) problems.push({ line, column: col.header, message: read.message, severity: 'erreur' });
      row[header(col)] = read.ok ? read.text.replace(/\r\n?/g, '\n').trim() : '';
    }
    rows.push({ line, cells: row });
  });
  return { rows, columns: new Set(positions.keys()), problems };
}

export type ImportAction = 'création' | 'modification' | 'inchangé';

export interface PlannedEntry {
  id: string;
  lines: number[];
  action: ImportAction;
  /** What the YAML file holds after the import (defaults left out; an update starts from the file). */
  input: ServiceInput;
  data: ServiceData;
  changes: FieldChange[];
}

export interface ImportPlan {
  entries: PlannedEntry[];
  problems: ImportProblem[];
}

/** The content an import updates. */
export interface ExistingContent {
  services: readonly Service[];
  organisations: readonly Organisation[];
  /**
   * A service file's YAML read as data. An update starts from what the file holds, not from the
   * validated entry: a confidential place's address is in the file but never in the entry.
   */
  readServiceFile: (id: string) => unknown;
}

type Place = { communeCode: string; postalCode: string };

interface PlacedRow extends ImportRow {
  /** The commune of the row, when its commune cells are filled and resolve. */
  place?: Place;
  /** The row has a cell that cannot be read (reported): its service is not planned. */
  unreadable?: true;
}

interface RowGroup {
  /** The identifiant written in the sheet, or the id of the existing service the rows match. */
  id?: string;
  match?: Service;
  rows: PlacedRow[];
}

type Fields = Record<string, unknown>;

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).length === 0);

/**
 * Sets a dotted field ("contact.phone"); an empty value removes it, and an object left empty goes
 * with it, so that the YAML file never holds an empty field.
 */
function setField(target: Fields, path: string, value: unknown): void {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) {
    if (isEmpty(value)) delete target[key];
    else target[key] = value;
    return;
  }
  const current = target[key];
  const child: Fields = current && typeof current === 'object' && !Array.isArray(current) ? { ...(current as Fields) } : {};
  setField(child, rest.join('.'), value);
  if (isEmpty(child)) delete target[key];
  else target[key] = child;
}

const listOfValues = (cell: string) => splitList(cell).map(vocabularyValue);

/** How a column's text becomes its field's value; a column not listed is plain text. */
const READERS: Partial<Record<ColumnHeader, (text: string) => unknown>> = {
  Statut: (text) => (text ? vocabularyValue(text) : 'actif'),
  Fédérations: splitList,
  Publics: listOfValues,
  'Modes d’accès': listOfValues,
  Tarif: (text) => (text ? vocabularyValue(text) : undefined),
  Langues: (text) => {
    const languages = splitList(text).map((l) => l.toLowerCase());
    return languages.length === 1 && languages[0] === 'fr' ? undefined : languages;
  },
  'Accessible en fauteuil roulant': parseYesNo,
  'Accès acceptés pour l’orientation': listOfValues,
  'Accord pour l’orientation : date': (text) => (text ? parseDate(text) : undefined),
  'Départements desservis': (text) => splitList(text).map((code) => padCode(code, 2).toUpperCase()),
  'Communes desservies': (text) => splitList(text).map((code) => padCode(code, 5).toUpperCase()),
  Financeurs: listOfValues,
  Sources: (text) => splitSources(text).map(parseSource),
  'Vérifié le': (text) => (text ? parseDate(text) : undefined),
  Latitude: parseNumber,
  Longitude: parseNumber,
  // false is the default: the file only says "confidential" when it is.
  'Adresse confidentielle': (text) => {
    const value = parseYesNo(text);
    return value === false ? undefined : value;
  },
};

const readCell = (col: SpreadsheetColumn, text: string) => (READERS[header(col)] ?? ((t: string) => t))(text);

/** Columns read through kinds and parenting-support formats together, or identifying a service or place. */
const SPECIAL_COLUMNS = new Set<ColumnHeader>(['Identifiant', 'Types', 'Formes de soutien à la parentalité', ...COMMUNE_COLUMNS]);

/** Applies the sheet's service columns (first row of the group) to a service's fields. */
function applyServiceColumns(fields: Fields, cells: SpreadsheetRow, columns: ReadonlySet<ColumnHeader>): void {
  for (const col of ALL_COLUMNS) {
    if (col.scope !== 'service' || SPECIAL_COLUMNS.has(header(col)) || !columns.has(header(col))) continue;
    setField(fields, col.field, readCell(col, cells[header(col)]));
  }
  const hasTypes = columns.has('Types');
  const hasFormats = columns.has('Formes de soutien à la parentalité');
  if (!hasTypes && !hasFormats) return;
  const formats = hasFormats
    ? listOfValues(cells['Formes de soutien à la parentalité'])
    : [...((fields.parentingSupportFormats as string[] | undefined) ?? [])];
  if (hasTypes) {
    // "LAEP" or "Maison des parents" written as a type: parenting support, of that form.
    const kinds: string[] = [];
    for (const value of listOfValues(cells.Types)) {
      const format = (PARENTING_SUPPORT_FORMATS as readonly string[]).includes(value) && value !== 'autre' ? value : undefined;
      const kind = format ? 'soutien-parentalite' : value;
      if (!kinds.includes(kind)) kinds.push(kind);
      if (format && !formats.includes(format)) formats.push(format);
    }
    setField(fields, 'kinds', kinds);
  }
  setField(fields, 'parentingSupportFormats', formats);
}

/** Fields of a confidential place that are never exported: an empty cell cannot mean "remove". */
const HIDDEN_WHEN_CONFIDENTIAL = ['name', 'address', 'latitude', 'longitude'];

/** A place's fields after the row's location columns; `previous` is the place as its file holds it. */
function applyPlaceColumns(previous: Fields, row: PlacedRow, columns: ReadonlySet<ColumnHeader>): Fields {
  const place: Fields = { ...previous };
  for (const col of ALL_COLUMNS) {
    if (col.scope !== 'location' || SPECIAL_COLUMNS.has(header(col)) || !columns.has(header(col))) continue;
    setField(place, col.field, readCell(col, row.cells[header(col)]));
  }
  if (place.confidential === true) {
    for (const key of HIDDEN_WHEN_CONFIDENTIAL) if (place[key] === undefined && previous[key] !== undefined) place[key] = previous[key];
  }
  if (row.place) {
    // An empty postal code cell keeps the place's own (or its absence): a postal code is never deduced for an existing place.
    const keepPostalCode = !row.cells['Code postal'] && 'communeCode' in previous;
    if (!keepPostalCode) setField(place, 'postalCode', row.place.postalCode);
    setField(place, 'communeCode', row.place.communeCode);
  }
  return place;
}

/**
 * Which existing place each row updates (an index), or undefined for a new place: same commune and
 * address, else same commune and place name, else the commune's next place not yet taken (a place
 * that moved within its commune).
 */
function matchPlaces(rows: readonly PlacedRow[], places: readonly ServiceLocationData[]): (number | undefined)[] {
  const targets: (number | undefined)[] = rows.map(() => undefined);
  const taken = new Set<number>();
  const pass = (same: (row: PlacedRow, place: ServiceLocationData) => boolean) =>
    rows.forEach((row, r) => {
      if (targets[r] !== undefined || !row.place) return;
      const index = places.findIndex((place, p) => !taken.has(p) && place.communeCode === row.place?.communeCode && same(row, place));
      if (index >= 0) {
        targets[r] = index;
        taken.add(index);
      }
    });
  const sameText = (a: string, b: string | undefined) => a !== '' && b !== undefined && foldText(a) === foldText(b);
  pass((row, place) => sameText(row.cells.Adresse, place.address));
  pass((row, place) => sameText(row.cells['Nom du lieu'], place.name));
  pass(() => true);
  return targets;
}

interface BuiltService {
  input: Fields;
  /** For each place of the result, the line of the row that wrote it (undefined: kept from the file). */
  placeLines: (number | undefined)[];
  /** Existing places the sheet did not mention, kept as they are. */
  keptPlaces: ServiceLocationData[];
}

/** The service's fields after the group's rows: the existing file's fields, or none for a new service. */
function buildService(
  group: RowGroup,
  base: Fields,
  columns: ReadonlySet<ColumnHeader>,
  problems: ImportProblem[],
): BuiltService | undefined {
  const first = group.rows[0] as PlacedRow;
  const input: Fields = structuredClone(base);
  applyServiceColumns(input, first.cells, columns);

  const existingPlaces = group.match?.locations ?? [];
  const filePlaces = (Array.isArray(input.locations) ? input.locations : []) as Fields[];
  const placeLines: (number | undefined)[] = filePlaces.map(() => undefined);
  const hasPlaceColumns = ALL_COLUMNS.some((col) => col.scope === 'location' && columns.has(header(col)));
  if (!hasPlaceColumns) return { input, placeLines, keptPlaces: [] };

  let targets = matchPlaces(group.rows, existingPlaces);
  const unplaced = group.rows.filter((row) => !row.place);
  if (unplaced.length > 0) {
    // Without a commune, a row can only mean the one place of a one-place service.
    if (group.match && group.rows.length === 1 && existingPlaces.length === 1) {
      targets = [0];
    } else {
      for (const row of unplaced) {
        const message = group.match
          ? `Indiquez le code postal et la commune (ou le code INSEE) du lieu que cette ligne modifie ou ajoute : le service a déjà ${existingPlaces.length} lieu(x).`
          : 'Le lieu manque : indiquez au moins le code postal et la commune (ou le code INSEE).';
        problems.push({ line: row.line, column: 'Commune', message, severity: 'erreur' });
      }
      return undefined;
    }
  }
  const places = [...filePlaces];
  group.rows.forEach((row, r) => {
    const target = targets[r];
    if (target === undefined) {
      places.push(applyPlaceColumns({}, row, columns));
      placeLines.push(row.line);
    } else {
      places[target] = applyPlaceColumns(places[target] ?? {}, row, columns);
      placeLines[target] = row.line;
    }
  });
  input.locations = places;
  const keptPlaces = existingPlaces.filter((_, index) => !targets.includes(index));
  return { input, placeLines, keptPlaces };
}

/** The fields in the schema's order, as editors write them (a new file reads like the guide's example). */
export function inSchemaOrder(input: Fields): Fields {
  const order = (keys: readonly string[]) => (fields: Fields) => {
    const rank = (key: string) => (keys.includes(key) ? keys.indexOf(key) : keys.length);
    return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b)));
  };
  const service = order(Object.keys(serviceSchema.shape))(input);
  if (Array.isArray(service.locations)) service.locations = (service.locations as Fields[]).map(order(Object.keys(PLACE_FIELD_LABELS)));
  return service;
}

/** Line and column of a schema problem: place fields point at the place's own row. */
function locate(firstLine: number, placeLines: readonly (number | undefined)[], field: string): { line: number; column?: string } {
  const location = /^locations\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (location) {
    const col = location[2] ? columnForField('location', location[2]) : undefined;
    return { line: placeLines[Number(location[1])] ?? firstLine, ...(col ? { column: col.header } : {}) };
  }
  const path = field.replace(/\[\d+\].*$/, '');
  const col = columnForField('service', path) ?? columnForField('service', path.split('.')[0] ?? '');
  return { line: firstLine, ...(col ? { column: col.header } : {}) };
}

const nameAndCommuneKey = (name: string, communeCode: string) => `${foldText(name)}|${communeCode}`;

/** Resolves each row's commune when its commune cells are filled; a failure is the row's error. */
function placeRows(table: ImportTable, problems: ImportProblem[]): PlacedRow[] {
  const unreadableLines = new Set(table.problems.filter((p) => p.severity === 'erreur' && p.line > 1).map((p) => p.line));
  return table.rows.map((row) => {
    const c = row.cells;
    const unreadable = unreadableLines.has(row.line) ? ({ unreadable: true } as const) : {};
    if (!COMMUNE_COLUMNS.some((col) => c[col])) return { ...row, ...unreadable };
    const place = resolveCommune({
      postalCode: padCode(c['Code postal'], 5),
      communeName: c.Commune,
      communeCode: padCode(c['Code INSEE'], 5),
    });
    if (!place.ok) {
      problems.push({ line: row.line, column: 'Commune', message: place.message, severity: 'erreur' });
      return { ...row, unreadable: true };
    }
    return { ...row, ...unreadable, place: { communeCode: place.communeCode, postalCode: place.postalCode } };
  });
}

/**
 * Rows with the same identifiant form one service; a row without one joins the existing service of
 * the same name in its commune, or is a new service of one place.
 */
function groupRows(rows: readonly PlacedRow[], existing: ExistingContent): RowGroup[] {
  const byId = new Map(existing.services.map((s) => [s.id, s]));
  const byNameAndCommune = new Map<string, Service>();
  for (const service of existing.services)
    for (const l of service.locations) byNameAndCommune.set(nameAndCommuneKey(service.name, l.communeCode), service);
  const groups: RowGroup[] = [];
  const groupsById = new Map<string, RowGroup>();
  for (const row of rows) {
    const written = row.cells.Identifiant.trim();
    const id =
      written ||
      (row.place && row.cells.Nom ? byNameAndCommune.get(nameAndCommuneKey(row.cells.Nom, row.place.communeCode))?.id : undefined);
    if (!id) {
      groups.push({ rows: [row] });
      continue;
    }
    const group = groupsById.get(id);
    if (group) group.rows.push(row);
    else {
      const match = byId.get(id);
      const created: RowGroup = { id, rows: [row], ...(match ? { match } : {}) };
      groupsById.set(id, created);
      groups.push(created);
    }
  }
  return groups;
}

/** Service columns must agree on every row of a service (or stay empty after the first). */
function checkServiceCells(group: RowGroup, problems: ImportProblem[]): void {
  const first = group.rows[0] as PlacedRow;
  for (const row of group.rows.slice(1)) {
    for (const col of ALL_COLUMNS) {
      if (col.scope !== 'service' || col.header === 'Identifiant') continue;
      const value = row.cells[header(col)];
      if (value && value !== first.cells[header(col)]) {
        problems.push({
          line: row.line,
          column: col.header,
          message: `« ${value} » diffère de la ligne ${first.line} pour le même service (${group.id}) : une colonne du service doit avoir la même valeur sur toutes ses lignes, ou rester vide.`,
          severity: 'erreur',
        });
      }
    }
  }
}

/** Required columns the sheet lacks (a place needs a postal code, a commune or an INSEE code). */
function missingRequiredColumns(columns: ReadonlySet<ColumnHeader>): SpreadsheetColumn[] {
  return ALL_COLUMNS.filter(
    (col) => col.required && !columns.has(header(col)) && !(col.header === 'Code postal' && COMMUNE_COLUMNS.some((c) => columns.has(c))),
  );
}

const listLines = (lines: readonly number[]) => lines.slice(0, 10).join(', ') + (lines.length > 10 ? '…' : '');

/** The warning for places of an existing service that the sheet does not mention. */
function keptPlacesWarning(id: string, kept: readonly ServiceLocationData[]): string {
  const names = kept.slice(0, 5).map(placeLabel).join(' ; ') + (kept.length > 5 ? ' ; …' : '');
  return (
    `${kept.length} lieu(x) de ${id} ne figure(nt) pas dans le tableur et sont gardés tels quels : ${names}. ` +
    `L’import ne supprime jamais un lieu : pour en retirer un, supprimez-le de content/services/${id}.yaml (ou dans l’éditeur web).`
  );
}

/**
 * Plans an import: every row either becomes part of a valid entry or is reported with its line and a
 * French reason. The plan is meant to be applied only when it has no error (nothing is half-written).
 */
export function planImport(
  table: ImportTable,
  existing: ExistingContent,
  today: Date = new Date(),
  onProgress?: (done: number, total: number) => void,
): ImportPlan {
  const problems: ImportProblem[] = [...table.problems];
  const entries: PlannedEntry[] = [];
  const entryLines = new Map<string, (number | undefined)[]>();
  const missing = missingRequiredColumns(table.columns);
  const creationsMissingColumns: number[] = [];

  const groups = groupRows(placeRows(table, problems), existing);
  // Ids written in the sheet are taken before any new id is made up.
  const taken = new Set([...existing.services.map((s) => s.id), ...groups.flatMap((g) => g.id ?? [])]);
  for (const [index, group] of groups.entries()) {
    if (onProgress && index % 200 === 0) onProgress(index, groups.length);
    const lines = group.rows.map((r) => r.line);
    const first = lines[0] as number;
    if (group.id !== undefined && !ID_PATTERN.test(group.id)) {
      problems.push({
        line: first,
        column: 'Identifiant',
        message: `L’identifiant « ${group.id} » doit être en minuscules, sans accent ni espace, avec des tirets (par exemple « maison-des-parents-arras »).`,
        severity: 'erreur',
      });
      continue;
    }
    if (group.rows.some((row) => row.unreadable)) continue;
    if (!group.match && missing.length > 0) {
      creationsMissingColumns.push(first);
      continue;
    }
    const before = problems.length;
    checkServiceCells(group, problems);
    const base = group.match ? existing.readServiceFile(group.match.id) : {};
    // A new service is the whole row: a column the sheet lacks is an empty cell (Statut: actif).
    const built = buildService(
      group,
      base && typeof base === 'object' ? (base as Fields) : {},
      group.match ? table.columns : EVERY_COLUMN,
      problems,
    );
    if (!built || problems.length > before) continue;
    const input = inSchemaOrder(built.input);
    // The same messages as content:check.
    const parsed = serviceSchema.safeParse(input, CONTENT_PARSE_OPTIONS);
    if (!parsed.success) {
      for (const problem of problemsFromZodError('', parsed.error))
        problems.push({ ...locate(first, built.placeLines, problem.field), message: problem.message, severity: 'erreur' });
      continue;
    }
    const data = parsed.data;
    const id = group.id ?? newServiceId(data.name, data.locations[0]?.communeCode ?? '', taken);
    taken.add(id);
    if (group.match && built.keptPlaces.length > 0)
      problems.push({ line: first, message: keptPlacesWarning(id, built.keptPlaces), severity: 'avertissement' });
    const changes = group.match ? describeChanges(group.match, data) : [];
    entries.push({
      id,
      lines,
      action: !group.match ? 'création' : changes.length ? 'modification' : 'inchangé',
      input: input as ServiceInput,
      data,
      changes,
    });
    entryLines.set(id, built.placeLines);
  }
  onProgress?.(groups.length, groups.length);

  if (creationsMissingColumns.length > 0) {
    problems.push({
      line: 1,
      message:
        `Pour créer un service, le tableur doit avoir les colonnes ${missing.map((c) => `« ${c.header} »`).join(', ')}, qui manquent. ` +
        `Lignes qui créeraient un service (identifiant vide ou inconnu, et aucune fiche du même nom dans la même commune) : ${listLines(creationsMissingColumns)}.`,
      severity: 'erreur',
    });
  }

  // Cross-entry rules (organisations, duplicates, coordinates) on the content as it would be after the import.
  const imported = new Map(entries.map((entry) => [entry.id, entry]));
  const merged: Service[] = [...existing.services.filter((s) => !imported.has(s.id)), ...entries.map((e) => ({ ...e.data, id: e.id }))];
  for (const problem of crossCheckContent(
    { services: merged, organisations: existing.organisations, fileOf: (_collection, id) => id },
    today,
  )) {
    const entry = imported.get(problem.file);
    if (!entry || entry.action === 'inchangé') continue;
    problems.push({
      ...locate(entry.lines[0] as number, entryLines.get(entry.id) ?? [], problem.field),
      message: problem.message,
      severity: problem.severity,
    });
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
