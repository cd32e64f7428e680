/**
 * npm run content:check [-- <content folder>]
 * Checks every content file (schema and cross-entry rules) and prints one French line per problem;
 * then the review folder beside it (a-verifier/: imported candidates and proposed corrections, never
 * published), reported apart, so that a file moved from there into content/ passes this check.
 * Exits 1 when there is an error; warnings alone leave it at 0.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_CONTENT_DIR, formatProblem, loadContent, WHERE_TO_ASK_FILE } from './lib/content-files.ts';
import { loadReview, reviewDirFor } from './lib/review-files.ts';

const contentDir = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_CONTENT_DIR;
const content = loadContent(contentDir);
const { services, organisations, problems } = content;
if (!existsSync(join(contentDir, WHERE_TO_ASK_FILE))) {
  problems.push({
    file: WHERE_TO_ASK_FILE,
    field: '',
    message: 'Le fichier manque : le site en a besoin pour dire où se renseigner quand aucun service n’est proche.',
    severity: 'erreur',
  });
}
for (const problem of problems) {
  (problem.severity === 'erreur' ? console.error : console.warn)(formatProblem(problem));
}
const errors = problems.filter((p) => p.severity === 'erreur').length;
const warnings = problems.length - errors;
const count = (n: number, word: string): string => `${n} ${word}${n > 1 ? 's' : ''}`;
console.log(
  `Contenu vérifié : ${count(services.length, 'service')}, ${count(organisations.length, 'organisation')} — ${count(errors, 'erreur')}, ${count(warnings, 'avertissement')}.`,
);

const reviewDir = reviewDirFor(contentDir);
let reviewErrors = 0;
if (existsSync(reviewDir)) {
  const review = loadReview(reviewDir, content, contentDir);
  for (const problem of review.problems) (problem.severity === 'erreur' ? console.error : console.warn)(formatProblem(problem));
  reviewErrors = review.problems.filter((p) => p.severity === 'erreur').length;
  console.log(
    `À vérifier (${relative(process.cwd(), reviewDir) || reviewDir}, non publié) : ${count(review.candidates.length, 'candidat')}, ${count(review.corrections.length, 'correction')} proposée${review.corrections.length > 1 ? 's' : ''} — ${count(reviewErrors, 'erreur')}, ${count(review.problems.length - reviewErrors, 'avertissement')}.`,
  );
}
if (errors + reviewErrors > 0)
  console.log('Corrigez les erreurs ci-dessus (le guide des champs est dans content/README.md), puis relancez npm run content:check.');
process.exitCode = errors + reviewErrors > 0 ? 1 : 0;
