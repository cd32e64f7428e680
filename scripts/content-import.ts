/**
 * npm run content:import -- <fichier.csv|fichier.xlsx|fichier.ods> [--dry-run] [--content <dossier>]
 * Turns a federation's spreadsheet into service files (columns: content/README.md, « Importer un
 * tableur »). Every row becomes a valid file or is reported with its line and a French reason; when
 * any row fails, nothing is written. Existing entries are updated in place, only through the columns
 * the sheet has, and the report says what changed, place by place. Exit code: 0 when imported (or
 * would be, with --dry-run), 1 on any error.
 *
 * npm run content:import -- --from data-inclusion <services.json|.csv> | --from data-inclusion-api --departement 62 | --from hsds <dossier>
 * Takes in the records of the field's directories as candidates for review: new services and
 * proposed corrections go to the review folder (a-verifier/, one folder per département), never to
 * content/; the report says per département and kind what was proposed and what was set aside, and
 * why (content/README.md, « Importer depuis data·inclusion ou un annuaire HSDS »). With --proposer,
 * the proposals take the contributions' moderation path instead, one item per département (a pull
 * request through the configured forge, else one message to the moderators), and only the report is
 * written. Exit code: 0 when the records were read (set-aside records included) and every proposal
 * was delivered, 1 on any error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatImportProblem, planImport, readImportTable, type PlannedEntry } from '../src/lib/editing/service-import.ts';
import { formatChanges } from '../src/lib/editing/service-changes.ts';
import { planHubImport, type Correction, type HubOutcome } from '../src/lib/import/hub-import.ts';
import { hubModerationItems } from '../src/lib/import/hub-moderation.ts';
import { buildHubImportReport, formatHubImportReport, type HubImportReport } from '../src/lib/import/hub-report.ts';
import type { HubRecord } from '../src/lib/import/hub-record.ts';
import { readDataInclusion } from '../src/lib/import/hub-record.ts';
import { getDepartement } from '../src/lib/territories/territory-data.ts';
import { chooseMailTransport } from '../src/server/mail-choice.ts';
import { OUTBOX_DEFAULT_DIR } from '../src/server/mail-outbox.ts';
import { MAIL_FROM_DEFAULT, MODERATORS_EMAIL_DEFAULT } from '../src/server/mail-transport.ts';
import { chooseForge, sendForModeration } from '../src/server/moderation-delivery.ts';
import { readServiceFile, serviceFilePath, writeImport } from './lib/content-writer.ts';
import { DEFAULT_CONTENT_DIR, loadContent } from './lib/content-files.ts';
import { DATA_INCLUSION_API, fetchDataInclusionServices, readDataInclusionFile, readHsdsFolder } from './lib/hub-sources.ts';
import { reviewDirFor, writeReview } from './lib/review-files.ts';
import { readSpreadsheet } from './lib/spreadsheet-files.ts';

const USAGE = [
  'Usage : npm run content:import -- <fichier.csv|.xlsx|.ods> [--dry-run] [--content <dossier de contenu>]',
  '        npm run content:import -- --from data-inclusion <services.json|.csv> [--structures <fichier>] [--departement <code>] [--dry-run]',
  '        npm run content:import -- --from data-inclusion-api --departement <code> [--dry-run]   (jeton dans DATA_INCLUSION_TOKEN)',
  '        npm run content:import -- --from hsds <dossier des tables HSDS> [--departement <code>] [--dry-run]',
  '        options communes aux trois : --content <dossier de contenu> --a-verifier <dossier de relecture>',
  '          --proposer : envoie aux modérateurs, par département, les candidats et les corrections (une demande de fusion',
  '          quand une forge est configurée, sinon un e-mail) au lieu de les écrire dans le dossier de relecture',
].join('\n');

const SOURCES = ['data-inclusion', 'data-inclusion-api', 'hsds'] as const;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

const OPTIONS = {
  'dry-run': { type: 'boolean', default: false },
  content: { type: 'string' },
  from: { type: 'string' },
  structures: { type: 'string' },
  departement: { type: 'string' },
  'a-verifier': { type: 'string' },
  'page-size': { type: 'string' },
  proposer: { type: 'boolean', default: false },
} as const;

type Args = ReturnType<typeof parseArgs<{ allowPositionals: true; options: typeof OPTIONS }>>;

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    console.error(`${errorText(error)}\n${USAGE}`);
    return 1;
  }
  if (args.values.from !== undefined) return importFromHub(args);
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) {
    console.error(USAGE);
    return 1;
  }
  const dryRun = args.values['dry-run'];
  const contentDir = args.values.content ? resolve(args.values.content) : DEFAULT_CONTENT_DIR;

  let sheet;
  try {
    sheet = readSpreadsheet(resolve(file));
  } catch (error) {
    console.error(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const total = sheet.rows.length;
  const showProgress = total >= 500;
  const table = readImportTable(sheet.header, sheet.rows, sheet.firstDataLine);

  const existing = loadContent(contentDir);
  const blocking = existing.problems.filter((p) => p.severity === 'erreur');
  if (blocking.length) {
    console.error(`Erreur : le dossier de contenu a déjà ${blocking.length} erreur(s) : corrigez-les d’abord (npm run content:check).`);
    return 1;
  }
  const progress = showProgress
    ? (done: number, services: number) =>
        process.stderr.write(`\rVérification : ${done}/${services} services (${total} lignes)${done === services ? '\n' : ''}`)
    : undefined;
  const plan = planImport(table, { ...existing, readServiceFile: (id) => readServiceFile(contentDir, id) }, new Date(), progress);
  for (const problem of plan.problems) (problem.severity === 'erreur' ? console.error : console.warn)(formatImportProblem(problem));
  const errors = plan.problems.filter((p) => p.severity === 'erreur');
  const count = (action: PlannedEntry['action']) => plan.entries.filter((e) => e.action === action).length;
  const lines = (entry: PlannedEntry) => (entry.lines.length === 1 ? `ligne ${entry.lines[0]}` : `lignes ${entry.lines.join(', ')}`);

  for (const entry of plan.entries) {
    if (entry.action === 'création') console.log(`Création : ${entry.id} (${lines(entry)})`);
    if (entry.action === 'modification') console.log(`Modification : ${entry.id} (${lines(entry)}) : ${formatChanges(entry.changes)}`);
  }
  const summary = `${table.rows.length} ligne(s), ${plan.entries.length} service(s) : ${count('création')} création(s), ${count('modification')} modification(s), ${count('inchangé')} inchangé(s)`;
  if (errors.length) {
    console.error(`${summary}. ${errors.length} erreur(s) : aucun fichier n’a été écrit. Corrigez le tableur et relancez l’import.`);
    return 1;
  }
  if (dryRun) {
    console.log(`${summary}. Essai (--dry-run) : aucun fichier n’a été écrit.`);
    return 0;
  }
  const written = writeImport(contentDir, plan.entries);
  if (showProgress) process.stderr.write(`Écriture : ${written.length} fichier(s) écrit(s).\n`);
  console.log(
    `${summary}. ${written.length} fichier(s) écrit(s) dans ${contentDir}/services. Vérifiez avec npm run content:check puis relisez les changements avant de les publier.`,
  );
  return 0;
}

/** The records asked for, from a file, a folder or the hub's API; throws a French message. */
async function readRecords(from: (typeof SOURCES)[number], args: Args, departement: string | undefined): Promise<HubRecord[]> {
  const path = args.positionals[0];
  if (from === 'data-inclusion-api') {
    const token = process.env.DATA_INCLUSION_TOKEN;
    if (!token)
      throw new Error('--from data-inclusion-api demande un jeton de l’API data·inclusion dans la variable DATA_INCLUSION_TOKEN.');
    if (!departement) throw new Error('--from data-inclusion-api demande --departement <code> (par exemple --departement 62).');
    const items = await fetchDataInclusionServices({
      baseUrl: process.env.DATA_INCLUSION_API_URL ?? DATA_INCLUSION_API,
      token,
      departement,
      pageSize: Number(args.values['page-size'] ?? 1000),
      onPage: (page, pages, received, total) =>
        process.stderr.write(`API data·inclusion : page ${page}/${pages}, ${received}/${total} services reçus\n`),
      onWait: (seconds) => process.stderr.write(`API data·inclusion : trop de demandes (HTTP 429), nouvel essai dans ${seconds} s\n`),
    });
    return readDataInclusion(items).records;
  }
  if (!path || args.positionals.length > 1) throw new Error(`indiquez un seul ${from === 'hsds' ? 'dossier' : 'fichier'} à importer.`);
  if (from === 'hsds') return readHsdsFolder(resolve(path));
  const read = readDataInclusionFile(resolve(path), args.values.structures ? resolve(args.values.structures) : undefined);
  if (read.unreadable) console.warn(`Avertissement : ${read.unreadable} fiche(s) sans identifiant ni nom ont été ignorées.`);
  return read.records;
}

/** --from: records of the field's directories into the review folder, never into content/. */
async function importFromHub(args: Args): Promise<number> {
  const from = args.values.from as (typeof SOURCES)[number];
  if (!(SOURCES as readonly string[]).includes(from)) {
    console.error(`Erreur : --from ${String(from)} est inconnu : choisissez ${SOURCES.join(', ')}.\n${USAGE}`);
    return 1;
  }
  const departement = args.values.departement?.trim().toUpperCase().padStart(2, '0');
  if (departement !== undefined && !getDepartement(departement)) {
    console.error(`Erreur : le département « ${args.values.departement} » n’existe pas (par exemple 01, 2A, 62, 971).`);
    return 1;
  }
  const contentDir = args.values.content ? resolve(args.values.content) : DEFAULT_CONTENT_DIR;
  const reviewDir = args.values['a-verifier'] ? resolve(args.values['a-verifier']) : reviewDirFor(contentDir);
  const existing = loadContent(contentDir);
  const blocking = existing.problems.filter((p) => p.severity === 'erreur');
  if (blocking.length) {
    console.error(`Erreur : le dossier de contenu a déjà ${blocking.length} erreur(s) : corrigez-les d’abord (npm run content:check).`);
    return 1;
  }
  let records: HubRecord[];
  try {
    records = await readRecords(from, args, departement);
  } catch (error) {
    console.error(`Erreur : ${errorText(error)}`);
    return 1;
  }
  const showProgress = records.length >= 500;
  const outcomes = planHubImport(
    records,
    { ...existing, readServiceFile: (id) => readServiceFile(contentDir, id) },
    {
      ...(departement ? { departement } : {}),
      ...(showProgress
        ? {
            onProgress: (done: number, total: number) =>
              process.stderr.write(`\rRapprochement : ${done}/${total} fiches${done === total ? '\n' : ''}`),
          }
        : {}),
    },
  );
  const label =
    from === 'data-inclusion-api'
      ? `API data·inclusion, département ${departement ?? ''}`
      : from === 'hsds'
        ? `annuaire HSDS ${basename(resolve(args.positionals[0] ?? ''))}`
        : `data·inclusion, fichier ${basename(args.positionals[0] ?? '')}`;
  const report = buildHubImportReport(outcomes, label, new Date().toISOString().slice(0, 10));
  const reportText = formatHubImportReport(report);
  const corrections = new Map<string, Correction>();
  for (const outcome of outcomes) {
    if (outcome.action === 'candidat')
      console.log(`Candidat : ${outcome.departement}/${outcome.id} (${outcome.kinds.map((k) => `${k.kind} : ${k.reason}`).join(' ; ')})`);
    if (outcome.action === 'correction') corrections.set(outcome.service.id, outcome);
  }
  // Several records of one service: the last correction holds the changes of all.
  for (const c of corrections.values())
    console.log(`Correction proposée : ${c.departement}/corrections/${c.service.id} (${c.match}) : ${formatChanges(c.changes)}`);
  console.log(`\n${reportText}\n`);
  if (args.values.proposer) return proposeToModerators(outcomes, report, { from, contentDir, reviewDir, dryRun: args.values['dry-run'] });
  if (args.values['dry-run']) {
    console.log('Essai (--dry-run) : aucun fichier n’a été écrit.');
    return 0;
  }
  const written = writeReview(reviewDir, contentDir, outcomes, report);
  console.log(
    `${written.candidates.length} candidat(s) et ${written.corrections.length} correction(s) écrits dans ${reviewDir}, rapport dans ${written.report}. ` +
      'Rien n’est publié : relisez chaque fichier, vérifiez avec npm run content:check, puis déplacez dans content/services/ ceux qui sont justes.',
  );
  return 0;
}

/**
 * --proposer: one moderation item per département through the contributions' path (the same
 * settings as the server: CONTRIBUTION_FORGE_*, else RESEND_API_KEY or OUTBOX_DIR, MAIL_FROM,
 * CONTRIBUTION_MODERATORS_EMAIL). The same proposals give the same branch and the same message key:
 * running the import again opens no second pull request and sends no second message.
 */
async function proposeToModerators(
  outcomes: readonly HubOutcome[],
  report: HubImportReport,
  { from, contentDir, reviewDir, dryRun }: { from: (typeof SOURCES)[number]; contentDir: string; reviewDir: string; dryRun: boolean },
): Promise<number> {
  const env = process.env;
  let misconfigured: string | undefined;
  const forge = chooseForge(env, (problem) => (misconfigured = problem));
  if (misconfigured) {
    console.error(`Erreur : ${misconfigured}`);
    return 1;
  }
  const hub = from === 'hsds' ? 'hsds' : 'data-inclusion';
  const moderators = env.CONTRIBUTION_MODERATORS_EMAIL || MODERATORS_EMAIL_DEFAULT;
  const items = hubModerationItems(outcomes, {
    report,
    hub,
    moderators,
    existingText: (id) => readFileSync(serviceFilePath(contentDir, id), 'utf8'),
  });
  if (!items.length) console.log('Aucun candidat ni aucune correction : rien à proposer aux modérateurs.');
  if (dryRun) {
    for (const item of items)
      console.log(`Département ${item.departement} : ${item.title} (${item.files.length} fichier(s)) — essai, rien n’est envoyé.`);
    console.log('Essai (--dry-run) : rien n’a été envoyé ni écrit.');
    return 0;
  }
  const transport = chooseMailTransport({
    RESEND_API_KEY: env.RESEND_API_KEY,
    RESEND_BASE_URL: env.RESEND_BASE_URL,
    OUTBOX_DIR: env.OUTBOX_DIR || OUTBOX_DEFAULT_DIR,
  });
  const path = { ...(forge ? { forge } : {}), transport, mailFrom: env.MAIL_FROM || MAIL_FROM_DEFAULT };
  let failures = 0;
  for (const item of items) {
    const digest = createHash('sha256')
      .update(item.files.map((f) => `${f.path}\n${f.content}`).join('\n'))
      .digest('hex')
      .slice(0, 12);
    const result = await sendForModeration(
      {
        branch: `import/${hub}-${item.departement.toLowerCase()}-${digest}`,
        title: item.title,
        labels: item.labels,
        files: item.files,
        forgeBody: item.summary,
        message: item.message,
        idempotencyKey: `import-${hub}-${item.departement}-${digest}`,
      },
      path,
    );
    const what = `${item.candidates.length} candidat(s), ${item.corrections.length} correction(s)`;
    if (!result.ok) {
      failures++;
      console.error(
        `Erreur : département ${item.departement} (${what}) non transmis : ${result.via === 'forge' ? `la forge a refusé (${result.reason})` : `l’envoi aux modérateurs a échoué (${result.reason})`}.`,
      );
    } else if (result.via === 'forge')
      console.log(
        `Département ${item.departement} : ${result.created ? 'demande de fusion ouverte' : 'demande de fusion déjà ouverte'} ${result.url} (${what}).`,
      );
    else
      console.log(
        `Département ${item.departement} : ${result.alreadySent ? 'déjà envoyé aux modérateurs' : `envoyé aux modérateurs (${moderators}${transport.name === 'outbox' ? `, outbox ${env.OUTBOX_DIR || OUTBOX_DEFAULT_DIR}` : ''})`} (${what}).`,
      );
  }
  const written = writeReview(reviewDir, contentDir, outcomes, report, { reportOnly: true });
  console.log(`Rapport dans ${written.report}. Rien n’est publié : chaque proposition attend la relecture des modérateurs.`);
  if (failures)
    console.error(
      `${failures} département(s) non transmis : relancez la même commande, les propositions déjà transmises ne sont pas envoyées deux fois.`,
    );
  return failures ? 1 : 0;
}

process.exitCode = await main();
