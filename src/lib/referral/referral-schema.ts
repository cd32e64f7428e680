/**
 * The referral request: one zod schema for the browser (validation as you type) and the server
 * (the endpoint's JSON contract). Every message is French and says what to do.
 *
 * Written with `zod/mini` (the same zod package as `astro/zod`): its functions tree-shake, so the
 * form's island carries only the checks used here, not every method of classic zod.
 */
import * as z from 'zod/mini';
import { SERVICE_KINDS } from '../services/service-vocabulary.ts';
import { FORM_ERROR_KEY, type FieldErrors } from './referral-form.ts';
import { COURT_DECISIONS, REFERRAL_LIMITS, REQUESTER_ROLES, VIOLENCE_ANSWERS } from './referral-vocabulary.ts';

// This schema also runs in the browser, whose CSP forbids eval: without this, zod probes `new Function`
// and the browser reports a CSP violation on every page with the form.
z.config({ jitless: true });

/** Carriage returns, line feeds and other control characters: never in a one-line field (header injection). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f\u2028\u2029]/;
/** Control characters other than line breaks and tabs, for the message. */
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/**
 * What no line typed by a person holds, and what can make a name read differently from what it is in
 * the service's mailbox: C1 control characters, zero-width characters, direction marks, embeddings,
 * overrides and isolates (U+202E turns "Léa" into "aéL"), invisible operators, the byte order mark,
 * and a lone surrogate (half an emoji, which no mail transport encodes).
 */
const INVISIBLE_IN_LINE = /[\u0080-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\p{Cs}/u;
/**
 * The same for the message, which may hold joined emoji and right-to-left words: C1 controls,
 * direction embeddings, overrides and isolates (not the simple marks U+200E and U+200F, nor the
 * zero-width joiners), and lone surrogates.
 */
const INVISIBLE_IN_MESSAGE = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069\ufeff]|\p{Cs}/u;

/** French numbers (mainland and overseas) or any international number, written with or without separators. */
const PHONE_PATTERN = /^(?:0[1-9]\d{8}|\+33[1-9]\d{8}|\+(?!33)\d{8,15})$/;
const INSEE_PATTERN = /^\d[\dAB]\d{3}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// Same as content ids (content-fields.ts), copied so that the browser bundle stays free of territory data.
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Removes the separators people type in phone numbers. */
export function compactPhone(phone: string): string {
  return phone.replace(/[\s.\-()]/g, '');
}

const missing = (issue: { input?: unknown }, whenMissing: string, otherwise: string): string =>
  issue.input === undefined ? whenMissing : otherwise;

const oneLine = (what: string, max: number) =>
  z.string({ error: (issue) => missing(issue, `${what} : ce champ est obligatoire.`, `${what} doit être du texte.`) }).check(
    z.trim(),
    z.maxLength(max, { error: `${what} : ${max} caractères au plus.` }),
    z.refine((value) => !CONTROL_CHARACTERS.test(value), { error: `${what} : tenez-vous-en à une seule ligne, sans retour à la ligne.` }),
    z.refine((value) => !INVISIBLE_IN_LINE.test(value), {
      error: `${what} contient des caractères invisibles ou de contrôle non acceptés : retapez-le au clavier plutôt que de le coller.`,
    }),
  );

const isPastOrToday = (value: string, now: Date): boolean => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(time) &&
    new Date(time).toISOString().slice(0, 10) === value &&
    value <= now.toISOString().slice(0, 10) &&
    value >= '1990-01-01'
  );
};

const CHILD_AGE_ERROR = `Chaque âge est un nombre entier d’années, de 0 à ${REFERRAL_LIMITS.childAgeMax}.`;

export const requesterSchema = z
  .strictObject(
    {
      role: z.enum(REQUESTER_ROLES, { error: 'Dites qui fait la demande (parent, grand-parent, avocat…).' }),
      name: z.pipe(
        oneLine('Votre nom', REFERRAL_LIMITS.nameMax).check(
          z.refine((value) => !/[<>]/.test(value), { error: 'Votre nom : les signes < et > ne sont pas acceptés.' }),
        ),
        z.string().check(z.minLength(1, { error: 'Indiquez votre nom ou votre prénom : le service en a besoin pour vous rappeler.' })),
      ),
      email: z.optional(
        z.pipe(
          oneLine('L’adresse e-mail', REFERRAL_LIMITS.emailMax),
          z.email({ error: 'Cette adresse e-mail n’est pas valide : vérifiez-la (exemple : prenom.nom@exemple.fr).' }),
        ),
      ),
      phone: z.optional(
        oneLine('Le téléphone', REFERRAL_LIMITS.phoneMax).check(
          z.refine((value) => PHONE_PATTERN.test(compactPhone(value)), {
            error:
              'Ce numéro de téléphone n’est pas valide : écrivez 10 chiffres (06 12 34 56 78) ou le format international (+33 6 12 34 56 78).',
          }),
        ),
      ),
      noEmail: z._default(z.boolean({ error: 'Le choix « ne pas être contacté par e-mail » (noEmail) vaut true ou false.' }), false),
    },
    { error: 'Dites qui fait la demande et comment vous recontacter (requester).' },
  )
  .check(
    z.superRefine((requester, context) => {
      if (requester.noEmail && !requester.phone) {
        context.addIssue({
          code: 'custom',
          path: ['phone'],
          message: 'Vous ne souhaitez pas être contacté par e-mail : indiquez un numéro de téléphone.',
        });
      } else if (!requester.email && !requester.phone) {
        context.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'Indiquez au moins un moyen de vous recontacter : une adresse e-mail ou un numéro de téléphone.',
        });
      }
    }),
  );

/** The schema, with the clock injectable (the decision's date cannot be in the future). */
export function referralRequestSchema(now: () => number = Date.now) {
  return z.strictObject({
    violence: z.enum(VIOLENCE_ANSWERS, { error: 'Répondez à la question sur les violences (oui, non, ou je ne sais pas).' }),
    kind: z.enum(SERVICE_KINDS, { error: 'Choisissez le type d’aide que vous cherchez.' }),
    communeCode: z
      .string({ error: 'Indiquez la commune où vivent les enfants (nom ou code postal).' })
      .check(
        z.regex(INSEE_PATTERN, { error: 'Le code de la commune doit être un code INSEE à 5 caractères (par exemple 62041 pour Arras).' }),
      ),
    requester: requesterSchema,
    courtDecision: z.strictObject(
      {
        type: z.enum(COURT_DECISIONS, {
          error: 'Dites s’il y a une décision de justice (aucune, juge aux affaires familiales ou juge des enfants).',
        }),
        date: z.optional(
          z.string({ error: 'La date de la décision s’écrit AAAA-MM-JJ.' }).check(
            z.regex(DATE_PATTERN, { error: 'La date de la décision s’écrit AAAA-MM-JJ (par exemple 2026-03-15).' }),
            z.refine((value) => isPastOrToday(value, new Date(now())), {
              error: 'La date de la décision doit être une vraie date, passée, après 1990.',
            }),
          ),
        ),
      },
      { error: 'Dites s’il y a une décision de justice.' },
    ),
    childrenAges: z._default(
      z
        .array(
          z
            .int({ error: CHILD_AGE_ERROR })
            .check(z.gte(0, { error: CHILD_AGE_ERROR }), z.lte(REFERRAL_LIMITS.childAgeMax, { error: CHILD_AGE_ERROR })),
          {
            error: 'Les âges des enfants forment une liste de nombres.',
          },
        )
        .check(z.maxLength(REFERRAL_LIMITS.childrenMax, { error: `${REFERRAL_LIMITS.childrenMax} enfants au plus.` })),
      [],
    ),
    message: z._default(
      z.string({ error: 'Le message doit être du texte.' }).check(
        z.maxLength(REFERRAL_LIMITS.messageMax, { error: `Le message est trop long : ${REFERRAL_LIMITS.messageMax} caractères au plus.` }),
        z.refine((value) => !CONTROL_EXCEPT_LINES.test(value) && !INVISIBLE_IN_MESSAGE.test(value), {
          error: 'Le message contient des caractères invisibles ou de contrôle non acceptés : retapez le passage copié, ou enlevez-le.',
        }),
      ),
      '',
    ),
    consent: z.literal(true, { error: 'Cochez la case d’accord pour que votre demande puisse être transmise au service.' }),
    serviceId: z.optional(
      z
        .string({
          error: 'L’identifiant du service (serviceId) doit être du texte : celui qui figure dans l’adresse de la page du service.',
        })
        .check(
          z.maxLength(REFERRAL_LIMITS.serviceIdMax, {
            error: `Identifiant de service inconnu : ${REFERRAL_LIMITS.serviceIdMax} caractères au plus.`,
          }),
          z.regex(ID_PATTERN, { error: 'Identifiant de service inconnu.' }),
        ),
    ),
    submissionId: z.uuid({ error: 'Identifiant de demande manquant ou invalide : rechargez la page du formulaire.' }),
  });
}

type ReferralRequestSchema = ReturnType<typeof referralRequestSchema>;
export type ReferralRequestInput = z.input<ReferralRequestSchema>;
export type ReferralRequest = z.output<ReferralRequestSchema>;

/** One schema per clock: building it costs far more than a validation (the server validates each request). */
const schemaByClock = new WeakMap<() => number, ReferralRequestSchema>();
function schemaFor(now: () => number): ReferralRequestSchema {
  let schema = schemaByClock.get(now);
  if (!schema) {
    schema = referralRequestSchema(now);
    schemaByClock.set(now, schema);
  }
  return schema;
}

/** One French message per field (the first problem found), list indexes folded into the field ("childrenAges"). */
export function fieldErrorsFrom(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    let key = issue.path.filter((part) => typeof part === 'string').join('.') || FORM_ERROR_KEY;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      key = FORM_ERROR_KEY;
      message = `Champ inconnu ${issue.keys.map((name) => `« ${name} »`).join(', ')} : la demande n’est pas acceptée.`;
    }
    errors[key] ??= message;
  }
  return errors;
}

/** Validates a request against the clock `now` (epoch milliseconds): the parsed request, or one French message per field. */
export function validateReferral(
  input: unknown,
  now: () => number = Date.now,
): { ok: true; request: ReferralRequest } | { ok: false; errors: FieldErrors } {
  const result = schemaFor(now).safeParse(input);
  return result.success ? { ok: true, request: result.data } : { ok: false, errors: fieldErrorsFrom(result.error) };
}
