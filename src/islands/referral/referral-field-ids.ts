/** The id of each field's first control in the form: labels, error ids and the error summary's links. */
import { COURT_DECISIONS, VIOLENCE_ANSWERS } from '../../lib/referral/referral-vocabulary.ts';
import { FORM_FIELDS } from '../../lib/referral/referral-form.ts';
import { SERVICE_KINDS } from '../../lib/services/service-vocabulary.ts';
import { radioId } from '../shared/RadioGroup.tsx';

/** Prefixes of the radio groups: each radio is `<prefix>-<value>`. */
export const RADIO_PREFIXES = {
  violence: 'referral-violence',
  kind: 'referral-kind',
  courtDecision: 'referral-decision',
  communeCode: 'referral-commune',
} as const;

const FIELD_IDS: Record<string, string> = {
  [FORM_FIELDS.violence]: radioId(RADIO_PREFIXES.violence, VIOLENCE_ANSWERS[0]),
  [FORM_FIELDS.kind]: radioId(RADIO_PREFIXES.kind, SERVICE_KINDS[0]),
  [FORM_FIELDS.commune]: 'referral-commune',
  [FORM_FIELDS.role]: 'referral-role',
  [FORM_FIELDS.name]: 'referral-name',
  [FORM_FIELDS.email]: 'referral-email',
  [FORM_FIELDS.phone]: 'referral-phone',
  [FORM_FIELDS.courtDecision]: radioId(RADIO_PREFIXES.courtDecision, COURT_DECISIONS[0]),
  [FORM_FIELDS.courtDecisionDate]: 'referral-decision-date',
  [FORM_FIELDS.childrenAges]: 'referral-ages',
  [FORM_FIELDS.message]: 'referral-message',
  [FORM_FIELDS.consent]: 'referral-consent',
};

/** The id of a field's control (the form itself for an error of the whole request). */
export const idOfField = (field: string): string => FIELD_IDS[field] ?? 'referral-form';
