/**
 * content:check on a copy of a small valid fixture (tests/fixtures/content-check, fictional entries),
 * broken in each way an editor can break it: each mistake gives one French line naming the file and
 * the field, and the real script exits 1 on an error, 0 on warnings alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

// The real script is a separate Node process: on a loaded machine its start-up alone can pass vitest's default 5 s.
const SCRIPT_TIMEOUT_MS = 60_000;

function runScript(): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'scripts/content-check.ts'), contentDir], { encoding: 'utf8', cwd: root });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('content:check on the valid fixture', () => {
  it('finds nothing to say', () => {
    expect(check()).toEqual({ errors: [], warnings: [] });
  });

  it('exits 0 from the real script, with a French summary', { timeout: SCRIPT_TIMEOUT_MS }, () => {
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
      mistake: 'a where-to-ask number without the words of its source',
      file: 'content/ou-demander.yaml',
      change: (t) => t.replace('      excerpt: "Téléphone : 39 99"\n', ''),
      line: /^Erreur : content\/ou-demander\.yaml › caf-fictive\.phone\.source\.excerpt : .*excerpt/,
    },
    {
      mistake: 'a where-to-ask number that is neither short nor a French phone number',
      file: 'content/ou-demander.yaml',
      change: (t) => t.replace('number: "3999"', 'number: "39 99 9"'),
      line: /› caf-fictive\.phone\.number : Le numéro "39 99 9" n’est ni un numéro court/,
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
      change: (t) =>
        t
          .replace('name: Relais fictif du Phare', 'name: ESPACE FICTIF des tilleuls')
          .replace('postalCode: "80000"\n    communeCode: "80021"', 'postalCode: "62000"\n    communeCode: "62041"'),
      line: /(espace-fictif-des-tilleuls|relais-fictif-du-phare)\.yaml › name : Doublon probable de « (relais-fictif-du-phare|espace-fictif-des-tilleuls) »/,
    },
    {
      mistake: 'an unquoted colon in the front matter of an information page',
      file: 'content/pages/page-fictive.md',
      change: (t) =>
        t.replace(
          'description: "Une page inventée pour les tests du contrôle des fiches : elle a un en-tête valide."',
          'description: Une page inventée pour les tests : elle a un en-tête invalide.',
        ),
      line: /^Erreur : content\/pages\/page-fictive\.md : L’en-tête n’est pas du YAML valide \(ligne 3, colonne \d+ : un texte qui contient « : » \(deux-points suivi d’un espace\) doit être entre guillemets/,
    },
    {
      mistake: 'a YAML syntax error',
      change: (t) => t.replace('status: actif', 'status: actif\n  mauvaise: indentation: ici'),
      line: /^Erreur : content\/services\/espace-fictif-des-tilleuls\.yaml : Le fichier n’est pas du YAML valide \(ligne 4, colonne \d+ : un texte qui contient « : »/,
    },
    {
      mistake: 'a tab used to indent',
      change: (t) => t.replace('  phone: "03 21 00 00 00"', '\tphone: "03 21 00 00 00"'),
      line: /^Erreur : content\/services\/espace-fictif-des-tilleuls\.yaml : Le fichier n’est pas du YAML valide \(ligne 12, colonne 1 : l’indentation se fait avec des espaces, jamais avec une tabulation\)\.$/,
    },
    {
      mistake: 'a key written twice',
      change: (t) => t.replace('status: actif', 'status: actif\nstatus: fermé'),
      line: /\.yaml : Le fichier n’est pas du YAML valide \(ligne 5, colonne 1 : ce champ apparaît deux fois : gardez-en un seul\)\.$/,
    },
    {
      mistake: 'a quote never closed',
      change: (t) => t.replace('phone: "03 21 00 00 00"', 'phone: "03 21 00 00 00'),
      line: /\.yaml : Le fichier n’est pas du YAML valide \(ligne \d+, colonne \d+ : il manque un guillemet ou un crochet fermant\)\.$/,
    },
    {
      mistake: 'oui instead of true for a yes/no field',
      change: (t) => t.replace('    address: 1 rue des Tilleuls', '    address: 1 rue des Tilleuls\n    confidential: oui'),
      line: /› locations\[0\]\.confidential : Le champ « confidential » s’écrit true ou false, sans guillemets \(pas "oui"\)\.$/,
    },
    {
      mistake: 'a decimal comma in a coordinate',
      change: (t) => t.replace('latitude: 50.29', 'latitude: "50,29"'),
      line: /› locations\[0\]\.latitude : Le champ « latitude » doit être un nombre écrit avec un point, sans guillemets : écrivez 50\.29 et non "50,29"\.$/,
    },
    {
      mistake: 'a coordinate out of range',
      change: (t) => t.replace('latitude: 50.29', 'latitude: 502.9'),
      line: /› locations\[0\]\.latitude : Le champ « latitude » doit valoir au plus 90 \(il vaut 502\.9\)\.$/,
    },
    {
      mistake: 'a name too short (not "missing")',
      change: (t) => t.replace('name: Espace fictif des Tilleuls', 'name: ER'),
      line: /› name : Le champ « name » est trop court : 3 caractères au moins \(il en a 2\)\.$/,
    },
    {
      mistake: 'a name left empty',
      change: (t) => t.replace('name: Espace fictif des Tilleuls', 'name:'),
      line: /› name : Le champ « name » est vide : écrivez une valeur après « name: », ou supprimez la ligne si le champ est facultatif\.$/,
    },
    {
      mistake: 'a name missing',
      change: (t) => t.replace('name: Espace fictif des Tilleuls\n', ''),
      line: /› name : Le champ « name » est obligatoire et manque : ajoutez-le/,
    },
    {
      mistake: 'a status missing (not « undefined » as a value)',
      change: (t) => t.replace('status: actif\n', ''),
      line: /› status : Le champ « status » est obligatoire et manque : ajoutez-le/,
    },
    {
      mistake: 'a single value where a list is expected',
      change: (t) => t.replace('publics: [parents, enfants]', 'publics: parents'),
      line: /› publics : Le champ « publics » doit être une liste : écrivez \[parents\] ou une ligne par élément commençant par « - »\.$/,
    },
    {
      mistake: 'a number where text is expected',
      change: (t) => t.replace('    address: 1 rue des Tilleuls', '    address: 1'),
      line: /› locations\[0\]\.address : Le champ « address » doit être du texte : écrivez-le entre guillemets \("1"\)\.$/,
    },
    {
      mistake: 'an unquoted INSEE code (read as a number)',
      change: (t) => t.replace('communeCode: "62041"', 'communeCode: 62041'),
      line: /› locations\[0\]\.communeCode : Le code INSEE de la commune doit être écrit entre guillemets \(par exemple "62041"\) : sans guillemets, YAML le lit comme un nombre/,
    },
    {
      mistake: 'an unquoted postal code (read as a number)',
      change: (t) => t.replace('postalCode: "62000"', 'postalCode: 62000'),
      line: /› locations\[0\]\.postalCode : Le code postal doit être écrit entre guillemets \(par exemple "62000"\) : sans guillemets, YAML le lit comme un nombre/,
    },
    {
      mistake: 'an organisation description too short',
      file: 'content/organisations/association-fictive.yaml',
      change: (t) => t.replace(/^description: .*$/m, 'description: Trop court.'),
      line: /^Erreur : content\/organisations\/association-fictive\.yaml › description : Le champ « description » est trop court : 20 caractères au moins \(il en a 11\)\.$/,
    },
  ];

  for (const { mistake, file = SERVICE, change, line } of cases) {
    it(mistake, () => {
      edit(file, change);
      const { errors } = check();
      expect(errors.length, errors.join('\n')).toBeGreaterThan(0);
      expect(
        errors.some((e) => line.test(e)),
        errors.join('\n'),
      ).toBe(true);
      // One line per problem, each naming its file.
      for (const e of errors)
        expect(e).toMatch(
          /^Erreur : content\/((services|organisations|pages)\/[a-z0-9-]+\.(yaml|md)|ou-demander\.yaml)( › [\w.[\]-]+)? : \S/,
        );
    });
  }

  it('never prints a message in English (zod’s defaults) for a mistake of type or size', () => {
    edit(SERVICE, (t) =>
      t
        .replace('    address: 1 rue des Tilleuls', '    address: 1 rue des Tilleuls\n    confidential: "non"')
        .replace('status: actif', 'status: actif\ndescription: [a, b]')
        .replace('fees:\n  kind: bareme-national', 'fees: gratuit')
        .replace('kinds: [espace-rencontre, mediation-familiale]', 'kinds: []'),
    );
    const { errors } = check();
    expect(errors).toHaveLength(4);
    for (const line of errors) expect(line).not.toMatch(/Invalid|expected|received|Too (small|big)|Entrée invalide/);
  });

  it('makes the real script print the line and exit 1', { timeout: SCRIPT_TIMEOUT_MS }, () => {
    edit(SERVICE, (t) => t.replace('communeCode: "62041"', 'communeCode: "62999"'));
    const run = runScript();
    expect(run.stderr).toContain(`Erreur : ${SERVICE} › locations[0].communeCode : Le code INSEE "62999" ne correspond à aucune commune`);
    expect(run.stdout).toContain('— 1 erreur, 0 avertissement.');
    expect(run.stdout).toContain('content/README.md');
    expect(run.status).toBe(1);
  });
});

describe('information not checked for a year', () => {
  it('is a warning only: the real script names the file and field and exits 0', { timeout: SCRIPT_TIMEOUT_MS }, () => {
    const old = isoDaysAgo(396);
    edit(SERVICE, (t) => t.replace(/^lastChecked: .*$/m, `lastChecked: ${old}`));
    const { errors, warnings } = check();
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      `Avertissement : ${SERVICE} › lastChecked : Informations vérifiées le ${old}, il y a plus d’un an : à revérifier (la fiche reste publiée).`,
    ]);
    const run = runScript();
    expect(run.stderr).toContain(`Avertissement : ${SERVICE} › lastChecked`);
    expect(run.status).toBe(0);
  });

  it('is not reported at eleven months', () => {
    edit(SERVICE, (t) => t.replace(/^lastChecked: .*$/m, `lastChecked: ${isoDaysAgo(335)}`));
    expect(check().warnings).toEqual([]);
  });
});

describe('files the site would never publish', () => {
  it('rejects a .yml file: the loader reads .yaml only', () => {
    renameSync(join(workDir, 'content/services/relais-fictif-du-phare.yaml'), join(workDir, 'content/services/relais-fictif-du-phare.yml'));
    const { errors } = check();
    expect(errors).toEqual([
      'Erreur : content/services/relais-fictif-du-phare.yml : Ce fichier ne sera jamais publié : le site ne lit que les fichiers en « .yaml ». Renommez-le en « relais-fictif-du-phare.yaml ».',
    ]);
  });

  it('says so when a .yml file has the same id as a .yaml file (the only way two files share an id)', () => {
    cpSync(join(workDir, SERVICE), join(workDir, 'content/services/espace-fictif-des-tilleuls.yml'));
    const { errors } = check();
    expect(errors).toEqual([
      'Erreur : content/services/espace-fictif-des-tilleuls.yml : Ce fichier ne sera jamais publié : le site ne lit que les fichiers en « .yaml ». Renommez-le en « espace-fictif-des-tilleuls.yaml » ; espace-fictif-des-tilleuls.yaml existe déjà : fusionnez les deux fiches.',
    ]);
  });

  it('rejects a file name that is not a lowercase id', () => {
    renameSync(join(workDir, 'content/services/relais-fictif-du-phare.yaml'), join(workDir, 'content/services/Relais du Phare.yaml'));
    expect(check().errors).toEqual([
      expect.stringMatching(
        /^Erreur : content\/services\/Relais du Phare\.yaml : Le nom du fichier « Relais du Phare\.yaml » doit être en minuscules, sans accent ni espace/,
      ),
    ]);
  });
});

describe('postal codes', () => {
  it('may be left out where no source gives one (Amiens has several): the INSEE code is enough', () => {
    edit('content/services/relais-fictif-du-phare.yaml', (t) =>
      t.replace('  - postalCode: "80000"\n    communeCode: "80021"', '  - communeCode: "80021"'),
    );
    expect(check()).toEqual({ errors: [], warnings: [] });
    expect(loadContent(contentDir, today).services.find((s) => s.id === 'relais-fictif-du-phare')?.locations[0]).toEqual({
      communeCode: '80021',
      confidential: false,
    });
  });

  it('still need the INSEE code', () => {
    edit('content/services/relais-fictif-du-phare.yaml', (t) => t.replace('    communeCode: "80021"\n', ''));
    expect(check().errors).toEqual([
      expect.stringMatching(
        /relais-fictif-du-phare\.yaml › locations\[0\]\.communeCode : Le champ « communeCode » est obligatoire et manque/,
      ),
    ]);
  });
});

describe('possible duplicates in the same commune are warnings', () => {
  const OTHER = 'content/services/relais-fictif-du-phare.yaml';
  /** Moves the second fixture service to Arras, the first one's commune. */
  const toArras = (t: string): string =>
    t.replace('postalCode: "80000"\n    communeCode: "80021"', 'postalCode: "62000"\n    communeCode: "62041"');

  it('a name that differs only by small words, accents, punctuation and the commune’s name', () => {
    edit(SERVICE, (t) => t.replace('name: Espace fictif des Tilleuls', 'name: Maison des Parents d’Arras'));
    edit(OTHER, (t) => toArras(t).replace('name: Relais fictif du Phare', 'name: Maison des parents - ARRAS'));
    const { errors, warnings } = check();
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      `Avertissement : ${OTHER} › name : Doublon possible de « espace-fictif-des-tilleuls » (« Maison des Parents d’Arras ») : nom très proche, même commune. Fusionnez les deux fiches si c’est le même service ; sinon, rien à faire.`,
    ]);
  });

  it('not the same names in two communes, nor different names in one', () => {
    edit(SERVICE, (t) => t.replace('name: Espace fictif des Tilleuls', 'name: Maison des Parents d’Arras'));
    edit(OTHER, (t) => t.replace('name: Relais fictif du Phare', 'name: Maison des parents'));
    expect(check().warnings).toEqual([]);
    edit(OTHER, (t) => toArras(t).replace('name: Maison des parents', 'name: Maison des enfants'));
    expect(check().warnings).toEqual([]);
  });

  it('the same phone, written differently', () => {
    edit(OTHER, (t) => `${toArras(t)}contact:\n  phone: "+33 3 21 00 00 00"\n`);
    expect(check().warnings).toEqual([
      `Avertissement : ${OTHER} › contact.phone : Doublon possible de « espace-fictif-des-tilleuls » : même téléphone, même commune. Fusionnez les deux fiches si c’est le même service ; sinon, rien à faire.`,
    ]);
  });

  it('the same website, unless both give different phones', () => {
    edit(OTHER, (t) => `${toArras(t)}contact:\n  website: http://www.association-fictive.test/espace/\n`);
    expect(check().warnings).toEqual([
      `Avertissement : ${OTHER} › contact.website : Doublon possible de « espace-fictif-des-tilleuls » : même site web, même commune. Fusionnez les deux fiches si c’est le même service ; sinon, rien à faire.`,
    ]);
    edit(OTHER, (t) => `${t}  phone: "03 21 11 11 11"\n`);
    expect(check().warnings).toEqual([]);
  });

  it('an identical name in the same commune stays an error', () => {
    edit(OTHER, (t) => toArras(t).replace('name: Relais fictif du Phare', 'name: Espace fictif des tilleuls'));
    expect(check().errors).toEqual([
      `Erreur : ${OTHER} › name : Doublon probable de « espace-fictif-des-tilleuls » : même nom et même commune. Fusionnez les deux fiches ou distinguez leurs noms.`,
    ]);
  });
});

describe('organisations not checked for a year', () => {
  const ORGANISATION = 'content/organisations/association-fictive.yaml';

  it('get the same warning as services', () => {
    const old = isoDaysAgo(400);
    edit(ORGANISATION, (t) => t.replace(/^lastChecked: .*$/m, `lastChecked: ${old}`));
    expect(check()).toEqual({
      errors: [],
      warnings: [
        `Avertissement : ${ORGANISATION} › lastChecked : Informations vérifiées le ${old}, il y a plus d’un an : à revérifier (la fiche reste publiée).`,
      ],
    });
  });

  it('and an error for a date in the future', () => {
    const future = new Date(today.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    edit(ORGANISATION, (t) => t.replace(/^lastChecked: .*$/m, `lastChecked: ${future}`));
    expect(check().errors).toEqual([`Erreur : ${ORGANISATION} › lastChecked : La date de vérification ${future} est dans le futur.`]);
  });
});
