/**
 * npm run content:export -- --format csv|xlsx [--out <fichier>] [--content <dossier>]
 * Writes every service as the federations' spreadsheet (one row per place, the columns of
 * `content:import`), for those who prefer to edit in a spreadsheet: exporting then importing the
 * file unchanged changes nothing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SPREADSHEET_COLUMNS, serviceToRows } from '../src/lib/editing/spreadsheet-columns.ts';
import { toCsv } from '../src/lib/exports/csv-format.ts';
import { DEFAULT_CONTENT_DIR, formatProblem, loadContent } from './lib/content-files.ts';
import { writeXlsx } from './lib/spreadsheet-files.ts';

const USAGE = 'Usage : npm run content:export -- --format csv|xlsx [--out <fichier>] [--content <dossier de contenu>]';

function main(): number {
  let args;
  try {
    args = parseArgs({ options: { format: { type: 'string', default: 'csv' }, out: { type: 'string' }, content: { type: 'string' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  const format = args.values.format;
  if (format !== 'csv' && format !== 'xlsx') {
    console.error(`Format « ${format} » inconnu : csv ou xlsx.\n${USAGE}`);
    return 1;
  }
  const contentDir = args.values.content ? resolve(args.values.content) : DEFAULT_CONTENT_DIR;
  const out = resolve(args.values.out ?? `services-passerelle.${format}`);
  const { services, problems } = loadContent(contentDir);
  const errors = problems.filter((p) => p.severity === 'erreur');
  if (errors.length) {
    for (const problem of errors) console.error(formatProblem(problem));
    console.error('Le contenu a des erreurs : corrigez-les avant d’exporter (npm run content:check).');
    return 1;
  }
  const header = SPREADSHEET_COLUMNS.map((c) => c.header);
  const sorted = [...services].sort((a, b) => a.id.localeCompare(b.id));
  const rows = sorted.flatMap((service) => serviceToRows(service).map((row) => header.map((h) => row[h])));
  if (format === 'csv') writeFileSync(out, toCsv([header, ...rows], { bom: true }));
  else writeXlsx(out, [header, ...rows]);
  console.log(`${services.length} service(s), ${rows.length} ligne(s) (une par lieu) écrits dans ${out}.`);
  return 0;
}

process.exitCode = main();
