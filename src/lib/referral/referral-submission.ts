/**
 * The referral form island's logic, without React: which errors show, what is posted, when the early
 * answer is asked again, and what the form does with each answer of POST /api/orientation. The island
 * (src/islands/referral/) only keeps the state and renders it.
 */
import { serviceContactLines, unexpectedAnswerMessage, type ReferralAnswer, type SuccessAnswer } from './referral-answer.ts';
import {
  FORM_ERROR_KEY,
  FORM_FIELDS,
  formFieldOfError,
  requestInputFromForm,
  type CommuneChoice,
  type CommuneResolver,
  type FieldErrors,
  type FormFields,
} from './referral-form.ts';
import type { validateReferral } from './referral-schema.ts';

/** A message above the form: a failed sending (with the service's contact) or a refused request. */
export interface ReferralBanner {
  title: string;
  text: string;
  phone?: string;
  website?: string;
}

/** Errors keyed by form field (the commune code's errors go to the commune field). */
export function errorsByFormField(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) mapped[formFieldOfError(key)] ??= message;
  return mapped;
}

/** The browser has no territory data: a commune chosen, or at least typed, is enough; the server resolves the text. */
export const communeChosenOrTyped: CommuneResolver = (text, chosenCode) =>
  chosenCode
    ? { code: chosenCode }
    : text.trim()
      ? { code: '00000' }
      : { error: 'Indiquez la commune où vivent les enfants (nom ou code postal).' };

export type ValidateReferral = typeof validateReferral;

/** The errors of the values typed so far, by form field, as the server's schema would find them. */
export function liveErrors(values: FormFields, validate: ValidateReferral): FieldErrors {
  const { input, errors } = requestInputFromForm(values, communeChosenOrTyped);
  const result = validate(input);
  return errorsByFormField({ ...(result.ok ? {} : result.errors), ...errors });
}

/**
 * The errors shown: the server's (until their field is touched and valid again), and the live ones of
 * the fields touched, or of every field once the person tried to send.
 */
export function shownErrors(server: FieldErrors, live: FieldErrors, touched: ReadonlySet<string>, submitted: boolean): FieldErrors {
  const shown: FieldErrors = { ...server };
  for (const [field, message] of Object.entries(live)) if (submitted || touched.has(field)) shown[field] ??= message;
  for (const field of Object.keys(server)) if (touched.has(field) && !live[field] && field !== FORM_ERROR_KEY) delete shown[field];
  return shown;
}

/** The posted form as sent by fetch: the commune picked among suggestions goes as `communeCode`, like a choice among homonyms. */
export function postedFields(entries: Iterable<[string, string]>): URLSearchParams {
  const fields = new URLSearchParams([...entries]);
  const picked = fields.get(FORM_FIELDS.communeInsee);
  fields.delete(FORM_FIELDS.communeInsee);
  if (picked) fields.set(FORM_FIELDS.communeCode, picked);
  return fields;
}

/** The first answers (violence, kind, commune chosen): the early answer is asked again when they change. */
export const earlyAnswerKey = (values: FormFields): string =>
  [values[FORM_FIELDS.violence] ?? '', values[FORM_FIELDS.kind] ?? '', values[FORM_FIELDS.communeCode] ?? ''].join('|');

/** The fields the early answer is asked with, or undefined while one of the first answers is missing. */
export function earlyAnswerFields(values: FormFields): FormFields | undefined {
  const violence = values[FORM_FIELDS.violence] ?? '';
  const kind = values[FORM_FIELDS.kind] ?? '';
  const communeCode = values[FORM_FIELDS.communeCode] ?? '';
  if (!violence || !kind || !communeCode) return undefined;
  return {
    [FORM_FIELDS.violence]: violence,
    [FORM_FIELDS.kind]: kind,
    [FORM_FIELDS.communeCode]: communeCode,
    [FORM_FIELDS.commune]: values[FORM_FIELDS.commune] ?? '',
  };
}

/** The answer, when the server sent one of ours (JSON); a proxy's page or Astro's plain-text 403 is not. */
export async function readReferralAnswer(response: Response): Promise<ReferralAnswer | undefined> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  const answer = (await response.json().catch(() => undefined)) as ReferralAnswer | undefined;
  return answer && typeof answer === 'object' && typeof answer.status === 'string' ? answer : undefined;
}

/** What the form does after sending. */
export type SubmissionOutcome =
  /** Sent, or nothing can be sent online: the answer replaces the form. */
  | { type: 'result'; answer: SuccessAnswer }
  /** The server found errors: shown beside their fields (and homonyms to choose from). */
  | { type: 'invalid'; errors: FieldErrors; communeChoices: CommuneChoice[] | undefined }
  /** Not sent: a message above the form; `newSubmission` when the next sending must be a new request. */
  | { type: 'banner'; banner: ReferralBanner; newSubmission: boolean };

const NOT_SENT = 'Votre demande n’a pas pu être envoyée';

/** The banner when the request did not reach the server. */
export const CONNECTION_FAILED_BANNER: ReferralBanner = {
  title: NOT_SENT,
  text: 'La connexion a échoué. Vérifiez votre connexion internet puis renvoyez la demande : ce que vous avez écrit est conservé.',
};

/** What the form does with the server's answer (undefined when it was not one of ours) and the HTTP status. */
export function submissionOutcome(answer: ReferralAnswer | undefined, httpStatus: number): SubmissionOutcome {
  if (!answer) return { type: 'banner', banner: { title: NOT_SENT, text: unexpectedAnswerMessage(httpStatus) }, newSubmission: false };
  switch (answer.status) {
    case 'envoyee':
    case 'a-contacter-directement':
      return { type: 'result', answer };
    case 'invalide':
      return { type: 'invalid', errors: errorsByFormField(answer.errors), communeChoices: answer.communeChoices };
    case 'echec-envoi':
      return {
        type: 'banner',
        banner: { title: NOT_SENT, text: answer.error, ...serviceContactLines(answer.service) },
        newSubmission: false,
      };
    case 'deja-envoyee':
      return {
        type: 'banner',
        banner: { title: 'Cette demande a déjà été envoyée', text: answer.error, ...serviceContactLines(answer.service) },
        newSubmission: true,
      };
    default:
      return {
        type: 'banner',
        banner: { title: 'Votre demande n’a pas été acceptée', text: answer.error, ...serviceContactLines(answer.service) },
        newSubmission: false,
      };
  }
}
