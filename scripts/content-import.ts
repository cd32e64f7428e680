/**
 * npm run content:import -- <fichier.csv|fichier.xlsx|fichier.ods> [--dry-run] [--content <dossier>]
 * Turns a federation's spreadsheet into service files (columns: content/README.md, « Importer un
 * tableur »). Every row becomes a valid file or is reported with its line and a French reason; when
 * any row fails, nothing is written. Existing entries are updated in place, only through the columns
 * the sheet has, and the report says what changed, place by place. Exit code: 0 when imported (or
 * would be, with --dry-run), 1 on any error.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatImportProblem, planImport, readImportTable, type PlannedEntry } from '../src/lib/editing/service-import.ts';
import { formatChanges } from '../src/lib/editing/service-changes.ts';
import { readServiceFile, writeImport } from './lib/content-writer.ts';
import { DEFAULT_CONTENT_DIR, loadContent } from './lib/content-files.ts';
import { readSpreadsheet } from './lib/spreadsheet-files.ts';

const USAGE = 'Usage : npm run content:import -- <fichier.csv|.xlsx|.ods> [--dry-run] [--content <dossier de contenu>]';

function main(): number {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false }, content: { type: 'string' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
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
    ? (done: number, services: number) => process.stderr.write(`\rVérification : ${done}/${services} services (${total} lignes)${done === services ? '\n' : ''}`)
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
  console.log(`${summary}. ${written.length} fichier(s) écrit(s) dans ${contentDir}/services. Vérifiez avec npm run content:check puis relisez les changements avant de les publier.`);
  return 0;
}

process.exitCode = main();
