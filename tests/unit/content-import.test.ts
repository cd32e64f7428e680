/**
 * content:import and content:export on fixture content written by each test in a temporary folder
 * (never content/): spreadsheets in CSV (UTF-8 or Windows-1252, comma or semicolon), XLSX and ODS,
 * typed cells, bad rows, updates in place that never wipe what the sheet does not carry, round trips.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import { planImport, readImportTable, type ExistingContent } from '../../src/lib/editing/service-import.ts';
import { serviceToRows, SPREADSHEET_COLUMNS, type SpreadsheetRow } from '../../src/lib/editing/spreadsheet-columns.ts';
import { toCsv } from '../../src/lib/exports/csv-format.ts';
import { loadContent, parseYaml } from '../../scripts/lib/content-files.ts';
import { readSpreadsheet } from '../../scripts/lib/spreadsheet-files.ts';
import { generateSyntheticServices } from '../../scripts/lib/synthetic-services.ts';

const root = resolve(import.meta.dirname, '../..');
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A content folder with one fixture organisation and the given services. */
function fixtureContent(services: readonly { id: string }[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-import-'));
  folders.push(dir);
  mkdirSync(join(dir, 'services'));
  mkdirSync(join(dir, 'organisations'));
  writeFileSync(
    join(dir, 'organisations', 'association-exemple.yaml'),
    stringify({
      name: 'Association exemple',
      kinds: ['operateur'],
      description: 'Association fictive pour les tests d’import.',
      sources: [{ url: 'https://exemple.test/' }],
      lastChecked: '2026-10-01',
    }),
  );
  for (const { id, ...service } of services) writeFileSync(join(dir, 'services', `${id}.yaml`), stringify(service, { version: '1.1' }));
  return dir;
}

/** No existing content: every row creates a service. */
const NO_CONTENT: ExistingContent = { services: [], organisations: [], readServiceFile: () => undefined };

const HEADER = [
  'Nom',
  'Types',
  'Gestionnaire',
  'Résumé',
  'Téléphone',
  'Code postal',
  'Commune',
  'Horaires',
  'Sources',
  'Vérifié le',
  'Remarques',
];
const GOOD_ROWS = [
  [
    'Espace rencontre des Tilleuls',
    'Espace de rencontre',
    'association-exemple',
    'Rencontres parents-enfants dans un lieu neutre, sur décision du juge.',
    '03 21 00 00 01',
    '62000',
    'Arras',
    'We,Sa 09:30-12:30',
    'https://exemple.test/tilleuls | Page du service',
    '23/11/2026',
    'note interne',
  ],
  [
    'Médiation familiale du Poitou',
    'mediation-familiale; soutien-parentalite',
    '',
    'Médiation familiale pour les parents séparés, à Poitiers.',
    '',
    '86000',
    'Poitiers',
    '',
    'https://exemple.test/poitou',
    '2026-11-20',
    '',
  ],
  // A postal code shared by several communes: the name chooses.
  [
    'LAEP de Dainville',
    'LAEP',
    '',
    'Lieu d’accueil enfants-parents ouvert aux moins de six ans.',
    '',
    '62000',
    'Dainville',
    '',
    'Rapport d’activité 2025',
    '2026-11-20',
    '',
  ],
];

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeCsv(dir: string, name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, toCsv(rows));
  return path;
}

/** Windows-1252 bytes, as Excel writes « CSV (séparateur : point-virgule) » on a French Windows. */
function windows1252(text: string): Buffer {
  const beyondLatin1: Record<string, number> = { '€': 0x80, '’': 0x92, œ: 0x9c, Œ: 0x8c };
  return Buffer.from(
    [...text].map((char) => {
      const code = char.codePointAt(0) as number;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      const byte = beyondLatin1[char];
      if (byte === undefined) throw new Error(`« ${char} » n’existe pas en Windows-1252`);
      return byte;
    }),
  );
}

/** An existing service with three places (one confidential, its address only in the file), as editors write it. */
const MULTI_PLACE = {
  id: 'relais-des-familles',
  name: 'Relais des familles',
  kinds: ['espace-rencontre', 'mediation-familiale'],
  status: 'actif',
  organisation: 'association-exemple',
  summary: 'Espace de rencontre et médiation familiale, sur trois lieux.',
  description: 'Premier paragraphe.\n\nSecond paragraphe.',
  publics: ['parents', 'enfants'],
  access: ['decision-jaf'],
  fees: { kind: 'bareme-national' },
  contact: { phone: '03 21 00 00 00', website: 'https://exemple.test/relais' },
  locations: [
    {
      name: 'Maison des familles',
      address: '3 rue des Lilas',
      postalCode: '62000',
      communeCode: '62041',
      openingHours: 'Mo-Fr 09:00-12:00',
    },
    { address: '12 impasse Secrète', postalCode: '59000', communeCode: '59350', confidential: true },
    { address: '1 place Publique', postalCode: '86000', communeCode: '86194', openingHours: 'We 14:00-17:00' },
  ],
  servedArea: { departements: ['62'] },
  funding: ['caf', 'justice'],
  agrement: 'Conventionné CAF',
  sources: [{ url: 'https://exemple.test/relais' }],
  lastChecked: '2026-10-01',
};

function serviceFiles(dir: string): string[] {
  return readdirSync(join(dir, 'services')).sort();
}

// Each test spawns the scripts: generous time, since a busy machine can be slow (speed is measured by benchmarks).
describe('content:import', { timeout: 120_000 }, () => {
  it('turns a CSV spreadsheet into valid service files, communes resolved from postal code and name', () => {
    const content = fixtureContent();
    const csv = writeCsv(content, 'tableur.csv', [HEADER, ...GOOD_ROWS]);
    const result = run('content-import.ts', [csv, '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/ligne 1, colonne « Remarques » : Colonne « Remarques » inconnue : elle est ignorée/);
    expect(result.stdout).toMatch(/3 création\(s\)/);
    expect(serviceFiles(content)).toEqual([
      'espace-rencontre-des-tilleuls-arras.yaml',
      'laep-de-dainville.yaml',
      'mediation-familiale-du-poitou-poitiers.yaml',
    ]);

    const loaded = loadContent(content, new Date('2026-11-25'));
    expect(loaded.problems).toEqual([]);
    const byId = new Map(loaded.services.map((s) => [s.id, s]));
    const tilleuls = byId.get('espace-rencontre-des-tilleuls-arras');
    expect(tilleuls?.locations[0]).toMatchObject({ postalCode: '62000', communeCode: '62041', openingHours: 'We,Sa 09:30-12:30' });
    expect(tilleuls).toMatchObject({
      kinds: ['espace-rencontre'],
      status: 'actif',
      organisation: 'association-exemple',
      lastChecked: '2026-11-23',
    });
    expect(tilleuls?.sources).toEqual([{ url: 'https://exemple.test/tilleuls', title: 'Page du service' }]);
    expect(byId.get('laep-de-dainville')?.locations[0]?.communeCode).toBe('62263');
    expect(byId.get('laep-de-dainville')).toMatchObject({
      kinds: ['soutien-parentalite'],
      sources: [{ document: 'Rapport d’activité 2025' }],
    });
    expect(byId.get('mediation-familiale-du-poitou-poitiers')?.kinds).toEqual(['mediation-familiale', 'soutien-parentalite']);
    // The file is written the way editors write it: codes quoted, no empty field.
    const text = readFileSync(join(content, 'services', 'espace-rencontre-des-tilleuls-arras.yaml'), 'utf8');
    expect(text).toContain('postalCode: "62000"');
    expect(text).not.toMatch(/: ""|: \[\]|\{\}/);
  });

  it('reads the same sheet from XLSX and ODS files', () => {
    for (const bookType of ['xlsx', 'ods'] as const) {
      const content = fixtureContent();
      const workbook = XLSX.utils.book_new();
      // Postal codes typed as numbers, as spreadsheet programs store them.
      const rows = [HEADER, ...GOOD_ROWS.map((row) => row.map((cell, i) => (HEADER[i] === 'Code postal' ? Number(cell) : cell)))];
      XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Services');
      const path = join(content, `tableur.${bookType}`);
      writeFileSync(path, XLSX.write(workbook, { type: 'buffer', bookType }) as Buffer);
      const sheet = readSpreadsheet(path);
      expect(sheet.header).toEqual(HEADER);
      const result = run('content-import.ts', [path, '--content', content]);
      expect(result.status, `${bookType}: ${result.stderr}`).toBe(0);
      expect(serviceFiles(content)).toHaveLength(3);
      expect(loadContent(content, new Date('2026-11-25')).problems).toEqual([]);
    }
  });

  it('reports a bad row with its line and a French reason, and writes nothing at all', () => {
    const content = fixtureContent();
    const bad = [...GOOD_ROWS];
    bad.splice(1, 0, [
      'Service sans commune connue',
      'espace-rencontre',
      '',
      'Un résumé suffisamment long pour le schéma.',
      '01 02',
      '99999',
      'Nulle-Part',
      '',
      'https://exemple.test/x',
      '2026-11-20',
      '',
    ]);
    bad.push([
      'Service au mauvais téléphone',
      'espace-rencontre',
      '',
      'Un résumé suffisamment long pour le schéma.',
      '01 02',
      '62000',
      'Arras',
      '',
      'https://exemple.test/y',
      '2026-11-20',
      '',
    ]);
    const csv = writeCsv(content, 'tableur.csv', [HEADER, ...bad]);
    const result = run('content-import.ts', [csv, '--content', content]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Erreur : ligne 3, colonne « Commune » : Le code postal "99999" ne correspond à aucune commune');
    expect(result.stderr).toMatch(
      /Erreur : ligne 6, colonne « Téléphone » : Le numéro "01 02" n’est pas un numéro de téléphone français valide/,
    );
    expect(result.stderr).toContain('aucun fichier n’a été écrit');
    expect(serviceFiles(content)).toEqual([]);
  });

  it('--dry-run reports what would be created and writes nothing', () => {
    const content = fixtureContent();
    const csv = writeCsv(content, 'tableur.csv', [HEADER, ...GOOD_ROWS]);
    const result = run('content-import.ts', [csv, '--dry-run', '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Création : laep-de-dainville (ligne 4)');
    expect(result.stdout).toContain('aucun fichier n’a été écrit');
    expect(serviceFiles(content)).toEqual([]);
  });

  it('updates an existing entry in place, matched by name and commune, keeping its comments, and says what changed', () => {
    const content = fixtureContent();
    writeCsv(content, 'first.csv', [HEADER, ...GOOD_ROWS]);
    expect(run('content-import.ts', [join(content, 'first.csv'), '--content', content]).status).toBe(0);
    const path = join(content, 'services', 'espace-rencontre-des-tilleuls-arras.yaml');
    writeFileSync(path, `# Fiche relue par la fédération.\n${readFileSync(path, 'utf8')}`);
    const changed = GOOD_ROWS.map((row) => [...row]);
    (changed[0] as string[])[4] = '03 21 99 99 99';
    const csv = writeCsv(content, 'second.csv', [HEADER, ...changed]);
    const result = run('content-import.ts', [csv, '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Modification : espace-rencontre-des-tilleuls-arras (ligne 2) : coordonnées : « phone : 03 21 00 00 01 » → « phone : 03 21 99 99 99 »',
    );
    expect(result.stdout).toMatch(/0 création\(s\), 1 modification\(s\), 2 inchangé\(s\)/);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# Fiche relue par la fédération.')).toBe(true);
    expect(
      loadContent(content, new Date('2026-11-25')).services.find((s) => s.id === 'espace-rencontre-des-tilleuls-arras')?.contact.phone,
    ).toBe('03 21 99 99 99');
  });

  it('reads a semicolon-separated CSV in Windows-1252, as Excel saves it on a French Windows', () => {
    const content = fixtureContent();
    const quote = (cell: string) => (/[;"\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
    const text = [HEADER, ...GOOD_ROWS].map((row) => row.map(quote).join(';')).join('\r\n');
    const path = join(content, 'tableur.csv');
    writeFileSync(path, windows1252(text));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path))).toThrow();
    const result = run('content-import.ts', [path, '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/3 création\(s\)/);
    const byId = new Map(loadContent(content, new Date('2026-11-25')).services.map((s) => [s.id, s]));
    expect(byId.get('mediation-familiale-du-poitou-poitiers')).toMatchObject({
      name: 'Médiation familiale du Poitou',
      kinds: ['mediation-familiale', 'soutien-parentalite'],
    });
    expect(byId.get('laep-de-dainville')?.sources).toEqual([{ document: 'Rapport d’activité 2025' }]);
    expect(byId.get('espace-rencontre-des-tilleuls-arras')?.summary).toBe(
      'Rencontres parents-enfants dans un lieu neutre, sur décision du juge.',
    );
  });

  it('shows a progress line while it checks a large file (500 rows or more)', () => {
    const content = fixtureContent();
    const services = generateSyntheticServices(500, 7).map(({ id, ...input }) => ({ ...serviceSchema.parse(input), id }));
    const header = SPREADSHEET_COLUMNS.map((c) => c.header);
    const rows = services.flatMap((service) => serviceToRows(service).map((row) => header.map((h) => row[h])));
    const csv = writeCsv(content, 'gros.csv', [header, ...rows]);
    const result = run('content-import.ts', [csv, '--dry-run', '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`\rVérification : 0/500 services (${rows.length} lignes)`);
    expect(result.stderr).toContain(`\rVérification : 200/500 services (${rows.length} lignes)`);
    expect(result.stderr).toContain(`\rVérification : 500/500 services (${rows.length} lignes)\n`);
    expect(result.stdout).toMatch(/500 création\(s\)/);
  });

  it('a narrow sheet updates the one field it carries and leaves the rest of the file as it was', () => {
    const content = fixtureContent([MULTI_PLACE]);
    const path = join(content, 'services', 'relais-des-familles.yaml');
    const before = readFileSync(path, 'utf8');
    const servicesBefore = loadContent(content, new Date('2026-11-25')).services;
    const csv = writeCsv(content, 'etroit.csv', [
      ['Identifiant', 'Téléphone'],
      ['relais-des-familles', '03 21 99 99 99'],
    ]);
    const result = run('content-import.ts', [csv, '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Modification : relais-des-familles (ligne 2) : coordonnées : « phone : 03 21 00 00 00, website : https://exemple.test/relais » → « phone : 03 21 99 99 99, website : https://exemple.test/relais »',
    );
    expect(readFileSync(path, 'utf8')).toBe(before.replace('03 21 00 00 00', '03 21 99 99 99'));
    const [after] = loadContent(content, new Date('2026-11-25')).services;
    expect(after).toEqual({ ...servicesBefore[0], contact: { phone: '03 21 99 99 99', website: 'https://exemple.test/relais' } });
  });

  it('one row for a service of three places updates that place, keeps the two others and says how to remove a place', () => {
    const content = fixtureContent([MULTI_PLACE]);
    const path = join(content, 'services', 'relais-des-familles.yaml');
    const placesBefore = loadContent(content, new Date('2026-11-25')).services[0]?.locations ?? [];
    const csv = writeCsv(content, 'un-lieu.csv', [
      ['Identifiant', 'Adresse', 'Code postal', 'Commune', 'Horaires'],
      ['relais-des-familles', '1 place Publique', '86000', 'Poitiers', 'We 14:00-18:00'],
    ]);
    const dryRun = run('content-import.ts', [csv, '--dry-run', '--content', content]);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain(
      'Modification : relais-des-familles (ligne 2) : lieux : Poitiers, 1 place Publique : horaires « We 14:00-17:00 » → « We 14:00-18:00 »',
    );
    expect(dryRun.stderr).toContain(
      'Avertissement : ligne 2 : 2 lieu(x) de relais-des-familles ne figure(nt) pas dans le tableur et sont gardés tels quels : Arras, 3 rue des Lilas ; Lille. ' +
        'L’import ne supprime jamais un lieu : pour en retirer un, supprimez-le de content/services/relais-des-familles.yaml (ou dans l’éditeur web).',
    );
    const result = run('content-import.ts', [csv, '--content', content]);
    expect(result.status, result.stderr).toBe(0);
    const placesAfter = loadContent(content, new Date('2026-11-25')).services[0]?.locations ?? [];
    expect(placesAfter).toEqual([placesBefore[0], placesBefore[1], { ...placesBefore[2], openingHours: 'We 14:00-18:00' }]);
    // The protected place's address stays in the file, which the site never publishes.
    expect(readFileSync(path, 'utf8')).toContain('12 impasse Secrète');
  });

  it('export then import is a round trip that changes nothing, in CSV and in XLSX', () => {
    const synthetic = generateSyntheticServices(40, 11);
    // Every field the columns carry, on one service with two places (one confidential).
    const full = {
      ...synthetic[0],
      id: 'service-complet',
      parentingSupportFormats: ['laep'],
      kinds: ['soutien-parentalite', 'espace-rencontre'],
      organisation: 'association-exemple',
      description: 'Premier paragraphe, avec des « guillemets », une virgule ; un point-virgule.\n\nSecond paragraphe.',
      fees: { kind: 'payant', details: '5 € par séance' },
      languages: ['fr', 'ar'],
      accessibility: { wheelchair: true, details: 'Rampe d’accès' },
      contact: { phone: '03 21 00 00 00', email: 'contact@exemple.test', website: 'https://exemple.test/complet' },
      orientation: {
        email: 'orientation@exemple.test',
        acceptedAccess: ['demarche-spontanee'],
        consent: { date: '2026-10-01', channel: 'lien-confirme', confirmedBy: 'orientation@exemple.test' },
      },
      locations: [
        {
          name: 'Maison des familles',
          address: '3 rue des Lilas',
          postalCode: '62000',
          communeCode: '62041',
          latitude: 50.29,
          longitude: 2.78,
          openingHours: 'Mo-Fr 09:00-12:00',
          openingHoursNote: 'Sur rendez-vous',
        },
        { postalCode: '59000', communeCode: '59350', confidential: true },
        // No source gives its postal code: the import must not deduce Lens's only one.
        { communeCode: '62498' },
      ],
      servedArea: { departements: ['62', '59'], communes: ['62041'] },
      funding: ['caf'],
      agrement: 'Conventionné CAF',
      sources: [
        { url: 'https://exemple.test/a', title: 'Titre avec virgule, et point', date: '2025-01-02' },
        { document: 'Convention 2025' },
      ],
    };
    const content = fixtureContent([...synthetic, full]);
    const before = Object.fromEntries(serviceFiles(content).map((name) => [name, readFileSync(join(content, 'services', name), 'utf8')]));
    for (const format of ['csv', 'xlsx']) {
      const out = join(content, `export.${format}`);
      const exported = run('content-export.ts', ['--format', format, '--out', out, '--content', content]);
      expect(exported.status, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/41 service\(s\)/);
      const imported = run('content-import.ts', [out, '--content', content]);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/0 création\(s\), 0 modification\(s\), 41 inchangé\(s\)/);
      const after = Object.fromEntries(serviceFiles(content).map((name) => [name, readFileSync(join(content, 'services', name), 'utf8')]));
      expect(after).toEqual(before);
    }
  });
});

describe('planImport', () => {
  const header = SPREADSHEET_COLUMNS.map((c) => c.header);
  const row = (values: Partial<Record<string, string>>) => header.map((h) => values[h] ?? '');
  const base = {
    Nom: 'Lieu d’accueil test',
    Types: 'soutien-parentalite',
    Résumé: 'Un résumé suffisamment long pour le schéma.',
    Sources: 'https://exemple.test',
    'Vérifié le': '2026-11-20',
  };

  it('groups rows with the same identifiant into one service with several places', () => {
    const table = readImportTable(header, [
      row({ ...base, Identifiant: 'deux-lieux', 'Code postal': '62000', Commune: 'Arras' }),
      row({ Identifiant: 'deux-lieux', 'Code postal': '86000', Commune: 'Poitiers' }),
    ]);
    const plan = planImport(table, NO_CONTENT, new Date('2026-11-25'));
    expect(plan.problems).toEqual([]);
    expect(plan.entries).toHaveLength(1);
    expect(plan.entries[0]?.lines).toEqual([2, 3]);
    expect(plan.entries[0]?.data.locations.map((l) => l.communeCode)).toEqual(['62041', '86194']);
  });

  it('refuses two rows of one service that disagree on a service column', () => {
    const table = readImportTable(header, [
      row({ ...base, Identifiant: 'deux-lieux', 'Code postal': '62000', Commune: 'Arras' }),
      row({ Identifiant: 'deux-lieux', Nom: 'Autre nom', 'Code postal': '86000', Commune: 'Poitiers' }),
    ]);
    const plan = planImport(table, NO_CONTENT, new Date('2026-11-25'));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'Nom',
        severity: 'erreur',
        message: expect.stringMatching(/diffère de la ligne 2 pour le même service/),
      }),
    ]);
  });

  it('needs no postal code for a commune named without ambiguity that has several (no source gives one)', () => {
    const plan = planImport(readImportTable(header, [row({ ...base, Commune: 'Toulouse' })]), NO_CONTENT, new Date('2026-11-25'));
    expect(plan.problems).toEqual([]);
    expect(plan.entries[0]?.input.locations).toEqual([{ communeCode: '31555' }]);
  });

  it('says which communes share a postal code when the name is missing', () => {
    const plan = planImport(readImportTable(header, [row({ ...base, 'Code postal': '62000' })]), NO_CONTENT, new Date('2026-11-25'));
    expect(plan.problems[0]).toMatchObject({
      line: 2,
      column: 'Commune',
      message: expect.stringContaining('plusieurs communes (Arras (62041), Dainville (62263))'),
    });
  });

  it('reports a reference to an unknown organisation on the row, as content:check would', () => {
    const plan = planImport(
      readImportTable(header, [row({ ...base, Gestionnaire: 'inconnue', 'Code postal': '62000', Commune: 'Arras' })]),
      NO_CONTENT,
      new Date('2026-11-25'),
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'Gestionnaire',
        message: expect.stringContaining('L’organisation « inconnue » n’existe pas'),
      }),
    ]);
  });

  it('reports on line 1 the columns a new service needs, and which rows would create one', () => {
    const plan = planImport(
      readImportTable(['Nom', 'Code postal', 'Commune'], [['Un service nouveau', '62000', 'Arras']]),
      NO_CONTENT,
      new Date('2026-11-25'),
    );
    expect(plan.entries).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'erreur',
        message: expect.stringMatching(
          /^Pour créer un service, le tableur doit avoir les colonnes « Types », « Résumé », « Sources », « Vérifié le », qui manquent\. .* : 2\.$/,
        ),
      }),
    ]);
  });

  it('refuses a sheet that can tie no row to a service', () => {
    expect(readImportTable(['Téléphone', 'Horaires'], [['03 21 00 00 00', 'Mo 09:00-12:00']]).problems).toEqual([
      expect.objectContaining({
        line: 1,
        severity: 'erreur',
        message: expect.stringContaining('la colonne « Identifiant », ou les colonnes « Nom » et « Code postal »'),
      }),
    ]);
  });
});

describe('planImport on existing services', () => {
  const header = SPREADSHEET_COLUMNS.map((c) => c.header);
  const today = new Date('2026-11-25');
  const { id, ...file } = MULTI_PLACE;
  const existing: ExistingContent = {
    services: [{ ...serviceSchema.parse(file), id }],
    organisations: [
      {
        id: 'association-exemple',
        name: 'Association exemple',
        kinds: ['operateur'],
        description: 'Association fictive pour les tests d’import.',
        sources: [{ url: 'https://exemple.test/' }],
        lastChecked: '2026-10-01',
      },
    ],
    readServiceFile: (wanted) => (wanted === id ? parseYaml(stringify(file, { version: '1.1' })) : undefined),
  };
  const exported = serviceToRows(existing.services[0] as Service);
  const sheet = (rows: readonly SpreadsheetRow[]) =>
    readImportTable(
      header,
      rows.map((row) => header.map((h) => row[h])),
    );

  it('matches by the Identifiant column, whatever the name and commune say', () => {
    const renamed = exported.map((row) => ({ ...row, Nom: 'Relais des familles du Nord' }));
    const plan = planImport(sheet(renamed), existing, today);
    expect(plan.problems).toEqual([]);
    expect(plan.entries).toMatchObject([
      { id, action: 'modification', changes: [{ field: 'name', before: 'Relais des familles', after: 'Relais des familles du Nord' }] },
    ]);
    // Without the identifiant, a new name in the same communes is a new service.
    const withoutId = planImport(sheet(renamed.map((row) => ({ ...row, Identifiant: '' }))), existing, today);
    expect(withoutId.entries.map((e) => e.action)).toEqual(['création', 'création', 'création']);
  });

  it('an empty cell in a column of the sheet clears its field; a confidential place keeps its address, which no export shows', () => {
    const rows = exported.map((row, index) => ({
      ...row,
      'Site web': '',
      Description: '',
      Horaires: index === 0 ? 'Mo-Fr 10:00-12:00' : row.Horaires,
    }));
    const plan = planImport(sheet(rows), existing, today);
    expect(plan.problems).toEqual([]);
    const [entry] = plan.entries;
    expect(entry?.changes.map((c) => c.field)).toEqual(['description', 'contact', 'locations']);
    expect(entry?.data.contact).toEqual({ phone: '03 21 00 00 00' });
    expect(entry?.data.description).toBeUndefined();
    expect(entry?.input.locations[1]).toEqual({
      address: '12 impasse Secrète',
      postalCode: '59000',
      communeCode: '59350',
      confidential: true,
    });
    expect(entry?.input.locations[0]).toMatchObject({
      openingHours: 'Mo-Fr 10:00-12:00',
      address: '3 rue des Lilas',
      name: 'Maison des familles',
    });
  });

  it('an exported sheet imported unchanged changes nothing and keeps every place', () => {
    const plan = planImport(sheet(exported), existing, today);
    expect(plan.problems).toEqual([]);
    expect(plan.entries).toMatchObject([{ id, action: 'inchangé', changes: [] }]);
  });
});

describe('typed cells of XLSX files', () => {
  const header = ['Nom', 'Types', 'Résumé', 'Téléphone', 'Code postal', 'Code INSEE', 'Horaires', 'Sources', 'Vérifié le'];
  const summary = 'Rencontres parents-enfants dans un lieu neutre, à Bourg-en-Bresse.';

  function writeXlsxFile(rows: unknown[][]): string {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-xlsx-'));
    folders.push(dir);
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'Services');
    const path = join(dir, 'tableur.xlsx');
    writeFileSync(path, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    return path;
  }

  it('puts back the leading zeros of phones and codes typed as numbers, and reads date cells', () => {
    const path = writeXlsxFile([
      header,
      [
        'Espace de l’Ain',
        'espace-rencontre',
        summary,
        474000000,
        1000,
        1053,
        'Sa 09:00-12:00',
        'https://exemple.test/ain',
        new Date(2026, 10, 20),
      ],
    ]);
    const sheet = readSpreadsheet(path);
    expect(sheet.rows[0]?.slice(3, 6)).toEqual([474000000, 1000, 1053]);
    const plan = planImport(readImportTable(sheet.header, sheet.rows, sheet.firstDataLine), NO_CONTENT, new Date('2026-11-25'));
    expect(plan.problems).toEqual([]);
    expect(plan.entries[0]?.data).toMatchObject({
      contact: { phone: '0474000000' },
      locations: [{ postalCode: '01000', communeCode: '01053' }],
      lastChecked: '2026-11-20',
    });
  });

  it('says in French which cell a spreadsheet typed wrongly, and how to fix it', () => {
    const path = writeXlsxFile([
      header,
      [
        'Espace de l’Ain',
        'espace-rencontre',
        summary,
        12345,
        1000.5,
        1053,
        new Date(1899, 11, 30, 9, 0),
        'https://exemple.test/ain',
        46346,
      ],
    ]);
    const sheet = readSpreadsheet(path);
    const plan = planImport(readImportTable(sheet.header, sheet.rows, sheet.firstDataLine), NO_CONTENT, new Date('2026-11-25'));
    expect(plan.entries).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'Téléphone',
        message: expect.stringMatching(
          /^Le téléphone est enregistré comme un nombre \(12345\) qui n’est pas un numéro français : dans le tableur, mettez la colonne au format « Texte »/,
        ),
      }),
      expect.objectContaining({
        line: 2,
        column: 'Code postal',
        message: expect.stringContaining('Le code est enregistré comme un nombre (1000.5)'),
      }),
      expect.objectContaining({
        line: 2,
        column: 'Horaires',
        message: expect.stringContaining('Le tableur a transformé la cellule en une heure'),
      }),
      expect.objectContaining({
        line: 2,
        column: 'Vérifié le',
        message: expect.stringContaining('La date est enregistrée comme un nombre (46346)'),
      }),
    ]);
  });
});
