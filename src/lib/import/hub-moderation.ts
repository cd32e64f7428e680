/**
 * An import's proposals as moderation items, one per département, so that the federation of a
 * département reviews its own: the candidates and corrections of that département as files at their
 * place in content/services/, a summary (the pull request's description), and the message to the
 * moderators carrying the same files the way a contribution's message carries its file. Pure: the
 * caller sends each item through the moderation path (src/server/moderation-delivery.ts).
 */
import { escapeHtml, type MailContent } from '../referral/referral-email.ts';
import { oneLine, page, serviceFileAttachments } from '../contribution/contribution-email.ts';
import { formatChanges } from '../editing/service-changes.ts';
import { serviceContentFile } from '../services/service-feedback.ts';
import type { Candidate, Correction, HubOutcome } from './hub-import.ts';
import { formatSetAside, type HubImportReport } from './hub-report.ts';
import { candidateText, correctionText, proposals } from './hub-review.ts';

export interface HubModerationItem {
  departement: string;
  departementName: string;
  candidates: string[];
  corrections: string[];
  title: string;
  labels: string[];
  files: { path: string; content: string }[];
  /** For the pull request: who the records come from, why each kind, what changes. */
  summary: string;
  message: MailContent;
}

export interface HubModerationOptions {
  report: HubImportReport;
  /** The hub, for the labels: data-inclusion or hsds. */
  hub: 'data-inclusion' | 'hsds';
  moderators: string;
  /** The text of an existing service's file, for a correction (its comments are kept). */
  existingText: (serviceId: string) => string;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

function summaryLines(outcomes: readonly (Candidate | Correction)[]): string[] {
  const lines: string[] = [];
  const candidates = outcomes.filter((o): o is Candidate => o.action === 'candidat');
  const corrections = outcomes.filter((o): o is Correction => o.action === 'correction');
  if (candidates.length) {
    lines.push('', 'Nouveaux services proposés :');
    for (const c of candidates) {
      lines.push(`- ${serviceContentFile(c.id)} : ${c.data.name} (fiche ${c.record.id}, mise à jour le ${c.record.updated})`);
      for (const k of c.kinds) lines.push(`  - ${k.kind} : ${k.reason}`);
    }
  }
  if (corrections.length) {
    lines.push('', 'Corrections proposées de fiches publiées :');
    for (const c of corrections)
      lines.push(`- ${serviceContentFile(c.service.id)} (rapprochement : ${c.match}) : ${formatChanges(c.changes)}`);
  }
  return lines;
}

/** One item per département that has a candidate or a correction, in the report's order. */
export function hubModerationItems(
  outcomes: readonly HubOutcome[],
  { report, hub, moderators, existingText }: HubModerationOptions,
): HubModerationItem[] {
  const byDepartement = new Map<string, (Candidate | Correction)[]>();
  for (const outcome of proposals(outcomes))
    byDepartement.set(outcome.departement, [...(byDepartement.get(outcome.departement) ?? []), outcome]);
  return report.departements.flatMap((departement) => {
    const own = byDepartement.get(departement.code);
    if (!own) return [];
    const candidates = own.flatMap((o) => (o.action === 'candidat' ? [serviceContentFile(o.id)] : []));
    const corrections = own.flatMap((o) => (o.action === 'correction' ? [serviceContentFile(o.service.id)] : []));
    const files = own.map((o) =>
      o.action === 'candidat'
        ? { path: serviceContentFile(o.id), content: candidateText(o, report.date, 'moderation') }
        : { path: serviceContentFile(o.service.id), content: correctionText(o, existingText(o.service.id), report.date, 'moderation') },
    );
    const counts = [
      candidates.length ? `${candidates.length} ${candidates.length > 1 ? 'nouveaux services' : 'nouveau service'}` : '',
      corrections.length ? plural(corrections.length, 'correction') : '',
    ]
      .filter(Boolean)
      .join(' et ');
    const place = `${departement.name} (${departement.code})`;
    const title = oneLine(`Import ${report.from ? `${report.from.split(',')[0]} ` : ''}: ${place}, ${counts}`);
    const setAside = formatSetAside(departement);
    const summary = [
      `Import du ${report.date}${report.from ? ` (${report.from})` : ''}, département ${place} : ${counts} à relire.`,
      'Rien n’est publié avant votre relecture : vérifiez chaque fiche auprès du service (téléphone, site), gardez ce qui est juste, retirez le reste.',
      ...summaryLines(own),
      ...(setAside ? ['', `Écartés dans ce département : ${setAside}.`] : []),
    ].join('\n');
    const instructions =
      'Pour publier : copiez chaque fichier joint dans content/services/, vérifiez avec npm run content:check, puis publiez-les comme toute modification.';
    const message: MailContent = {
      to: moderators,
      fromName: 'Passerelle (import)',
      subject: oneLine(`[Passerelle] ${title}`),
      text: `${summary}\n\n${instructions}\n`,
      html: page(title, `<p>${escapeHtml(`${summary}\n\n${instructions}`).replace(/\n/g, '<br>')}</p>`),
      attachments: serviceFileAttachments(files),
    };
    return [
      {
        departement: departement.code,
        departementName: departement.name,
        candidates,
        corrections,
        title,
        labels: ['import', `import:${hub}`, `departement:${departement.code}`],
        files,
        summary,
        message,
      },
    ];
  });
}
