/**
 * content:import --from data-inclusion, data-inclusion-api and hsds on the fixtures of
 * tests/fixtures/hub-import (never content/): records that pass the published schemas, kinds read with
 * their reason, a known service turned into a correction, suspended and off-topic records set aside,
 * private emails and contact names never taken, Passerelle's own exports read back as no change, the
 * review folder checked by content:check, and the hub's API answered by a local stand-in (429, pages).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataInclusionServices, dataInclusionStructures } from '../../src/lib/exports/data-inclusion.ts';
import { HSDS_OBJECT, hsdsTables, type HsdsTable } from '../../src/lib/exports/hsds.ts';
import {
  planHubImport,
  splitDescription,
  type Candidate,
  type Correction,
  type HubOutcome,
  type SetAside,
} from '../../src/lib/import/hub-import.ts';
import { readKinds } from '../../src/lib/import/hub-kinds.ts';
import { readDataInclusion, readHsds, type HsdsRows } from '../../src/lib/import/hub-record.ts';
import { buildHubImportReport, formatHubImportReport } from '../../src/lib/import/hub-report.ts';
import { loadContent, parseYaml } from '../../scripts/lib/content-files.ts';
import { readServiceFile } from '../../scripts/lib/content-writer.ts';
import { readDataInclusionFile } from '../../scripts/lib/hub-sources.ts';
import { toCsv } from '../../src/lib/exports/csv-format.ts';
import { schemaErrors } from '../support/open-data-validation.ts';
import { filesFromMessage } from '../../src/lib/contribution/contribution-email.ts';
import type { MailMessage } from '../../src/server/mail-transport.ts';
import { startForgeStandIn } from '../support/forge-stand-in.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures/hub-import');
const fixtureContent = join(fixtures, 'content');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(fixtures, path), 'utf8'));
const TODAY = new Date('2026-12-05T12:00:00Z');

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the fixture content in a temporary folder, with room for a-verifier/ beside it. */
function contentCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-hub-'));
  folders.push(dir);
  cpSync(fixtureContent, join(dir, 'content'), { recursive: true });
  return join(dir, 'content');
}

function existing(contentDir = fixtureContent) {
  const loaded = loadContent(contentDir, TODAY);
  return { ...loaded, readServiceFile: (id: string) => readServiceFile(contentDir, id) };
}

const byRecord = (outcomes: readonly HubOutcome[], id: string) => {
  const found = outcomes.filter((o) => o.record.id === id);
  expect(found, `une seule issue pour ${id}`).toHaveLength(1);
  return found[0] as HubOutcome;
};

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking this process (a stand-in server answers in it). */
function runAsync(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('fixtures', () => {
  it('data·inclusion records and structures pass the published v1 JSON Schemas', () => {
    expect(schemaErrors('data-inclusion', 'service', readJson('data-inclusion/services.json') as unknown[])).toEqual([]);
    expect(schemaErrors('data-inclusion', 'structure', readJson('data-inclusion/structures.json') as unknown[])).toEqual([]);
  });

  it('the HSDS folder passes the HSDS 3 object schemas, table by table', () => {
    for (const [table, object] of Object.entries(HSDS_OBJECT) as [HsdsTable, string][]) {
      expect(schemaErrors('hsds', object, readJson(`hsds/${table}.json`) as unknown[]), table).toEqual([]);
    }
  });

  it('the records copied from the hub’s published API answer carry no contact person’s name', () => {
    const answer = readFileSync(join(fixtures, 'data-inclusion/reponse-api-v0.json'), 'utf8');
    for (const item of (JSON.parse(answer) as { items: { service: Record<string, unknown> }[] }).items) {
      if (item.service.source === 'dora' && !String(item.service.id).startsWith('dora--'))
        expect(item.service.contact_nom_prenom).toBeNull();
    }
  });
});

describe('kinds and their reasons', () => {
  it('reads a kind in the name, with the name as reason', () => {
    const reading = readKinds({ name: 'Espace rencontre parents-enfants', thematiques: [] });
    expect(reading.kinds).toEqual([{ kind: 'espace-rencontre', reason: 'nom : « Espace rencontre parents-enfants »' }]);
    expect(reading.relevant).toBe(true);
  });

  it('quotes the description as written, after the family thématique', () => {
    const reading = readKinds({
      name: 'Accompagnement des parents séparés',
      description: 'Nous proposons une Médiation Familiale sur rendez-vous.',
      thematiques: ['famille--surmonter-conflits-separation-violence'],
    });
    expect(reading.kinds).toEqual([
      {
        kind: 'mediation-familiale',
        reason: 'thématique famille--surmonter-conflits-separation-violence et description « Médiation Familiale »',
      },
    ]);
  });

  it('takes a v0 thématique for its v1 name, and says so', () => {
    const reading = readKinds({ name: 'Permanence des parents', thematiques: ['famille--soutien-a-la-parentalite'] });
    expect(reading.kinds).toEqual([
      {
        kind: 'soutien-parentalite',
        reason: 'thématique famille--soutien-a-la-parentalite (v0, aujourd’hui famille--soutien-a-la-parentalite-et-a-leducation)',
      },
    ]);
  });

  it('a thématique shared by three kinds names none of them alone', () => {
    const reading = readKinds({ name: 'Aide aux victimes', thematiques: ['famille--surmonter-conflits-separation-violence'] });
    expect(reading).toMatchObject({ relevant: true, kinds: [] });
  });

  it('a record about something else is not relevant', () => {
    expect(
      readKinds({
        name: 'Atelier CV',
        description: 'Écrire son CV.',
        thematiques: ['preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation'],
      }).relevant,
    ).toBe(false);
  });
});

describe('splitting a description into summary and description, word for word', () => {
  it('keeps the first paragraph as the summary when it fits', () => {
    expect(splitDescription({ description: 'Un premier paragraphe assez long pour un résumé.\n\nLa suite.' })).toEqual({
      summary: 'Un premier paragraphe assez long pour un résumé.',
      description: 'La suite.',
    });
  });

  it('takes whole sentences for a long single paragraph and keeps the whole text as description', () => {
    const text = `${'Une phrase de présentation du service. '.repeat(6)}${'Une autre phrase plus loin dans le texte. '.repeat(6)}`.trim();
    const split = splitDescription({ description: text });
    expect(split.description).toBe(text);
    expect(text.startsWith(split.summary ?? '-')).toBe(true);
    expect(split.summary?.length).toBeLessThanOrEqual(300);
    expect(split.summary?.endsWith('.')).toBe(true);
  });
});

describe('planning a data·inclusion import on the fixtures', () => {
  const records = readDataInclusion(readJson('data-inclusion/services.json'), readJson('data-inclusion/structures.json')).records;
  const outcomes = planHubImport(records, existing(), { today: TODAY });

  it('a LAEP from DORA becomes a candidate with its reason, provenance and date', () => {
    const laep = byRecord(outcomes, 'dora--laep-les-petits-pas-lens') as Candidate;
    expect(laep.action).toBe('candidat');
    expect(laep.departement).toBe('62');
    expect(laep.kinds).toEqual([{ kind: 'soutien-parentalite', reason: 'nom : « Lieu d’accueil enfants-parents Les Petits Pas »' }]);
    expect(laep.data.parentingSupportFormats).toEqual(['laep']);
    expect(laep.data.sources).toEqual([
      {
        url: 'https://dora.inclusion.beta.gouv.fr/services/laep-les-petits-pas-exemple',
        title: 'data·inclusion (dora), identifiant dora--laep-les-petits-pas-lens',
        date: '2026-10-12',
      },
    ]);
    expect(laep.data.lastChecked).toBe('2026-10-12');
    expect(laep.data.locations).toEqual([
      {
        address: '12 rue des Jeux',
        postalCode: '62300',
        communeCode: '62498',
        latitude: 50.4321,
        longitude: 2.8254,
        openingHours: 'Tu,Th 09:00-11:30',
        confidential: false,
      },
    ]);
    expect(laep.data.contact).toEqual({ phone: '0321000020', email: 'laep@petitspas.exemple.test' });
    expect(laep.data.fees).toEqual({ kind: 'gratuit' });
    // The record's text, split, never rewritten.
    expect(`${laep.data.summary}\n\n${laep.data.description}`).toBe(
      (records.find((r) => r.id === laep.record.id) as { description: string }).description,
    );
    expect(JSON.stringify(laep.input)).not.toContain('Nom-Fictif');
  });

  it('a médiation familiale Passerelle already has becomes a correction of its file, field by field', () => {
    const correction = byRecord(outcomes, 'soliguide--mediation-familiale-arras') as Correction;
    expect(correction.action).toBe('correction');
    expect(correction.service.id).toBe('mediation-familiale-arras');
    expect(correction.match).toBe('même téléphone, même commune');
    expect(correction.changes.map((c) => c.field)).toEqual(['name', 'summary', 'description', 'locations', 'sources', 'lastChecked']);
    // Same phone written another way, same fees in the exporter's words: not changes.
    expect(correction.input.contact).toEqual({ phone: '03 21 00 00 10', website: 'https://mediation-arras.exemple.test/' });
    expect(correction.input.fees).toEqual({ kind: 'bareme-national' });
    expect(correction.input.locations[0]?.openingHours).toBe('Mo-Fr 09:00-12:00,14:00-17:00');
    expect(correction.input.lastChecked).toBe('2026-11-20');
    expect(outcomes.filter((o) => o.action === 'candidat' && o.record.name.includes('médiation familiale'))).toEqual([]);
  });

  it('a suspended service, a record about something else and a family record naming no kind are set aside, with why', () => {
    expect(byRecord(outcomes, 'dora--espace-rencontre-calais')).toMatchObject({
      action: 'écarté',
      reason: 'suspendu',
      detail: 'suspendu depuis le 2025-01-31',
    });
    expect(byRecord(outcomes, 'dora--atelier-cv-bethune')).toMatchObject({ action: 'écarté', reason: 'hors-sujet' });
    expect(byRecord(outcomes, 'soliguide--aide-victimes-arras')).toMatchObject({ action: 'écarté', reason: 'sans-type' });
  });

  it('an email the producer says is not public is never taken', () => {
    const bethune = byRecord(outcomes, 'soliguide--espace-rencontre-bethune') as Candidate;
    expect(bethune.action).toBe('candidat');
    expect(bethune.data.contact).toEqual({ phone: '03 21 00 00 40' });
    expect(JSON.stringify(bethune.input)).not.toContain('@');
  });

  it('a kind named in the description alone is kept with that reason, and a kind from a thématique alone too', () => {
    expect((byRecord(outcomes, 'dora--mediateurs-quartier-calais') as Candidate).kinds).toEqual([
      { kind: 'mediation-sociale', reason: 'description « médiateurs sociaux »' },
    ]);
    expect((byRecord(outcomes, 'dora--cafe-des-parents-lens') as Candidate).kinds).toEqual([
      { kind: 'soutien-parentalite', reason: 'thématique famille--soutien-a-la-parentalite-et-a-leducation' },
    ]);
  });

  it('the report counts per département and kind, and says why records were set aside', () => {
    const report = buildHubImportReport(outcomes);
    expect(report.totals).toEqual({ candidats: 4, corrections: 1, inchangés: 0, écartés: 3 });
    const pasDeCalais = report.departements.find((d) => d.code === '62');
    expect(pasDeCalais?.kinds['soutien-parentalite']).toEqual({ candidats: 2, corrections: 0, inchangés: 0, écartés: 0 });
    expect(pasDeCalais?.kinds['mediation-familiale']).toEqual({ candidats: 0, corrections: 1, inchangés: 0, écartés: 0 });
    expect(pasDeCalais?.setAside).toEqual({ suspendu: 1, 'hors-sujet': 1, 'sans-type': 1 });
    expect(formatHubImportReport(report)).toContain(
      '- Écartés : 1 service suspendu ; 1 ni thématique famille ni type de Passerelle nommé ; 1 aucun type de Passerelle plausible',
    );
  });

  it('two records of one service in the same import give one candidate; the other is set aside', () => {
    const laep = records.find((r) => r.id === 'dora--laep-les-petits-pas-lens');
    const { phone: _phone, ...withoutPhone } = laep!;
    const twice = planHubImport([laep!, { ...withoutPhone, source: 'soliguide', id: 'soliguide--laep-lens' }], existing(), {
      today: TODAY,
    });
    expect(twice.map((o) => o.action)).toEqual(['candidat', 'écarté']);
    expect((twice[1] as SetAside).detail).toContain(
      'même nom, même commune que le candidat lieu-d-accueil-enfants-parents-les-petits-pas-lens',
    );
  });

  it('--departement keeps only that département', () => {
    const other = planHubImport(records, existing(), { today: TODAY, departement: '59' });
    expect(new Set(other.map((o) => (o as SetAside).reason))).toEqual(new Set(['hors-departement']));
    const report = buildHubImportReport(other);
    expect(report).toMatchObject({ records: 8, otherDepartements: 8, departements: [] });
    expect(formatHubImportReport(report)).toContain('(et 8 d’autres départements, laissées de côté)');
  });
});

describe('a data·inclusion CSV file', () => {
  it('reads lists written as JSON, as {a,b} or plainly, numbers and false as text, with the structures file beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-hub-csv-'));
    folders.push(dir);
    const records = readJson('data-inclusion/services.json') as Record<string, unknown>[];
    const columns = [
      'source',
      'structure_id',
      'id',
      'nom',
      'description',
      'date_maj',
      'thematiques',
      'modes_accueil',
      'telephone',
      'courriel',
      'contact_public',
      'code_insee',
      'code_postal',
      'adresse',
      'latitude',
      'longitude',
      'horaires_accueil',
      'frais',
      'frais_precisions',
      'lien_source',
      'date_suspension',
      'commune',
    ];
    const cell = (record: Record<string, unknown>, column: string): string => {
      const value = record[column];
      if (column === 'thematiques') return JSON.stringify(value);
      if (column === 'modes_accueil') return `{${(value as string[]).join(',')}}`;
      return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    };
    writeFileSync(join(dir, 'services.csv'), toCsv([columns, ...records.map((r) => columns.map((c) => cell(r, c)))]));
    writeFileSync(
      join(dir, 'structures.csv'),
      toCsv([
        ['source', 'id', 'nom', 'date_maj'],
        ['dora', 'dora--les-petits-pas', 'Association Les Petits Pas (fictive)', '2026-10-12'],
      ]),
    );
    const fromCsv = readDataInclusionFile(join(dir, 'services.csv')).records;
    const fromJson = readDataInclusion(records).records;
    expect(fromCsv).toEqual(fromJson);
    expect(fromCsv.find((r) => r.id === 'soliguide--espace-rencontre-bethune')?.email).toBeUndefined();
  });
});

describe('records shaped like the hub’s published API answer (v0)', () => {
  const outcomes = planHubImport(readDataInclusion(readJson('data-inclusion/reponse-api-v0.json')).records, existing(), { today: TODAY });

  it('reads v0 thématiques, presentations and fees; takes the structure’s hours at the same address; never a private email', () => {
    const maison = byRecord(outcomes, 'dora--maison-des-familles-bethune-exemple') as Candidate;
    expect(maison.kinds[0]).toEqual({ kind: 'soutien-parentalite', reason: 'nom : « Maison des familles de Béthune »' });
    expect(maison.data.parentingSupportFormats).toEqual(['maison-des-parents', 'groupe-de-parole']);
    expect(maison.data.contact).toEqual({ phone: '03 21 00 00 60', website: 'https://maison-familles.exemple.test/' });
    expect(maison.data.locations[0]?.openingHours).toBe('Mo-Fr 09:00-17:00');
    expect(JSON.stringify(maison.input)).not.toMatch(/Nom-Fictif|direction\.personnelle/);
  });

  it('sets aside the suspended service and the one that is not about families', () => {
    expect(byRecord(outcomes, '4afd412e-5eec-4840-b457-9b169bfc1f31')).toMatchObject({
      action: 'écarté',
      reason: 'suspendu',
      departement: '75',
    });
    expect(byRecord(outcomes, '2d3ab936-7ee0-4c6d-9553-4ecaa030cc67')).toMatchObject({ action: 'écarté', reason: 'hors-sujet' });
  });
});

describe('HSDS 3', () => {
  const tables = Object.fromEntries(Object.keys(HSDS_OBJECT).map((t) => [t, readJson(`hsds/${t}.json`)])) as HsdsRows;
  const outcomes = planHubImport(readHsds(tables, 'annuaire-du-nord'), existing(), { today: TODAY });

  it('a service at a place becomes a candidate; its weekly schedules become opening hours', () => {
    const lille = outcomes.find((o) => o.action === 'candidat') as Candidate;
    expect(lille.id).toBe('espace-rencontre-parents-enfants-de-lille');
    expect(lille.departement).toBe('59');
    expect(lille.data.locations).toEqual([
      {
        address: '5 rue de l’Exemple',
        postalCode: '59000',
        communeCode: '59350',
        latitude: 50.6292,
        longitude: 3.0573,
        openingHours: 'We,Sa 09:30-12:30,14:00-18:00',
        confidential: false,
      },
    ]);
    expect(lille.data.contact).toEqual({ phone: '+33320000070', website: 'https://nord.exemple.test/espace-rencontre' });
    expect(lille.data.sources[0]).toEqual({
      document: 'Annuaire HSDS « annuaire-du-nord », identifiant 0d7e3c1a-2b4f-4c6d-8e9f-a0b1c2d3e4f5',
      title: 'Annuaire HSDS « annuaire-du-nord », identifiant 0d7e3c1a-2b4f-4c6d-8e9f-a0b1c2d3e4f5',
      date: '2026-10-30',
    });
  });

  it('a service without any place is set aside for want of a commune', () => {
    expect(outcomes.find((o) => o.record.name === 'Maison des parents itinérante')).toMatchObject({
      action: 'écarté',
      reason: 'sans-commune',
    });
  });
});

describe('round trip: Passerelle’s own exports imported back', () => {
  const content = existing();
  const input = { services: content.services, organisations: content.organisations, siteUrl: 'https://passerelle.example/' };
  const summary = (outcomes: readonly HubOutcome[]) =>
    outcomes.map((o) => `${o.action} ${'service' in o ? o.service.id : o.record.id}`).sort();

  it('the data·inclusion export proposes no new service and no change (a service of two places, one confidential, included)', () => {
    const exported = JSON.parse(JSON.stringify({ services: dataInclusionServices(input), structures: dataInclusionStructures(input) })) as {
      services: unknown;
      structures: unknown;
    };
    const outcomes = planHubImport(readDataInclusion(exported.services, exported.structures).records, content, { today: TODAY });
    expect(summary(outcomes)).toEqual([
      'inchangé espace-rencontre-du-ternois',
      'inchangé espace-rencontre-du-ternois',
      'inchangé mediation-familiale-arras',
    ]);
  });

  it('the HSDS export proposes no new service and no change', () => {
    const outcomes = planHubImport(readHsds(JSON.parse(JSON.stringify(hsdsTables(input))) as HsdsRows, 'passerelle'), content, {
      today: TODAY,
    });
    expect(summary(outcomes)).toEqual([
      'inchangé espace-rencontre-du-ternois',
      'inchangé espace-rencontre-du-ternois',
      'inchangé mediation-familiale-arras',
    ]);
  });
});

describe('content:import --from and the review folder', { timeout: 120_000 }, () => {
  const listReview = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();

  it('writes candidates and corrections beside content/, never into it; content:check checks them apart; moved in, they pass', () => {
    const contentDir = contentCopy();
    const review = resolve(contentDir, '../a-verifier');
    const before = readdirSync(join(contentDir, 'services')).sort();
    const result = run('content-import.ts', [
      '--from',
      'data-inclusion',
      join(fixtures, 'data-inclusion/services.json'),
      '--content',
      contentDir,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('4 candidat(s) et 1 correction(s) écrits');
    expect(readdirSync(join(contentDir, 'services')).sort()).toEqual(before);
    expect(listReview(review)).toEqual([
      '62/cafe-des-parents-lens.yaml',
      '62/corrections/mediation-familiale-arras.yaml',
      '62/espace-rencontre-parents-enfants-de-bethune.yaml',
      '62/lieu-d-accueil-enfants-parents-les-petits-pas-lens.yaml',
      '62/mediateurs-de-quartier-calais.yaml',
      'rapport-import.json',
      'rapport-import.md',
    ]);
    const candidate = readFileSync(join(review, '62/lieu-d-accueil-enfants-parents-les-petits-pas-lens.yaml'), 'utf8');
    expect(candidate).toContain('# - soutien-parentalite (nom : « Lieu d’accueil enfants-parents Les Petits Pas »)');
    const correction = readFileSync(join(review, '62/corrections/mediation-familiale-arras.yaml'), 'utf8');
    expect(correction).toContain(
      '# - lieux : Arras, 1 rue des Exemples : horaires « Mo-Fr 09:00-12:00 » → « Mo-Fr 09:00-12:00,14:00-17:00 »',
    );
    // The existing file's own comment stays: the correction is that file, changed in place.
    expect(correction).toContain('# Service fictif : le rapprochement par téléphone');
    expect(readFileSync(join(review, 'rapport-import.md'), 'utf8')).toContain(
      'Espace rencontre de Calais (dora, dora--espace-rencontre-calais) : service suspendu',
    );

    const check = run('content-check.ts', [contentDir]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/À vérifier \(.*a-verifier, non publié\) : 4 candidats, 1 correction proposée — 0 erreur/);

    // A person moves everything into content/: every file passes, and the page's source is the hub with its date.
    for (const name of readdirSync(join(review, '62')).filter((n) => n.endsWith('.yaml')))
      renameSync(join(review, '62', name), join(contentDir, 'services', name));
    renameSync(join(review, '62/corrections/mediation-familiale-arras.yaml'), join(contentDir, 'services/mediation-familiale-arras.yaml'));
    rmSync(review, { recursive: true });
    const moved = loadContent(contentDir, TODAY);
    expect(moved.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
    expect(moved.services).toHaveLength(6);
    const laep = moved.services.find((s) => s.id === 'lieu-d-accueil-enfants-parents-les-petits-pas-lens');
    expect(laep?.sources).toEqual([
      {
        url: 'https://dora.inclusion.beta.gouv.fr/services/laep-les-petits-pas-exemple',
        title: 'data·inclusion (dora), identifiant dora--laep-les-petits-pas-lens',
        date: '2026-10-12',
      },
    ]);
    expect(run('content-check.ts', [contentDir]).status).toBe(0);
  });

  it('content:check fails on a broken file of the review folder and names it', () => {
    const contentDir = contentCopy();
    const review = resolve(contentDir, '../a-verifier/62');
    mkdirSync(review, { recursive: true });
    writeFileSync(
      join(review, 'sans-resume.yaml'),
      'name: Espace rencontre sans résumé\nkinds: [espace-rencontre]\nstatus: actif\nlocations:\n  - communeCode: "62041"\nsources:\n  - url: https://exemple.test/\nlastChecked: 2026-11-01\n',
    );
    const check = run('content-check.ts', [contentDir]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('a-verifier/62/sans-resume.yaml');
    expect(check.stdout).toMatch(/Contenu vérifié : 2 services, 1 organisation — 0 erreur/);
    expect(check.stdout).toMatch(/À vérifier .* 0 candidat, 0 correction proposée — 1 erreur/);
  });

  it('a second import of the same file writes the same files again (stable names)', () => {
    const contentDir = contentCopy();
    const args = ['--from', 'data-inclusion', join(fixtures, 'data-inclusion/services.json'), '--content', contentDir];
    expect(run('content-import.ts', args).status).toBe(0);
    const first = listReview(resolve(contentDir, '../a-verifier'));
    expect(run('content-import.ts', args).status).toBe(0);
    expect(listReview(resolve(contentDir, '../a-verifier'))).toEqual(first);
  });

  it('--dry-run writes nothing; an unknown source and a missing file exit 1 in French', () => {
    const contentDir = contentCopy();
    const dry = run('content-import.ts', ['--from', 'hsds', join(fixtures, 'hsds'), '--content', contentDir, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('Candidat : 59/espace-rencontre-parents-enfants-de-lille');
    expect(existsSync(resolve(contentDir, '../a-verifier'))).toBe(false);
    const unknown = run('content-import.ts', ['--from', 'soliguide', 'x.json', '--content', contentDir]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--from soliguide est inconnu');
    const missing = run('content-import.ts', ['--from', 'data-inclusion', join(fixtures, 'absent.json'), '--content', contentDir]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Erreur : le fichier « .*absent\.json » n’existe pas\./);
    const noToken = run('content-import.ts', ['--from', 'data-inclusion-api', '--departement', '62', '--content', contentDir], {
      DATA_INCLUSION_TOKEN: '',
    });
    expect(noToken.status).toBe(1);
    expect(noToken.stderr).toContain('DATA_INCLUSION_TOKEN');
  });

  it('asks a stand-in of the hub’s API page by page, with the token, the département and the thématiques, waiting out a 429', async () => {
    const all = readJson('data-inclusion/services.json') as Record<string, unknown>[];
    const requests: URL[] = [];
    let refused = false;
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      requests.push(url);
      if (request.headers.authorization !== 'Bearer jeton-de-test' || url.pathname !== '/api/v1/services') {
        response.writeHead(request.headers.authorization ? 404 : 403).end();
        return;
      }
      // The first request of page 2 is refused, as the hub does when asked too fast.
      if (url.searchParams.get('page') === '2' && !refused) {
        refused = true;
        response.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{"detail":"Too Many Requests"}');
        return;
      }
      const wanted = new Set(url.searchParams.getAll('thematiques'));
      const departement = url.searchParams.get('code_departement') ?? '';
      const matching = all.filter(
        (s) =>
          (typeof s.code_insee === 'string' ? s.code_insee : '').startsWith(departement) &&
          (s.thematiques as string[]).some((t) => wanted.has(t)),
      );
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Number(url.searchParams.get('size') ?? 5000);
      const items = matching.slice((page - 1) * size, page * size);
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ items, total: matching.length, page, size: items.length, pages: Math.ceil(matching.length / size) }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const contentDir = contentCopy();
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runAsync(
        'content-import.ts',
        ['--from', 'data-inclusion-api', '--departement', '62', '--page-size', '3', '--content', contentDir],
        {
          DATA_INCLUSION_TOKEN: 'jeton-de-test',
          DATA_INCLUSION_API_URL: baseUrl,
        },
      );
      expect(result.status).toBe(0);
      expect(result.stderr).toContain('trop de demandes (HTTP 429), nouvel essai dans 1 s');
      expect(result.stderr).toContain('page 3/3, 7/7 services reçus');
      expect(requests.map((u) => u.searchParams.get('page'))).toEqual(['1', '2', '2', '3']);
      expect(new Set(requests.map((u) => u.searchParams.get('code_departement')))).toEqual(new Set(['62']));
      expect(requests[0]?.searchParams.getAll('thematiques')).toEqual(
        expect.arrayContaining(['famille--soutien-a-la-parentalite-et-a-leducation', 'famille--surmonter-conflits-separation-violence']),
      );
      // The atelier CV is not asked for (not under Passerelle's thématiques); everything else is planned as from the file.
      expect(result.stdout).toContain(
        '7 fiches lues (API data·inclusion, département 62) : 4 candidats, 1 correction proposée, 0 déjà à jour, 2 écartés.',
      );
      const written = parseYaml(
        readFileSync(resolve(contentDir, '../a-verifier/62/lieu-d-accueil-enfants-parents-les-petits-pas-lens.yaml'), 'utf8'),
      ) as { lastChecked: string };
      expect(written.lastChecked).toBe('2026-10-12');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('content:import --proposer: the contributions’ moderation path, one item per département', { timeout: 120_000 }, () => {
  /** The fixture records, plus a LAEP in Lille (59) so that the import spans two départements. */
  function twoDepartements(): string {
    const records = readJson('data-inclusion/services.json') as Record<string, unknown>[];
    const lille = {
      ...records[0],
      id: 'dora--laep-des-moulins-lille',
      nom: 'Lieu d’accueil enfants-parents des Moulins',
      telephone: '0320000099',
      courriel: 'laep@moulins.exemple.test',
      lien_source: 'https://dora.inclusion.beta.gouv.fr/services/laep-des-moulins-exemple',
      adresse: '3 rue des Moulins',
      code_postal: '59000',
      code_insee: '59350',
      commune: 'Lille',
      latitude: 50.6205,
      longitude: 3.0695,
      zone_eligibilite: ['59'],
    };
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-hub-records-'));
    folders.push(dir);
    writeFileSync(join(dir, 'services.json'), JSON.stringify([...records, lille]));
    return join(dir, 'services.json');
  }

  it('without a forge, sends each département’s candidates and corrections to the moderators as one message whose files pass content:check once moved in', () => {
    const contentDir = contentCopy();
    const outbox = join(contentDir, '../outbox');
    const env = {
      OUTBOX_DIR: outbox,
      CONTRIBUTION_MODERATORS_EMAIL: 'moderation@federation.test',
      CONTRIBUTION_FORGE_TOKEN: '',
      CONTRIBUTION_FORGE_REPOSITORY: '',
      RESEND_API_KEY: '',
    };
    const args = ['--from', 'data-inclusion', twoDepartements(), '--content', contentDir, '--proposer'];
    const result = run('content-import.ts', args, env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Département 59 : envoyé aux modérateurs');
    expect(result.stdout).toContain('Département 62 : envoyé aux modérateurs');
    // Nothing waits in the review folder but the report: the proposals are with the moderators.
    const review = resolve(contentDir, '../a-verifier');
    expect(readdirSync(review).sort()).toEqual(['rapport-import.json', 'rapport-import.md']);
    const messages = readdirSync(outbox)
      .filter((n) => n.endsWith('.json'))
      .map((n) => JSON.parse(readFileSync(join(outbox, n), 'utf8')) as MailMessage);
    expect(messages).toHaveLength(2);
    const bySubject = (code: string) => messages.find((m) => m.subject.includes(`(${code})`)) as MailMessage;
    expect(bySubject('59').to).toBe('moderation@federation.test');
    expect(filesFromMessage(bySubject('59')).map((f) => f.path)).toEqual([
      'content/services/lieu-d-accueil-enfants-parents-des-moulins-lille.yaml',
    ]);
    const files62 = filesFromMessage(bySubject('62'));
    expect(files62.map((f) => f.path).sort()).toEqual([
      'content/services/cafe-des-parents-lens.yaml',
      'content/services/espace-rencontre-parents-enfants-de-bethune.yaml',
      'content/services/lieu-d-accueil-enfants-parents-les-petits-pas-lens.yaml',
      'content/services/mediateurs-de-quartier-calais.yaml',
      'content/services/mediation-familiale-arras.yaml',
    ]);
    // Each kind with its reason, for the moderator; never a contact person's name.
    expect(bySubject('62').text).toContain('  - espace-rencontre : nom : « Espace rencontre parents-enfants de Béthune »');
    expect(bySubject('62').text).toContain('(rapprochement : même téléphone, même commune)');
    for (const message of messages) expect(message.text).not.toContain('Prénom Nom-Fictif');

    // A moderator copies every file of both messages to its path: content:check accepts them all.
    for (const file of [...files62, ...filesFromMessage(bySubject('59'))]) writeFileSync(resolve(contentDir, '..', file.path), file.yaml);
    const moved = loadContent(contentDir, TODAY);
    expect(moved.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
    expect(moved.services).toHaveLength(7);
    expect(moved.services.find((s) => s.id === 'mediation-familiale-arras')?.locations[0]?.openingHours).toBe(
      'Mo-Fr 09:00-12:00,14:00-17:00',
    );
    expect(run('content-check.ts', [contentDir]).status).toBe(0);
  });

  it('the same import again sends no second message (same key), and --dry-run sends nothing', () => {
    const contentDir = contentCopy();
    const outbox = join(contentDir, '../outbox');
    const env = { OUTBOX_DIR: outbox, CONTRIBUTION_FORGE_TOKEN: '', CONTRIBUTION_FORGE_REPOSITORY: '', RESEND_API_KEY: '' };
    const args = ['--from', 'data-inclusion', join(fixtures, 'data-inclusion/services.json'), '--content', contentDir, '--proposer'];
    const dry = run('content-import.ts', [...args, '--dry-run'], env);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      'Département 62 : Import data·inclusion : Pas-de-Calais (62), 4 nouveaux services et 1 correction (5 fichier(s))',
    );
    expect(existsSync(outbox)).toBe(false);
    expect(run('content-import.ts', args, env).status).toBe(0);
    expect(run('content-import.ts', args, env).status).toBe(0);
    expect(readdirSync(outbox).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });

  it('with a forge, opens one pull request per département with the files under content/services/, labelled by département; running again opens none', async () => {
    const forge = await startForgeStandIn();
    try {
      const contentDir = contentCopy();
      forge.seed(
        'content/services/mediation-familiale-arras.yaml',
        readFileSync(join(contentDir, 'services/mediation-familiale-arras.yaml'), 'utf8'),
      );
      const env = {
        CONTRIBUTION_FORGE_TOKEN: 'jeton-de-test',
        CONTRIBUTION_FORGE_REPOSITORY: 'passerelle/contenu',
        CONTRIBUTION_FORGE_API_URL: forge.url,
        OUTBOX_DIR: join(contentDir, '../outbox'),
      };
      const args = ['--from', 'data-inclusion', twoDepartements(), '--content', contentDir, '--proposer'];
      const first = await runAsync('content-import.ts', args, env);
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(forge.pulls).toHaveLength(2);
      const pull62 = forge.pulls.find((p) => p.labels.includes('departement:62'));
      expect(pull62?.labels).toEqual(['import', 'import:data-inclusion', 'departement:62']);
      expect(pull62?.title).toBe('Import data·inclusion : Pas-de-Calais (62), 4 nouveaux services et 1 correction');
      expect(pull62?.body).toContain('  - soutien-parentalite : nom : « Lieu d’accueil enfants-parents Les Petits Pas »');
      expect(pull62?.body).not.toContain('Prénom Nom-Fictif');
      // The files a pull request changes: those its branch holds otherwise than the default branch.
      const changed = (head: string | undefined) => {
        const branch = forge.branches.get(head ?? '') ?? new Map<string, string>();
        return [...branch.keys()].filter((path) => branch.get(path) !== forge.branches.get('main')?.get(path)).sort();
      };
      const branch = forge.branches.get(pull62?.head ?? '') ?? new Map<string, string>();
      expect(changed(pull62?.head)).toEqual([
        'content/services/cafe-des-parents-lens.yaml',
        'content/services/espace-rencontre-parents-enfants-de-bethune.yaml',
        'content/services/lieu-d-accueil-enfants-parents-les-petits-pas-lens.yaml',
        'content/services/mediateurs-de-quartier-calais.yaml',
        'content/services/mediation-familiale-arras.yaml',
      ]);
      // The correction replaces the published file on the branch, its own comment kept.
      expect(branch.get('content/services/mediation-familiale-arras.yaml')).toContain('# Service fictif : le rapprochement par téléphone');
      expect(branch.get('content/services/mediation-familiale-arras.yaml')).toContain('Mo-Fr 09:00-12:00,14:00-17:00');
      const pull59 = forge.pulls.find((p) => p.labels.includes('departement:59'));
      expect(changed(pull59?.head)).toEqual(['content/services/lieu-d-accueil-enfants-parents-des-moulins-lille.yaml']);
      expect(first.stdout).toContain(`Département 62 : demande de fusion ouverte ${pull62?.html_url}`);
      // Nothing went by e-mail.
      expect(existsSync(join(contentDir, '../outbox'))).toBe(false);

      const again = await runAsync('content-import.ts', args, env);
      expect(again.status).toBe(0);
      expect(forge.pulls).toHaveLength(2);
      expect(again.stdout).toContain(`Département 62 : demande de fusion déjà ouverte ${pull62?.html_url}`);

      forge.failWith(500);
      const refused = await runAsync(
        'content-import.ts',
        ['--from', 'hsds', join(fixtures, 'hsds'), '--content', contentDir, '--proposer'],
        env,
      );
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        'Erreur : département 59 (1 candidat(s), 0 correction(s)) non transmis : la forge a refusé (la forge a répondu 500)',
      );
    } finally {
      await forge.close();
    }
  });

  it('a mistyped forge repository stops the run in French before anything is sent', () => {
    const contentDir = contentCopy();
    const result = run(
      'content-import.ts',
      ['--from', 'data-inclusion', join(fixtures, 'data-inclusion/services.json'), '--content', contentDir, '--proposer'],
      {
        CONTRIBUTION_FORGE_TOKEN: 'jeton',
        CONTRIBUTION_FORGE_REPOSITORY: 'sans-barre',
        OUTBOX_DIR: join(contentDir, '../outbox'),
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CONTRIBUTION_FORGE_REPOSITORY vaut « sans-barre »');
    expect(existsSync(join(contentDir, '../outbox'))).toBe(false);
  });
});
