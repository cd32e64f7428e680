/**
 * npm run content:report [-- <dossier de contenu>]
 * French summary for the federations: counts by kind per federation and per département, entries due
 * for checking, services with no way to reach them, services accepting online referrals, and white
 * zones. The same report is on the site at /federations/rapport/.
 */
import { resolve } from 'node:path';
import { buildContentReport, formatContentReport } from '../src/lib/editing/content-report.ts';
import { DEFAULT_CONTENT_DIR, formatProblem, loadContent } from './lib/content-files.ts';

const contentDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_CONTENT_DIR;
const { services, organisations, problems } = loadContent(contentDir);
const errors = problems.filter((p) => p.severity === 'erreur');
for (const problem of errors) console.error(formatProblem(problem));
console.log(formatContentReport(buildContentReport(services, organisations)));
if (errors.length) console.error(`\n${errors.length} fiche(s) en erreur ne sont pas comptées : lancez npm run content:check.`);
process.exitCode = errors.length ? 1 : 0;
