/**
 * content:check on a copy of a small valid fixture (tests/fixtures/content-check, fictional entries),
 * broken in each way an editor can break it: each mistake gives one French line naming the file and
 * the field, and the real script exits 1 on an error, 0 on warnings alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem, loadContent } from '../../scripts/lib/content-files.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(root, 'tests/fixtures/content-check/content');
const SERVICE = 'content/services/espace-fictif-des-tilleuls.yaml';
const today = new Date();
const isoDaysAgo = (days: number): string => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);

let workDir: string;
let contentDir: string;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'passerelle-content-check-'));
  contentDir = join(workDir, 'content');
  cpSync(fixture, contentDir, { recursive: true });
  // The fixture's dates are made recent, so that it stays valid whenever the test runs.
  for (const file of [SERVICE, 'content/services/relais-fictif-du-phare.yaml', 'content/organisations/association-fictive.yaml']) {
    edit(file, (text) => text.replace(/^lastChecked: .*$/m, `lastChecked: ${isoDaysAgo(10)}`));
  }
});
afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function edit(file: string, change: (text: string) => string): void {
  const path = join(workDir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`La modification de ${file} n’a rien changé : le test ne casse pas la fiche.`);
  writeFileSync(path, after);
}

/** The lines content:check prints, split by severity. */
function check(): { errors: string[]; warnings: string[] } {
  const { problems } = loadContent(contentDir, today);
  return {
    errors: problems.filter((p) => p.severity === 'erreur').map(formatProblem),
    warnings: problems.filter((p) => p.severity === 'avertissement').map(formatProblem),
  };
}

function runScript(): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'scripts/content-check.ts'), contentDir], { encoding: 'utf8', cwd: root });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('content:check on the valid fixture', () => {
  it('finds nothing to say', () => {
    expect(check()).toEqual({ errors: [], warnings: [] });
  });

  it('exits 0 from the real script, with a French summary', () => {
    const run = runScript();
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Contenu vérifié : 2 services, 1 organisation — 0 erreur, 0 avertissement.');
    expect(run.status).toBe(0);
  });
});

describe('each mistake gives one French line naming the file and the field', () => {
  const cases: { mistake: string; file?: string; change: (text: string) => string; line: RegExp }[] = [
    {
      mistake: 'a mistyped key',
      change: (t) => t.replace('\nsummary:', '\nsumary:'),
      line: /^Erreur : content\/services\/espace-fictif-des-tilleuls\.yaml : Champ inconnu « sumary » : vérifiez l’orthographe/,
    },
    {
      mistake: 'an unquoted département code (01 read as the number 1)',
      change: (t) => t.replace('departements: ["62", "59"]', 'departements: ["62", 01]'),
      line: /› servedArea\.departements\[1\] : Le code département doit être écrit entre guillemets \(par exemple "01"\)/,
    },
    {
      mistake: 'an INSEE code that does not exist',
      change: (t) => t.replace('communeCode: "62041"', 'communeCode: "62999"'),
      line: /› locations\[0\]\.communeCode : Le code INSEE "62999" ne correspond à aucune commune/,
    },
    {
      mistake: 'a postal code that does not belong to the commune',
      change: (t) => t.replace('postalCode: "62000"', 'postalCode: "62100"'),
      line: /› locations\[0\]\.postalCode : Le code postal "62100" n’appartient pas à la commune "62041"/,
    },
    {
      mistake: 'an invalid phone number',
      change: (t) => t.replace('phone: "03 21 00 00 00"', 'phone: "03 21 00 00"'),
      line: /› contact\.phone : Le numéro "03 21 00 00" n’est pas un numéro de téléphone français valide : écrivez 10 chiffres/,
    },
    {
      mistake: 'an invalid email',
      change: (t) => t.replace('email: contact@association-fictive.test', 'email: contact-association-fictive.test'),
      line: /› contact\.email : L’adresse "contact-association-fictive\.test" n’est pas une adresse e-mail valide/,
    },
    {
      mistake: 'an invalid opening_hours string',
      change: (t) => t.replace('openingHours: Mo-Fr 09:00-12:00,14:00-17:00; PH off', 'openingHours: lundi au vendredi 9h-12h'),
      line: /› locations\[0\]\.openingHours : Les horaires "lundi au vendredi 9h-12h" ne suivent pas la syntaxe opening_hours/,
    },
    {
      mistake: 'a reference to a missing organisation',
      change: (t) => t.replace('organisation: association-fictive', 'organisation: association-disparue'),
      line: /› organisation : L’organisation « association-disparue » n’existe pas : créez content\/organisations\/association-disparue\.yaml/,
    },
    {
      mistake: 'a service with an empty list of sources',
      change: (t) => t.replace(/sources:\n {2}- url: .*\n {4}title: .*\n/, 'sources: []\n'),
      line: /› sources : Chaque service doit citer au moins une source/,
    },
    {
      mistake: 'a service with no sources field',
      change: (t) => t.replace(/sources:\n {2}- url: .*\n {4}title: .*\n/, ''),
      line: /› sources : Le champ « sources » est obligatoire et manque/,
    },
    {
      mistake: 'coordinates far outside the commune’s département (latitude and longitude swapped)',
      change: (t) => t.replace('latitude: 50.29\n    longitude: 2.78', 'latitude: 2.78\n    longitude: 50.29'),
      line: /› locations\[0\]\.latitude : Les coordonnées \(2\.78, 50\.29\) tombent hors du département 62, à \d+ km d’Arras|› locations\[0\]\.latitude : Les coordonnées \(2\.78, 50\.29\) tombent hors du département 62, à \d+ km de Arras/,
    },
    {
      mistake: 'a near-duplicate (same name up to case, accents and hyphens, same commune)',
      file: 'content/services/relais-fictif-du-phare.yaml',
      change: (t) => t.replace('name: Relais fictif du Phare', 'name: ESPACE FICTIF des tilleuls').replace('postalCode: "80000"\n    communeCode: "80021"', 'postalCode: "62000"\n    communeCode: "62041"'),
      line: /(espace-fictif-des-tilleuls|relais-fictif-du-phare)\.yaml › name : Doublon probable de « (relais-fictif-du-phare|espace-fictif-des-tilleuls) »/,
    },
    {
      mistake: 'an unquoted colon in the front matter of an information page',
      file: 'content/pages/page-fictive.md',
      change: (t) => t.replace('description: "Une page inventée pour les tests du contrôle des fiches : elle a un en-tête valide."', 'description: Une page inventée pour les tests : elle a un en-tête invalide.'),
      line: /^Erreur : content\/pages\/page-fictive\.md : L’en-tête n’est pas du YAML valide \(ligne 3 .*Une valeur qui contient « : » doit être entre guillemets\.$/,
    },
    {
      mistake: 'a YAML syntax error',
      change: (t) => t.replace('status: actif', 'status: actif\n  mauvaise: indentation: ici'),
      line: /^Erreur : content\/services\/espace-fictif-des-tilleuls\.yaml : Le fichier n’est pas du YAML valide \(ligne \d+/,
    },
  ];

  for (const { mistake, file = SERVICE, change, line } of cases) {
    it(mistake, () => {
      edit(file, change);
      const { errors } = check();
      expect(errors.length, errors.join('\n')).toBeGreaterThan(0);
      expect(errors.some((e) => line.test(e)), errors.join('\n')).toBe(true);
      // One line per problem, each naming its file.
      for (const e of errors) expect(e).toMatch(/^Erreur : content\/(services|organisations|pages)\/[a-z0-9-]+\.(yaml|md)( › [\w.[\]]+)? : \S/);
    });
  }

  it('makes the real script print the line and exit 1', () => {
    edit(SERVICE, (t) => t.replace('communeCode: "62041"', 'communeCode: "62999"'));
    const run = runScript();
    expect(run.stderr).toContain(`Erreur : ${SERVICE} › locations[0].communeCode : Le code INSEE "62999" ne correspond à aucune commune`);
    expect(run.stdout).toContain('— 1 erreur, 0 avertissement.');
    expect(run.stdout).toContain('content/README.md');
    expect(run.status).toBe(1);
  });
});

describe('information not checked for a year', () => {
  it('is a warning only: the real script names the file and field and exits 0', () => {
    const old = isoDaysAgo(396);
    edit(SERVICE, (t) => t.replace(/^lastChecked: .*$/m, `lastChecked: ${old}`));
    const { errors, warnings } = check();
    expect(errors).toEqual([]);
    expect(warnings).toEqual([`Avertissement : ${SERVICE} › lastChecked : Informations vérifiées le ${old}, il y a plus d’un an : à revérifier (la fiche reste publiée).`]);
    const run = runScript();
    expect(run.stderr).toContain(`Avertissement : ${SERVICE} › lastChecked`);
    expect(run.status).toBe(0);
  });

  it('is not reported at eleven months', () => {
    edit(SERVICE, (t) => t.replace(/^lastChecked: .*$/m, `lastChecked: ${isoDaysAgo(335)}`));
    expect(check().warnings).toEqual([]);
  });
});
