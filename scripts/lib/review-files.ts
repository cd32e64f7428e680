/**
 * The review folder (a-verifier/ beside content/): what an import from the field's directories
 * proposes, waiting for a person. One folder per département; each candidate a service file exactly
 * as an editor writes it, each proposed correction the whole existing file as the record would change
 * it, with the changes listed at its top. The site never reads this folder; content:check does.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ContentProblem } from '../../src/lib/content/content-errors.ts';
import { crossCheckContent } from '../../src/lib/content/content-validation.ts';
import { serviceSchema, type Service } from '../../src/lib/content/service-schema.ts';
import type { HubOutcome } from '../../src/lib/import/hub-import.ts';
import { SET_ASIDE_REASONS } from '../../src/lib/import/hub-import.ts';
import { formatHubImportReport, type HubImportReport } from '../../src/lib/import/hub-report.ts';
import type { LoadedContent } from './content-files.ts';
import { loadEntries } from './content-files.ts';
import { candidateText, correctionText, proposals } from '../../src/lib/import/hub-review.ts';
import { serviceFilePath } from './content-writer.ts';

/** The review folder that goes with a content folder: `a-verifier/` beside it. */
export function reviewDirFor(contentDir: string): string {
  return resolve(contentDir, '..', 'a-verifier');
}

const CORRECTIONS = 'corrections';
/** The last import's report, for people (Markdown) and for the federations' page (JSON). */
export const REPORT_FILE = 'rapport-import.md';
export const REPORT_DATA_FILE = 'rapport-import.json';

function setAsideText(outcomes: readonly HubOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.action !== 'écarté' || o.reason === 'hors-sujet' || o.reason === 'hors-departement') continue;
    lines.push(`- ${o.record.name} (${o.record.source}, ${o.record.id}) : ${SET_ASIDE_REASONS[o.reason]} — ${o.detail}`);
  }
  return lines.length ? `\n\n## Fiches écartées (hors fiches sans rapport avec les familles)\n\n${lines.join('\n')}` : '';
}

export interface WrittenReview {
  candidates: string[];
  corrections: string[];
  report: string;
}

/**
 * Writes the candidates, the corrections and the report (rapport-import.md) into the review folder,
 * each file through a temporary file and a rename. Files of earlier imports are kept (a re-run
 * writes the same names). With `reportOnly` (the proposals went to the moderators), the report alone.
 */
export function writeReview(
  reviewDir: string,
  contentDir: string,
  outcomes: readonly HubOutcome[],
  report: HubImportReport,
  { reportOnly = false } = {},
): WrittenReview {
  const importedOn = report.date;
  const files: { path: string; text: string }[] = [];
  for (const outcome of reportOnly ? [] : proposals(outcomes)) {
    if (outcome.action === 'candidat')
      files.push({ path: join(reviewDir, outcome.departement, `${outcome.id}.yaml`), text: candidateText(outcome, importedOn) });
    if (outcome.action === 'correction') {
      const existingText = readFileSync(serviceFilePath(contentDir, outcome.service.id), 'utf8');
      files.push({
        path: join(reviewDir, outcome.departement, CORRECTIONS, `${outcome.service.id}.yaml`),
        text: correctionText(outcome, existingText, importedOn),
      });
    }
  }
  const reportPath = join(reviewDir, REPORT_FILE);
  files.push({
    path: reportPath,
    text: `# Rapport d’import du ${importedOn}\n\n${formatHubImportReport(report)}${setAsideText(outcomes)}\n`,
  });
  // The same counts for /federations/rapport/ (counts only: no candidate is published).
  files.push({ path: join(reviewDir, REPORT_DATA_FILE), text: `${JSON.stringify(report, null, 2)}\n` });
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.import-${process.pid}.tmp`;
    writeFileSync(temporary, file.text);
    renameSync(temporary, file.path);
  }
  const written = (kind: 'candidat' | 'correction') =>
    files.filter((f) => f.path.endsWith('.yaml') && f.path.includes(`/${CORRECTIONS}/`) === (kind === 'correction')).map((f) => f.path);
  return { candidates: written('candidat'), corrections: written('correction'), report: reportPath };
}

export interface LoadedReview {
  candidates: Service[];
  corrections: Service[];
  problems: ContentProblem[];
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/**
 * Checks the review folder like content: every file against the service schema, and the cross-file
 * rules with the candidates added to the content and each correction in place of its service, so
 * that a file moved into content/ passes content:check. Problems on content's own files are not
 * repeated here.
 */
export function loadReview(reviewDir: string, content: LoadedContent, contentDir: string, today: Date = new Date()): LoadedReview {
  const problems: ContentProblem[] = [];
  const candidates: Service[] = [];
  const corrections: Service[] = [];
  const root = resolve(reviewDir, '..');
  const fileOfReview = new Map<string, string>();
  const folders = isDir(reviewDir)
    ? readdirSync(reviewDir)
        .filter((name) => isDir(join(reviewDir, name)))
        .sort()
    : [];
  for (const folder of folders) {
    for (const entry of loadEntries(join(reviewDir, folder), root, serviceSchema, problems)) {
      candidates.push(entry);
      fileOfReview.set(entry.id, relative(root, join(reviewDir, folder, `${entry.id}.yaml`)));
    }
    for (const entry of loadEntries(join(reviewDir, folder, CORRECTIONS), root, serviceSchema, problems)) {
      corrections.push(entry);
      fileOfReview.set(entry.id, relative(root, join(reviewDir, folder, CORRECTIONS, `${entry.id}.yaml`)));
    }
  }
  const corrected = new Set(corrections.map((s) => s.id));
  const merged = [...content.services.filter((s) => !corrected.has(s.id)), ...corrections, ...candidates];
  const contentRoot = resolve(contentDir, '..');
  const fileOf = (collection: 'services' | 'organisations', id: string) =>
    (collection === 'services' ? fileOfReview.get(id) : undefined) ?? relative(contentRoot, join(contentDir, collection, `${id}.yaml`));
  const ownFiles = new Set(fileOfReview.values());
  problems.push(
    ...crossCheckContent({ services: merged, organisations: content.organisations, fileOf }, today).filter((p) => ownFiles.has(p.file)),
  );
  return { candidates, corrections, problems };
}
