/**
 * The HTML form and the request object: field names, the conversion of posted fields into the JSON
 * contract, and the anti-robot checks of the browser form (honeypot, minimum fill time).
 * Shared by the React island (validation as you type) and the server (plain POST without JavaScript).
 */
import { REFERRAL_LIMITS } from './referral-vocabulary.ts';

/** The form field that asks for the early answer (the no-JavaScript button, and the island's fetch). */
export const EARLY_ANSWER_STEP = { name: 'etape', value: 'verifier' } as const;

/** Field errors, keyed by the dotted path of the field ("requester.email"); `_form` for the request as a whole. */
export type FieldErrors = Record<string, string>;
export const FORM_ERROR_KEY = '_form';

/** Posted fields, by name. */
export type FormFields = Record<string, string>;

/** Names of the form's fields; most are the dotted path of the request field they fill. */
export const FORM_FIELDS = {
  violence: 'violence',
  kind: 'kind',
  /** Commune name or postal code as typed, resolved server-side. */
  commune: 'commune',
  /** INSEE code, when known already (a choice among homonyms; the island also sends the autocomplete's here). */
  communeCode: 'communeCode',
  /** The commune autocomplete's own hidden field (CommuneField: `<name>Insee`), empty without JavaScript. */
  communeInsee: 'communeInsee',
  role: 'requester.role',
  name: 'requester.name',
  email: 'requester.email',
  phone: 'requester.phone',
  noEmail: 'requester.noEmail',
  courtDecision: 'courtDecision.type',
  courtDecisionDate: 'courtDecision.date',
  childrenAges: 'childrenAges',
  message: 'message',
  consent: 'consent',
  serviceId: 'serviceId',
  submissionId: 'submissionId',
  startedAt: 'startedAt',
  /** Honeypot: hidden from people, filled by robots. */
  honeypot: 'confirmation_site',
} as const;

const KNOWN_FIELDS = new Set<string>(Object.values(FORM_FIELDS));

/** The field under which an error on a request path is shown in the form. */
export function formFieldOfError(key: string): string {
  return key === 'communeCode' ? FORM_FIELDS.commune : key;
}

/** A checkbox is on when posted with any value but "false" or "0". */
const isChecked = (value: string | undefined): boolean => value !== undefined && value !== '' && value !== 'false' && value !== '0';

/** "3, 7 et 12 ans" gives [3, 7, 12]; anything else than whole numbers gives NaN, which the schema refuses. */
export function parseChildrenAges(text: string): number[] {
  const tokens = text
    .replace(/\bans?\b/gi, ' ')
    .split(/[\s,;/]+|\bet\b/i)
    .map((token) => token.trim())
    .filter(Boolean);
  return tokens.map((token) => (/^\d{1,2}$/.test(token) ? Number(token) : Number.NaN));
}

export interface CommuneChoice {
  code: string;
  label: string;
}

/** What a commune typed as text resolves to. */
export type CommuneResolution = { code: string } | { error: string; choices?: CommuneChoice[] };

/**
 * Resolves the commune typed, given the INSEE code chosen earlier if any (a suggestion, or a radio
 * among homonyms): the chosen code holds while it still fits the text, so that a commune typed
 * again wins over an earlier choice.
 */
export type CommuneResolver = (text: string, chosenCode?: string) => CommuneResolution;

/**
 * The request object (JSON contract) from posted fields. The commune is resolved by the caller
 * (the server has the territory data; the browser only checks it is filled in).
 */
export function requestInputFromForm(
  fields: FormFields,
  resolveCommune: CommuneResolver,
): { input: Record<string, unknown>; errors: FieldErrors; communeChoices?: CommuneChoice[] } {
  const errors: FieldErrors = {};
  const text = (name: string): string | undefined => {
    const value = fields[name]?.trim();
    return value ? value : undefined;
  };
  const unknown = Object.keys(fields).filter((name) => !KNOWN_FIELDS.has(name));
  if (unknown.length)
    errors[FORM_ERROR_KEY] = `Champ inconnu ${unknown.map((name) => `« ${name} »`).join(', ')} : la demande n’est pas acceptée.`;

  let communeCode: string | undefined;
  let communeChoices: CommuneChoice[] | undefined;
  const resolution = resolveCommune(text(FORM_FIELDS.commune) ?? '', text(FORM_FIELDS.communeInsee) ?? text(FORM_FIELDS.communeCode));
  if ('code' in resolution) communeCode = resolution.code;
  else {
    errors.communeCode = resolution.error;
    communeChoices = resolution.choices;
  }
  const decisionType = text(FORM_FIELDS.courtDecision);
  const decisionDate = text(FORM_FIELDS.courtDecisionDate);
  const input: Record<string, unknown> = {
    violence: text(FORM_FIELDS.violence),
    kind: text(FORM_FIELDS.kind),
    communeCode,
    requester: {
      role: text(FORM_FIELDS.role),
      name: fields[FORM_FIELDS.name] ?? '',
      ...(text(FORM_FIELDS.email) !== undefined ? { email: fields[FORM_FIELDS.email] } : {}),
      ...(text(FORM_FIELDS.phone) !== undefined ? { phone: fields[FORM_FIELDS.phone] } : {}),
      noEmail: isChecked(fields[FORM_FIELDS.noEmail]),
    },
    courtDecision: {
      type: decisionType,
      ...(decisionType && decisionType !== 'aucune' && decisionDate ? { date: decisionDate } : {}),
    },
    childrenAges: parseChildrenAges(fields[FORM_FIELDS.childrenAges] ?? ''),
    message: (fields[FORM_FIELDS.message] ?? '').replace(/\r\n?/g, '\n'),
    consent: isChecked(fields[FORM_FIELDS.consent]),
    ...(text(FORM_FIELDS.serviceId) !== undefined ? { serviceId: text(FORM_FIELDS.serviceId) } : {}),
    submissionId: text(FORM_FIELDS.submissionId),
  };
  return { input, errors, ...(communeChoices ? { communeChoices } : {}) };
}

/** How long a form stays valid after the server rendered it: a form left open overnight still goes. */
export const FORM_MAX_AGE_MS = 48 * 60 * 60 * 1000;
/** Tolerance for a startedAt slightly ahead of the clock (another server instance's clock). */
const FORM_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** The answer to a form too old, or whose start time was not written by the server. */
export const FORM_EXPIRED_MESSAGE =
  'Le formulaire a été ouvert il y a trop longtemps : vos réponses sont conservées ci-dessous, renvoyez-le dans quelques secondes.';

/**
 * The browser form's anti-robot checks: the honeypot must stay empty and the form must have been
 * open for at least a few seconds (`startedAt` is written when the form is shown).
 */
export function formGuardErrors(fields: FormFields, now: number, minFillMs: number = REFERRAL_LIMITS.minFillMs): FieldErrors {
  if (fields[FORM_FIELDS.honeypot]) {
    return {
      [FORM_ERROR_KEY]:
        'Votre demande n’a pas été acceptée : un champ caché, qui doit rester vide, a été rempli (peut-être par un remplissage automatique). Videz-le ou rechargez la page, puis renvoyez la demande.',
    };
  }
  const startedAt = Number(fields[FORM_FIELDS.startedAt]);
  if (!Number.isFinite(startedAt) || startedAt <= 0) {
    return { [FORM_ERROR_KEY]: 'Le formulaire est incomplet : rechargez la page du formulaire puis renvoyez votre demande.' };
  }
  // The server writes startedAt when it renders the form: a time long past (startedAt=1) or to come was
  // not written by it, and would let a robot skip the minimum fill time.
  if (startedAt > now + FORM_CLOCK_SKEW_MS || now - startedAt > FORM_MAX_AGE_MS) {
    return { [FORM_ERROR_KEY]: FORM_EXPIRED_MESSAGE };
  }
  if (now - startedAt < minFillMs) {
    return {
      [FORM_ERROR_KEY]:
        'Le formulaire a été envoyé trop vite après son ouverture : vérifiez vos réponses puis renvoyez-le dans quelques secondes.',
    };
  }
  return {};
}

/** The share of the message's limit from which the counter is announced to screen readers. */
const MESSAGE_NEAR_LIMIT = 0.9;

/**
 * What the message counter announces (aria-live): nothing while the message is short, so that a
 * screen reader does not read the count at every keystroke; one sentence near the limit, another at it.
 */
export function messageLengthAnnouncement(length: number, max: number = REFERRAL_LIMITS.messageMax): string {
  if (length >= max) return `Vous avez atteint la limite de ${max} caractères.`;
  if (length >= max * MESSAGE_NEAR_LIMIT) return `Il vous reste moins de ${Math.round(max * (1 - MESSAGE_NEAR_LIMIT))} caractères.`;
  return '';
}
