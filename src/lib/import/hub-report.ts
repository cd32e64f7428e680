/**
 * The report of an import from the field's directories, for the federations: per département and
 * kind, how many candidates, how many records matched an existing service (corrections proposed, or
 * nothing to change), how many were set aside, and why.
 */
import { SERVICE_KIND_INFO, SERVICE_KINDS, type ServiceKind } from '../services/service-vocabulary.ts';
import { getDepartement } from '../territories/territory-data.ts';
import { SET_ASIDE_REASONS, type HubOutcome, type SetAsideReason } from './hub-import.ts';

export interface KindCounts {
  candidats: number;
  corrections: number;
  inchangés: number;
  écartés: number;
}

export interface DepartementImportReport {
  /** '' for records without a commune. */
  code: string;
  name: string;
  /** By kind; records set aside before any kind was read count under 'sans type'. */
  kinds: Partial<Record<ServiceKind | 'sans type', KindCounts>>;
  setAside: Partial<Record<SetAsideReason, number>>;
}

export interface HubImportReport {
  /** The day of the import (AAAA-MM-JJ). */
  date: string;
  /** What was read: « data·inclusion (fichier services.json) », « annuaire HSDS … ». */
  from: string;
  records: number;
  /** Records of other départements than the one asked for (--departement): counted here only. */
  otherDepartements: number;
  totals: KindCounts;
  departements: DepartementImportReport[];
}

const emptyCounts = (): KindCounts => ({ candidats: 0, corrections: 0, inchangés: 0, écartés: 0 });
const COLUMN: Record<HubOutcome['action'], keyof KindCounts> = {
  candidat: 'candidats',
  correction: 'corrections',
  inchangé: 'inchangés',
  écarté: 'écartés',
};

function kindsOf(outcome: HubOutcome): (ServiceKind | 'sans type')[] {
  if (outcome.action === 'candidat') return outcome.kinds.map((k) => k.kind);
  if (outcome.action === 'correction' || outcome.action === 'inchangé') return outcome.service.kinds;
  const kinds = outcome.kinds?.map((k) => k.kind) ?? [];
  return kinds.length ? kinds : ['sans type'];
}

/** Counts the outcomes of an import; a service of two kinds counts under each, once in the totals. */
export function buildHubImportReport(
  outcomes: readonly HubOutcome[],
  from = '',
  date: string = new Date().toISOString().slice(0, 10),
): HubImportReport {
  const totals = emptyCounts();
  const byCode = new Map<string, DepartementImportReport>();
  let otherDepartements = 0;
  for (const outcome of outcomes) {
    if (outcome.action === 'écarté' && outcome.reason === 'hors-departement') {
      otherDepartements++;
      continue;
    }
    const code = outcome.departement ?? '';
    let report = byCode.get(code);
    if (!report)
      byCode.set(code, (report = { code, name: code ? (getDepartement(code)?.name ?? code) : 'Sans commune', kinds: {}, setAside: {} }));
    totals[COLUMN[outcome.action]]++;
    for (const kind of kindsOf(outcome)) (report.kinds[kind] ??= emptyCounts())[COLUMN[outcome.action]]++;
    if (outcome.action === 'écarté') report.setAside[outcome.reason] = (report.setAside[outcome.reason] ?? 0) + 1;
  }
  const departements = [...byCode.values()].sort((a, b) => (a.code === '' ? 1 : b.code === '' ? -1 : a.code.localeCompare(b.code)));
  return { date, from, records: outcomes.length, otherDepartements, totals, departements };
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
const countsText = (c: KindCounts) =>
  `${plural(c.candidats, 'candidat')}, ${plural(c.corrections, 'correction')} proposée${c.corrections > 1 ? 's' : ''}, ${c.inchangés} déjà à jour, ${plural(c.écartés, 'écarté')}`;

/** Rows of the per-kind table, in the vocabulary's order. */
export function kindRows(report: DepartementImportReport): { label: string; counts: KindCounts }[] {
  return [...SERVICE_KINDS, 'sans type' as const].flatMap((kind) => {
    const counts = report.kinds[kind];
    return counts ? [{ label: kind === 'sans type' ? 'Sans type plausible' : SERVICE_KIND_INFO[kind].label, counts }] : [];
  });
}

/** "3 candidats, 1 correction proposée, 0 déjà à jour, 2 écartés" */
export { countsText as formatKindCounts };

/** "1 service suspendu ; 2 commune absente ou inconnue", or '' when nothing was set aside. */
export function formatSetAside(report: DepartementImportReport): string {
  return (Object.entries(report.setAside) as [SetAsideReason, number][])
    .map(([reason, n]) => `${n} ${SET_ASIDE_REASONS[reason]}`)
    .join(' ; ');
}

/** The report as French text (the terminal, and the review folder's rapport-import.md). */
export function formatHubImportReport(report: HubImportReport): string {
  const others = report.otherDepartements ? ` (et ${report.otherDepartements} d’autres départements, laissées de côté)` : '';
  const lines = [
    `${plural(report.records, 'fiche')} lue${report.records > 1 ? 's' : ''}${report.from ? ` (${report.from})` : ''} : ${countsText(report.totals)}${others}.`,
  ];
  for (const departement of report.departements) {
    lines.push('', departement.code ? `## ${departement.code} ${departement.name}` : `## ${departement.name}`);
    for (const { label, counts } of kindRows(departement)) lines.push(`- ${label} : ${countsText(counts)}`);
    const setAside = formatSetAside(departement);
    if (setAside) lines.push(`- Écartés : ${setAside}`);
  }
  return lines.join('\n');
}
