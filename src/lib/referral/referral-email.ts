/**
 * The two messages of a referral, as plain data for any mail transport: one to the service (all it
 * needs to call back, nothing sensitive in the subject) and a neutral acknowledgement to the requester.
 * Every user-supplied string is escaped in the HTML; no user string ever reaches a header but the
 * validated e-mail address.
 */
import { SERVICE_KIND_INFO, ACCESS_MODE_LABELS } from '../services/service-vocabulary.ts';
import { EMERGENCY_NUMBERS, SITE } from '../site/site-text.ts';
import type { RoutedService } from './referral-routing.ts';
import type { ReferralRequest } from './referral-schema.ts';
import { COURT_DECISION_LABELS, REQUESTER_ROLE_LABELS, VIOLENCE_ANSWER_LABELS, accessModeOf } from './referral-vocabulary.ts';

/** A message before the transport adds its sender. */
export interface MailContent {
  to: string;
  /** Where the service's reply goes: the requester, when they accept e-mail. */
  replyTo?: string;
  /** Display name of the sender (the address comes from the configuration). */
  fromName: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/** A text file joined to a message (a contribution's proposed content file). */
export interface MailAttachment {
  filename: string;
  /** The file's text, UTF-8. */
  content: string;
  contentType?: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] as string);
}

/** A short reference people can quote on the phone: the first 8 characters of the submission id. */
export function referralReference(submissionId: string): string {
  return submissionId.replace(/-/g, '').slice(0, 8).toUpperCase();
}

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** "15 mars 2026" from "2026-03-15". */
export function frenchDate(isoDate: string): string {
  return dateOnly.format(new Date(`${isoDate}T00:00:00Z`));
}

interface Row {
  label: string;
  value: string;
  /** Multi-line text: line breaks kept in HTML. */
  multiline?: boolean;
}

function renderRows(rows: Row[]): { text: string; html: string } {
  const text = rows.map((row) => `${row.label} : ${row.multiline && row.value.includes('\n') ? `\n${row.value}` : row.value}`).join('\n');
  const html = rows
    .map(
      (row) =>
        `<tr><th scope="row" style="text-align:left;vertical-align:top;padding:4px 12px 4px 0">${escapeHtml(row.label)}</th><td style="padding:4px 0">${escapeHtml(row.value).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');
  return { text, html: `<table role="presentation" style="border-collapse:collapse">${html}</table>` };
}

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">${body}</body></html>`;

export interface ReferralContext {
  request: ReferralRequest;
  target: RoutedService;
  communeName: string;
  /** When the request was received. */
  receivedAt: Date;
  /** Whether the person chose this service themselves. */
  chosenByRequester: boolean;
}

/** Whether the requester gets an acknowledgement: an address given, and e-mail not refused. */
export function acknowledgementAllowed(request: ReferralRequest): boolean {
  return Boolean(request.requester.email) && !request.requester.noEmail;
}

/** The message to the service's referral address. */
export function renderServiceEmail({ request, target, communeName, receivedAt, chosenByRequester }: ReferralContext): MailContent {
  const reference = referralReference(request.submissionId);
  const { requester } = request;
  const emailAllowed = acknowledgementAllowed(request);
  const decision = request.courtDecision;
  const rows: Row[] = [
    { label: 'Référence', value: reference },
    { label: 'Reçue le', value: dateTime.format(receivedAt) },
    { label: 'Aide demandée', value: SERVICE_KIND_INFO[request.kind].label },
    {
      label: 'Commune des enfants',
      value: `${communeName} (code INSEE ${request.communeCode}), à ${target.distanceKm.toLocaleString('fr-FR')} km de votre lieu ${target.location.communeName}`,
    },
    {
      label: 'Décision de justice',
      value: `${COURT_DECISION_LABELS[decision.type]}${decision.date ? `, du ${frenchDate(decision.date)}` : ''}`,
    },
    { label: 'Mode d’arrivée', value: ACCESS_MODE_LABELS[accessModeOf(request)] },
    {
      label: 'Âges des enfants',
      value: request.childrenAges.length ? request.childrenAges.map((age) => `${age} an${age > 1 ? 's' : ''}`).join(', ') : 'Non précisés',
    },
    { label: 'Violences signalées', value: VIOLENCE_ANSWER_LABELS[request.violence] },
    { label: 'Demandeur', value: `${requester.name} (${REQUESTER_ROLE_LABELS[requester.role]})` },
    { label: 'Téléphone', value: requester.phone ?? 'Non donné' },
    {
      label: 'E-mail',
      value: emailAllowed ? (requester.email as string) : requester.noEmail ? 'NE PAS CONTACTER PAR E-MAIL (boîte non sûre)' : 'Non donné',
    },
    { label: 'Message', value: request.message.trim() || 'Aucun message', multiline: true },
    {
      label: 'Service choisi',
      value: chosenByRequester ? 'Oui, par le demandeur' : 'Non : service le plus proche qui accepte ce type de demande',
    },
  ];
  const table = renderRows(rows);
  const warning =
    request.violence === 'non'
      ? ''
      : request.violence === 'oui'
        ? 'Des violences sont signalées. La personne a reçu les numéros d’urgence (3919, 119, 17 ou 112, 114 par SMS).'
        : 'La personne n’a pas su ou pas voulu dire s’il y a des violences : à vérifier avec prudence lors du premier contact.';
  const privacy = requester.noEmail
    ? 'La personne ne souhaite pas être contactée par e-mail : rappelez-la par téléphone et ne répondez pas à ce message.'
    : 'Recontactez la personne par le moyen qu’elle a indiqué.';
  const intro = `Une demande d’orientation vous est adressée par ${SITE.name}.`;
  const closing = `La personne a accepté que ces informations vous soient transmises. ${SITE.name} n’en garde pas de copie au-delà de l’envoi. Ne transférez pas ce message en dehors de votre service.`;
  const subject = `Demande d’orientation ${reference}`;
  const text = `${[intro, warning, privacy].filter(Boolean).join('\n')}\n\n${table.text}\n\n${closing}`;
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>${warning ? `<p style="border-left:4px solid #b91c1c;padding:8px 12px;background:#fef2f2"><strong>${escapeHtml(warning)}</strong></p>` : ''}<p><strong>${escapeHtml(privacy)}</strong></p>${table.html}<p style="color:#4b5563">${escapeHtml(closing)}</p>`,
  );
  return {
    to: target.service.orientation?.email ?? '',
    ...(emailAllowed ? { replyTo: requester.email as string } : {}),
    fromName: `${SITE.name} orientation`,
    subject,
    text,
    html,
  };
}

/**
 * The acknowledgement to the requester: neutral sender and subject (a mailbox may be read by someone
 * else), what happens next, and the emergency numbers. It repeats nothing of what the person wrote.
 */
export function renderAcknowledgementEmail({ request, target, receivedAt }: ReferralContext): MailContent | undefined {
  if (!acknowledgementAllowed(request)) return undefined;
  const reference = referralReference(request.submissionId);
  const contact = target.service.contact;
  const contactLines = [contact.phone ? `Téléphone : ${contact.phone}` : '', contact.website ? `Site : ${contact.website}` : ''].filter(
    Boolean,
  );
  const paragraphs = [
    'Bonjour,',
    `Votre demande (référence ${reference}) a été transmise le ${dateTime.format(receivedAt)} au service « ${target.service.name} », qui vous recontactera.`,
    contactLines.length
      ? `Sans nouvelles de sa part d’ici une semaine, vous pouvez le joindre directement. ${contactLines.join(' ; ')}.`
      : '',
    `En cas de danger : ${EMERGENCY_NUMBERS.map((entry) => `${entry.number} (${entry.label})`).join(', ')}.`,
    'Ce message est automatique : n’y répondez pas.',
  ].filter(Boolean);
  const subject = 'Confirmation de votre demande';
  return {
    to: request.requester.email as string,
    fromName: SITE.name,
    subject,
    text: paragraphs.join('\n\n'),
    html: page(subject, paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('')),
  };
}
