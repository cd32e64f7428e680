/**
 * npm run content:check [-- <content folder>]
 * Checks every content file (schema and cross-entry rules) and prints one French line per problem.
 * Exits 1 when there is an error; warnings alone leave it at 0.
 */
import { resolve } from 'node:path';
import { DEFAULT_CONTENT_DIR, formatProblem, loadContent } from './lib/content-files.ts';

const contentDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_CONTENT_DIR;
const { services, organisations, problems } = loadContent(contentDir);
for (const problem of problems) {
  (problem.severity === 'erreur' ? console.error : console.warn)(formatProblem(problem));
}
const errors = problems.filter((p) => p.severity === 'erreur').length;
const warnings = problems.length - errors;
console.log(
  `Contenu vérifié : ${services.length} services, ${organisations.length} organisations — ${errors} erreur(s), ${warnings} avertissement(s).`,
);
process.exitCode = errors > 0 ? 1 : 0;
