/**
 * The messages of a contribution, as plain data for any mail transport: to the moderators (a short
 * text: the change, field by field; the whole file attached as `<service id>.yaml`, ready to copy into
 * content/services/), and to a service's published address (the link that confirms an opt-in).
 * Every user string is escaped in the HTML; none reaches a header but validated e-mail addresses, and
 * subjects are kept on one line.
 */
import { escapeHtml, type MailAttachment, type MailContent } from '../referral/referral-email.ts';
import { ACCESS_MODE_LABELS, type AccessMode } from '../services/service-vocabulary.ts';
import type { ContentChange } from './contribution-change.ts';
import type { Contributor } from './contribution-form.ts';
import { CONTRIBUTION_LIMITS, CONTRIBUTOR_ROLE_LABELS } from './contribution-vocabulary.ts';

const FROM_NAME = 'Passerelle (contributions)';

const SERVICES_FOLDER = 'content/services';

/** The attachment's name: `<service id>.yaml`, the file's own name in content/services/. */
export const attachmentName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Files of content/services/ as a moderators' message carries them: each attached as `<service id>.yaml`. */
export function serviceFileAttachments(files: readonly { path: string; content: string }[]): MailAttachment[] {
  return files.map((file) => ({
    filename: attachmentName(file.path),
    content: file.content,
    contentType: 'application/yaml; charset=utf-8',
  }));
}

/** Every service file a moderators' message carries as an attachment, with the path it goes to (an import's message carries several). */
export function filesFromMessage(message: Pick<MailContent, 'attachments'>): { path: string; yaml: string }[] {
  return (message.attachments ?? [])
    .filter((a) => a.filename.endsWith('.yaml'))
    .map((a) => ({ path: `${SERVICES_FOLDER}/${a.filename}`, yaml: a.content }));
}

/** The file a contribution's message carries as its attachment, or undefined when the message has none. */
export const fileFromMessage = (message: Pick<MailContent, 'attachments'>): { path: string; yaml: string } | undefined =>
  filesFromMessage(message)[0];

/** One line, no control character: what a subject may hold. */
export const oneLine = (text: string): string => text.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ').slice(0, 200);

export const page = (title: string, body: string): string =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">${body}</body></html>`;

export interface ModeratorMessageContext {
  change: ContentChange;
  /** Absent for a confirmed opt-in: the published address that confirmed is in the file. */
  contributor?: Contributor;
  note?: string;
  unmatchedManager?: string;
  /** The pull request, when the change went to the forge too. */
  pullRequestUrl?: string;
  /** The text is the body of the pull request that holds the file, not of a message that attaches it. */
  inPullRequest?: boolean;
  moderators: string;
}

/** The message to the moderators: who, what changes, and the file. */
export function renderModeratorEmail({
  change,
  contributor,
  note,
  unmatchedManager,
  pullRequestUrl,
  inPullRequest,
  moderators,
}: ModeratorMessageContext): MailContent {
  const lines: string[] = [`${change.title}`, ''];
  if (change.verifyByPhone) lines.push(`À VÉRIFIER PAR TÉLÉPHONE AVANT PUBLICATION : ${change.verifyByPhone}`, '');
  if (contributor) lines.push(`Proposé par : ${contributor.name} (${CONTRIBUTOR_ROLE_LABELS[contributor.role]}), ${contributor.email}`);
  if (unmatchedManager) lines.push(`Gestionnaire indiqué (aucune organisation de l’annuaire ne porte ce nom) : ${unmatchedManager}`);
  if (note) lines.push('', 'Message :', note);
  if (pullRequestUrl) lines.push('', `Demande de fusion : ${pullRequestUrl}`);
  if (change.changes.length) {
    lines.push('', 'Changements, champ par champ :');
    for (const c of change.changes)
      lines.push(
        c.places
          ? `- ${c.label} : ${c.places.join(' ; ')}`
          : c.before !== undefined
            ? `- ${c.label} : « ${c.before} » → « ${c.after ?? ''} »`
            : `- ${c.label}`,
      );
  }
  const file = attachmentName(change.path);
  lines.push(
    '',
    inPullRequest
      ? `Le fichier proposé, ${change.path}, est dans cette demande de fusion : vérifiez-le avec npm run content:check avant de la fusionner.`
      : `Le fichier proposé est joint à ce message (${file}) : copiez-le dans ${change.path}, vérifiez-le avec npm run content:check, puis publiez-le comme toute modification.`,
  );
  const text = `${lines.join('\n')}\n`;
  const html = page(change.title, `<p>${escapeHtml(lines.join('\n')).replace(/\n/g, '<br>')}</p>`);
  return {
    to: moderators,
    ...(contributor ? { replyTo: contributor.email } : {}),
    fromName: FROM_NAME,
    subject: oneLine(`[Passerelle] ${change.title}`),
    text,
    html,
    attachments: serviceFileAttachments([{ path: change.path, content: change.yaml }]),
  };
}

export interface ConfirmationMessageContext {
  serviceName: string;
  /** The published address: the only one a confirmation link is sent to. */
  to: string;
  link: string;
  email: string;
  acceptedAccess: readonly AccessMode[];
}

/** The message to the service's published address, with the confirmation link. */
export function renderConfirmationEmail({ serviceName, to, link, email, acceptedAccess }: ConfirmationMessageContext): MailContent {
  const access = acceptedAccess.map((mode) => ACCESS_MODE_LABELS[mode]).join(', ');
  const intro = [
    'Bonjour,',
    '',
    `Quelqu’un a demandé sur Passerelle que le service « ${serviceName} » reçoive en ligne les demandes d’orientation des familles et des professionnels.`,
    `Les demandes iraient à l’adresse : ${email}`,
    `Modes d’arrivée acceptés : ${access}`,
    '',
    `Ce message est envoyé à l’adresse publiée pour ce service. Si vous êtes d’accord, ouvrez ce lien (valable ${CONTRIBUTION_LIMITS.tokenValidityDays} jours) puis confirmez :`,
  ].join('\n');
  const outro = 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne changera.';
  return {
    to,
    fromName: 'Passerelle',
    subject: oneLine(`Confirmer la réception des demandes d’orientation : ${serviceName}`),
    text: `${intro}\n${link}\n\n${outro}\n`,
    html: page(
      'Confirmer',
      `<p>${escapeHtml(intro).replace(/\n/g, '<br>')}</p><p><a href="${escapeHtml(link)}">Confirmer la demande</a></p><p>${escapeHtml(outro)}</p>`,
    ),
  };
}
