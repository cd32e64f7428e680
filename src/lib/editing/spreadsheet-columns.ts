/**
 * The federations' spreadsheet: one row per place (location) of a service, the service's own columns
 * repeated on each of its rows. This module is the single description of those columns, used by
 * `content:import`, `content:export`, the downloadable template and content/README.md.
 */
import type { ServiceData } from '../content/service-schema.ts';
import {
  ACCESS_MODE_LABELS,
  FEE_KIND_LABELS,
  FUNDER_LABELS,
  PARENTING_SUPPORT_FORMAT_LABELS,
  PUBLIC_LABELS,
  SERVICE_KIND_INFO,
  SERVICE_STATUSES,
} from '../services/service-vocabulary.ts';
import { getCommune } from '../territories/territory-data.ts';
import { foldText } from '../territories/text-normalize.ts';

/** Whether a column describes the service (same value on all its rows) or one of its places. */
export type ColumnScope = 'service' | 'location';

export interface SpreadsheetColumn {
  /** Header written in the template and in exports. */
  header: string;
  /** Other headers accepted on import (compared without accents, case or punctuation). */
  aliases: readonly string[];
  scope: ColumnScope;
  /** Field path in a service (service scope) or in one of its locations (location scope), for messages. */
  field: string;
  required: boolean;
  /** How to fill it, in French, for content/README.md and the template. */
  help: string;
  /** An example value for the template. */
  example: string;
  /** What a typed cell (number, date, true/false) of an XLSX or ODS file may hold in this column. */
  cell: CellType;
}

/**
 * text: anything, numbers written out; code: digits whose leading zeros a number cell lost; phone: a
 * French number whose leading 0 a number cell lost; decimal: a number; date: a calendar date; yes-no:
 * true/false.
 */
export type CellType = 'text' | 'code' | 'phone' | 'decimal' | 'date' | 'yes-no';

const column = <H extends string>(
  header: H,
  scope: ColumnScope,
  field: string,
  help: string,
  example: string,
  options: { aliases?: string[]; required?: boolean; cell?: CellType } = {},
): SpreadsheetColumn & { header: H } => ({
  header,
  aliases: options.aliases ?? [],
  scope,
  field,
  required: options.required ?? false,
  help,
  example,
  cell: options.cell ?? 'text',
});

/** Every column, in template order. */
export const SPREADSHEET_COLUMNS = [
  column(
    'Identifiant',
    'service',
    'id',
    'Identifiant Passerelle de la fiche (nom du fichier sans .yaml). Vide pour un nouveau service : il est créé à partir du nom et de la commune. Plusieurs lignes avec le même identifiant sont les lieux d’un même service.',
    'maison-des-parents-arras',
    { aliases: ['id'] },
  ),
  column('Nom', 'service', 'name', 'Nom du service tel que les familles le connaissent.', 'Maison des Parents d’Arras', {
    aliases: ['nom du service', 'name'],
    required: true,
  }),
  column(
    'Types',
    'service',
    'kinds',
    'Un ou plusieurs types, séparés par des points-virgules : médiation familiale, espace de rencontre, visites en présence d’un tiers, soutien à la parentalité, médiation sociale (ou leurs identifiants).',
    'espace-rencontre; soutien-parentalite',
    { aliases: ['type', 'kinds', 'types de service'], required: true },
  ),
  column(
    'Formes de soutien à la parentalité',
    'service',
    'parentingSupportFormats',
    'Pour le soutien à la parentalité : laep, reaap, maison-des-parents, groupe-de-parole, autre.',
    'maison-des-parents',
    { aliases: ['parentingSupportFormats'] },
  ),
  column('Statut', 'service', 'status', 'actif, fermé temporairement ou fermé. Vide : actif.', 'actif', { aliases: ['status'] }),
  column(
    'Gestionnaire',
    'service',
    'organisation',
    'Identifiant de l’organisation gestionnaire (fichier de content/organisations).',
    'le-coin-familial',
    { aliases: ['organisation', 'gestionnaire (identifiant)'] },
  ),
  column(
    'Fédérations',
    'service',
    'federations',
    'Identifiants des fédérations ou réseaux, séparés par des points-virgules.',
    'fenamef; ffer',
    { aliases: ['federations', 'reseaux'] },
  ),
  column(
    'Résumé',
    'service',
    'summary',
    'Une ou deux phrases simples (20 à 300 caractères).',
    'Espace de rencontre pour l’exercice du droit de visite, à Arras.',
    { aliases: ['summary'], required: true },
  ),
  column('Description', 'service', 'description', 'Texte plus long ; les paragraphes sont séparés par une ligne vide.', '', {
    aliases: [],
  }),
  column(
    'Publics',
    'service',
    'publics',
    'parents, grands-parents, futurs-parents, enfants, adolescents, familles, habitants, professionnels (séparés par des points-virgules).',
    'parents; enfants',
    {},
  ),
  column(
    'Modes d’accès',
    'service',
    'access',
    'demarche-spontanee, decision-jaf, decision-juge-des-enfants, orientation-service-social, orientation-professionnel.',
    'decision-jaf; orientation-service-social',
    { aliases: ['acces', 'access'] },
  ),
  column('Tarif', 'service', 'fees.kind', 'gratuit, bareme-national (barème CAF/MSA), payant ou non-precise.', 'gratuit', {
    aliases: ['frais', 'fees'],
  }),
  column(
    'Précisions sur le tarif',
    'service',
    'fees.details',
    'Obligatoire pour un tarif payant : le montant, tel que la source le donne.',
    '',
    { aliases: ['details du tarif'] },
  ),
  column('Langues', 'service', 'languages', 'Codes ISO 639 séparés par des points-virgules (fr, en, ar…). Vide : fr.', 'fr', {
    aliases: ['languages'],
  }),
  column('Accessible en fauteuil roulant', 'service', 'accessibility.wheelchair', 'oui, non, ou vide si on ne sait pas.', '', {
    aliases: ['fauteuil roulant', 'accessible pmr', 'pmr'],
    cell: 'yes-no',
  }),
  column('Précisions sur l’accessibilité', 'service', 'accessibility.details', 'Autres informations d’accessibilité.', '', {}),
  column('Téléphone', 'service', 'contact.phone', 'Téléphone d’accueil (10 chiffres ou +33…).', '', {
    aliases: ['tel', 'telephone'],
    cell: 'phone',
  }),
  column('Site web', 'service', 'contact.website', 'Adresse complète, commençant par https://.', 'https://lecoinfamilial.fr/', {
    aliases: ['site', 'site internet', 'website'],
  }),
  column('Courriel', 'service', 'contact.email', 'Adresse e-mail publique du service.', '', { aliases: ['email', 'e-mail', 'mail'] }),
  column(
    'Courriel d’orientation',
    'service',
    'orientation.email',
    'Seulement si le service a accepté de recevoir des demandes d’orientation en ligne : l’adresse qui les reçoit (jamais publiée).',
    '',
    { aliases: ['orientation email'] },
  ),
  column(
    'Accès acceptés pour l’orientation',
    'service',
    'orientation.acceptedAccess',
    'Avec le courriel d’orientation : les modes d’accès acceptés pour une demande en ligne.',
    '',
    { aliases: ['orientation acces'] },
  ),
  column(
    'Accord pour l’orientation : date',
    'service',
    'orientation.consent.date',
    'Avec le courriel d’orientation : la date de l’accord du service, AAAA-MM-JJ.',
    '',
    { aliases: ['orientation accord date'], cell: 'date' },
  ),
  column(
    'Accord pour l’orientation : moyen',
    'service',
    'orientation.consent.channel',
    'lien-confirme (lien reçu à l’adresse publiée), courrier ou telephone.',
    '',
    { aliases: ['orientation accord moyen'] },
  ),
  column(
    'Accord pour l’orientation : donné par',
    'service',
    'orientation.consent.confirmedBy',
    'L’adresse publiée qui a confirmé, ou qui a donné l’accord et où la fédération en garde la trace.',
    '',
    { aliases: ['orientation accord par'] },
  ),
  column('Nom du lieu', 'location', 'name', 'Nom du lieu s’il diffère du service.', 'Maison des Parents, quartier Saint-Michel', {
    aliases: ['lieu'],
  }),
  column('Adresse', 'location', 'address', 'Numéro et rue, seulement si une source les donne.', '', { aliases: ['rue'] }),
  column('Code postal', 'location', 'postalCode', 'Code postal à 5 chiffres.', '62000', { aliases: ['cp'], required: true, cell: 'code' }),
  column('Commune', 'location', 'commune', 'Nom de la commune : avec le code postal, il suffit à trouver le code INSEE.', 'Arras', {
    aliases: ['ville'],
  }),
  column(
    'Code INSEE',
    'location',
    'communeCode',
    'Code INSEE de la commune (facultatif : retrouvé à partir du code postal et de la commune).',
    '62041',
    { aliases: ['code commune', 'insee'], cell: 'code' },
  ),
  column('Latitude', 'location', 'latitude', 'Latitude WGS84 (50.2910), avec la longitude, ou vide.', '', {
    aliases: ['lat'],
    cell: 'decimal',
  }),
  column('Longitude', 'location', 'longitude', 'Longitude WGS84 (2.7775), avec la latitude, ou vide.', '', {
    aliases: ['lng', 'lon'],
    cell: 'decimal',
  }),
  column(
    'Horaires',
    'location',
    'openingHours',
    'Format opening_hours d’OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00 ».',
    '',
    { aliases: ['horaires d ouverture', 'opening hours'] },
  ),
  column('Précisions sur les horaires', 'location', 'openingHoursNote', 'En français : sur rendez-vous, hors vacances scolaires…', '', {
    aliases: [],
  }),
  column(
    'Adresse confidentielle',
    'location',
    'confidential',
    'oui si l’adresse ne doit jamais être publiée (lieu protégé) : seule la commune sera affichée.',
    'non',
    { aliases: ['confidentiel'], cell: 'yes-no' },
  ),
  column(
    'Départements desservis',
    'service',
    'servedArea.departements',
    'Codes des départements desservis au-delà des lieux, séparés par des points-virgules ("62"; "59").',
    '62',
    { aliases: ['departements'], cell: 'code' },
  ),
  column(
    'Communes desservies',
    'service',
    'servedArea.communes',
    'Codes INSEE des communes desservies, séparés par des points-virgules.',
    '',
    { aliases: [], cell: 'code' },
  ),
  column(
    'Financeurs',
    'service',
    'funding',
    'caf, msa, conseil-departemental, justice, etat, commune, autre.',
    'conseil-departemental; justice',
    { aliases: ['financement', 'funding'] },
  ),
  column('Agrément', 'service', 'agrement', 'Agrément ou conventionnement, tel que la source le dit.', '', {
    aliases: ['agrement', 'conventionnement'],
  }),
  column(
    'Sources',
    'service',
    'sources',
    'Une source par ligne de la cellule (ou séparées par « ; ») : l’adresse web ou le nom du document, puis facultativement « | titre | date ».',
    'https://lecoinfamilial.fr/soutien-a-la-parentalite/maison-des-parents | Maison des Parents, site du Coin Familial',
    { aliases: ['source', 'urls'], required: true },
  ),
  column('Vérifié le', 'service', 'lastChecked', 'Date de la dernière vérification, AAAA-MM-JJ (ou JJ/MM/AAAA).', '2026-11-23', {
    aliases: ['derniere verification', 'date de verification', 'lastChecked'],
    required: true,
    cell: 'date',
  }),
] as const satisfies readonly SpreadsheetColumn[];

export type ColumnHeader = (typeof SPREADSHEET_COLUMNS)[number]['header'];
/** One spreadsheet row, by header; a missing or empty cell is ''. */
export type SpreadsheetRow = Record<ColumnHeader, string>;

const columnsByFoldedName = new Map<string, SpreadsheetColumn>();
for (const col of SPREADSHEET_COLUMNS as readonly SpreadsheetColumn[]) {
  for (const name of [col.header, ...col.aliases, col.field]) columnsByFoldedName.set(foldText(name), col);
}

/** The column a header names, whatever its accents, case or punctuation ("code_postal", "Code Postal"). */
export function columnForHeader(header: string): SpreadsheetColumn | undefined {
  return columnsByFoldedName.get(foldText(header));
}

/** The column that holds a field of the service (service scope) or of a location (location scope). */
export function columnForField(scope: ColumnScope, field: string): SpreadsheetColumn | undefined {
  return (SPREADSHEET_COLUMNS as readonly SpreadsheetColumn[]).find((c) => c.scope === scope && c.field === field);
}

/** List cells: items separated by semicolons or line breaks. */
export const LIST_SEPARATOR = '; ';

/** Labels people write for each value of the controlled lists, folded, to the value. */
const LABELS_TO_VALUES = new Map<string, string>();
const addLabels = (labels: Record<string, string>) => {
  for (const [value, label] of Object.entries(labels)) {
    LABELS_TO_VALUES.set(foldText(label), value);
    LABELS_TO_VALUES.set(foldText(value), value);
  }
};
addLabels(Object.fromEntries(Object.values(SERVICE_KIND_INFO).map((info) => [info.id, info.label])));
addLabels(Object.fromEntries(Object.values(SERVICE_KIND_INFO).map((info) => [info.id, info.plural])));
addLabels({ 'visites-tiers': 'visites mediatisees', 'espace-rencontre': 'point rencontre', 'soutien-parentalite': 'parentalite' });
addLabels(PARENTING_SUPPORT_FORMAT_LABELS);
addLabels({ laep: 'lieu d accueil enfants parents' });
addLabels(ACCESS_MODE_LABELS);
addLabels(PUBLIC_LABELS);
addLabels(FEE_KIND_LABELS);
addLabels({ 'bareme-national': 'bareme caf', 'non-precise': 'non precise' });
addLabels(FUNDER_LABELS);
addLabels(Object.fromEntries(SERVICE_STATUSES.map((status) => [status, status])));

/** A controlled value from what a person wrote: the value itself or its French label; unknown text is kept as written. */
export function vocabularyValue(text: string): string {
  return LABELS_TO_VALUES.get(foldText(text)) ?? text.trim();
}

/** Items of a list cell. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;\n]/)
    .map((item) => item.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}

/** The spreadsheet rows of one service (one per location), as `content:export` writes them. */
export function serviceToRows(service: ServiceData & { id: string }): SpreadsheetRow[] {
  const list = (values: readonly string[] | undefined) => (values ?? []).join(LIST_SEPARATOR);
  const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'oui' : 'non');
  const serviceCells = {
    Identifiant: service.id,
    Nom: service.name,
    Types: list(service.kinds),
    'Formes de soutien à la parentalité': list(service.parentingSupportFormats),
    Statut: service.status,
    Gestionnaire: service.organisation ?? '',
    Fédérations: list(service.federations),
    Résumé: service.summary,
    Description: service.description ?? '',
    Publics: list(service.publics),
    'Modes d’accès': list(service.access),
    Tarif: service.fees.kind,
    'Précisions sur le tarif': service.fees.details ?? '',
    Langues: list(service.languages),
    'Accessible en fauteuil roulant': yesNo(service.accessibility?.wheelchair),
    'Précisions sur l’accessibilité': service.accessibility?.details ?? '',
    Téléphone: service.contact.phone ?? '',
    'Site web': service.contact.website ?? '',
    Courriel: service.contact.email ?? '',
    'Courriel d’orientation': service.orientation?.email ?? '',
    'Accès acceptés pour l’orientation': list(service.orientation?.acceptedAccess),
    'Accord pour l’orientation : date': service.orientation?.consent.date ?? '',
    'Accord pour l’orientation : moyen': service.orientation?.consent.channel ?? '',
    'Accord pour l’orientation : donné par': service.orientation?.consent.confirmedBy ?? '',
    'Départements desservis': list(service.servedArea.departements),
    'Communes desservies': list(service.servedArea.communes),
    Financeurs: list(service.funding),
    Agrément: service.agrement ?? '',
    Sources: service.sources.map(formatSource).join('\n'),
    'Vérifié le': service.lastChecked,
  } satisfies Partial<SpreadsheetRow>;
  return service.locations.map((location) => ({
    ...serviceCells,
    'Nom du lieu': location.name ?? '',
    Adresse: location.address ?? '',
    'Code postal': location.postalCode ?? '',
    Commune: getCommune(location.communeCode)?.name ?? '',
    'Code INSEE': location.communeCode,
    Latitude: location.latitude === undefined ? '' : String(location.latitude),
    Longitude: location.longitude === undefined ? '' : String(location.longitude),
    Horaires: location.openingHours ?? '',
    'Précisions sur les horaires': location.openingHoursNote ?? '',
    'Adresse confidentielle': yesNo(location.confidential),
  }));
}

type Source = ServiceData['sources'][number];

/** "url | titre | date", the trailing parts only when present. */
export function formatSource(source: Source): string {
  const parts = [source.url ?? source.document ?? '', source.title ?? '', source.date ?? ''];
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(' | ');
}

/** The reverse of formatSource: an http(s) address is a url, anything else a document. */
export function parseSource(text: string): { url?: string; document?: string; title?: string; date?: string } {
  const [where = '', title = '', date = ''] = text.split('|').map((part) => part.trim());
  return {
    ...(/^https?:\/\//i.test(where) ? { url: where } : where ? { document: where } : {}),
    ...(title ? { title } : {}),
    ...(date ? { date: parseDate(date) } : {}),
  };
}

/** Sources of a cell: one per line, or separated by " ; ". */
export function splitSources(cell: string): string[] {
  return cell
    .split(/\n|\s;\s/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** "2026-11-23", "23/11/2026" or "23/11/26" as AAAA-MM-JJ; anything else unchanged, for the schema to report. */
export function parseDate(text: string): string {
  const trimmed = text.trim();
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(trimmed);
  if (french) {
    const year = french[3]!.length === 2 ? `20${french[3]}` : french[3];
    return `${year}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
  }
  return trimmed;
}

/** oui/non and their usual spellings; undefined for an empty cell, the text itself when unreadable. */
export function parseYesNo(text: string): boolean | string | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  if (['oui', 'o', 'x', 'vrai', 'true', '1', 'yes'].includes(folded)) return true;
  if (['non', 'n', 'faux', 'false', '0', 'no'].includes(folded)) return false;
  return text;
}

/** "50,291" or "50.291" as a number; the text itself when it is not one, for the schema to report. */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : trimmed;
}

/** Codes lose their leading zeros in a spreadsheet number cell ("1000" for "01000"): put them back. */
export function padCode(text: string, length: number): string {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && trimmed.length < length ? trimmed.padStart(length, '0') : trimmed;
}

/** A cell as a spreadsheet file holds it: CSV cells are text; XLSX and ODS cells may be typed. */
export type SheetCell = string | number | boolean | Date;

/** A French phone number whose leading 0 a number cell dropped: nine digits, the first not 0. */
const PHONE_WITHOUT_ZERO = /^[1-9]\d{8}$/;

/** "321000000" (a phone saved as a number) as "0321000000"; any other text unchanged. */
export function restorePhoneZero(text: string): string {
  const trimmed = text.trim();
  return PHONE_WITHOUT_ZERO.test(trimmed) ? `0${trimmed}` : text;
}

const isoDate = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

const ASK_FOR_TEXT = 'dans le tableur, mettez la colonne au format « Texte » puis retapez la valeur';

/**
 * The text of a cell for its column. A typed cell (number, date, true/false) becomes the text a
 * person would have typed, or a French message when that type cannot be right for the column.
 * Dates are calendar dates at local midnight, as the file reader gives them.
 */
export function cellText(
  col: SpreadsheetColumn,
  cell: SheetCell | null | undefined,
): { ok: true; text: string } | { ok: false; message: string } {
  if (cell === undefined || cell === null) return { ok: true, text: '' };
  if (typeof cell === 'string') return { ok: true, text: col.cell === 'phone' ? restorePhoneZero(cell) : cell };
  if (typeof cell === 'number') {
    if (col.cell === 'date') {
      return {
        ok: false,
        message: `La date est enregistrée comme un nombre (${cell}) : ${ASK_FOR_TEXT} sous la forme AAAA-MM-JJ (par exemple 2026-11-23), ou au format « Date ».`,
      };
    }
    if (col.cell === 'phone') {
      const digits = String(cell);
      if (Number.isInteger(cell) && PHONE_WITHOUT_ZERO.test(digits)) return { ok: true, text: `0${digits}` };
      if (Number.isInteger(cell) && /^33[1-9]\d{8}$/.test(digits)) return { ok: true, text: `+${digits}` };
      return {
        ok: false,
        message: `Le téléphone est enregistré comme un nombre (${cell}) qui n’est pas un numéro français : ${ASK_FOR_TEXT} (par exemple 03 21 00 00 00).`,
      };
    }
    if (col.cell === 'code' && !(Number.isInteger(cell) && cell >= 0)) {
      return {
        ok: false,
        message: `Le code est enregistré comme un nombre (${cell}) qui n’est pas un code : ${ASK_FOR_TEXT} (par exemple 62000).`,
      };
    }
    return { ok: true, text: String(cell) };
  }
  if (typeof cell === 'boolean') {
    if (col.cell === 'yes-no') return { ok: true, text: cell ? 'oui' : 'non' };
    return {
      ok: false,
      message: `La cellule contient la valeur logique ${cell ? 'VRAI' : 'FAUX'}, qui n’a pas de sens dans cette colonne : ${ASK_FOR_TEXT}.`,
    };
  }
  if (col.cell === 'date') return { ok: true, text: isoDate(cell) };
  // A spreadsheet turns "09:00" into a time of 30 December 1899, the day its clock starts.
  const what = cell.getFullYear() < 1901 ? `une heure (${cell.toTimeString().slice(0, 5)})` : `une date (${isoDate(cell)})`;
  return {
    ok: false,
    message: `Le tableur a transformé la cellule en ${what}, ce qui n’a pas de sens dans cette colonne : ${ASK_FOR_TEXT}.`,
  };
}
