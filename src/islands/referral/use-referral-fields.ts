/**
 * The referral form's answers and their errors: the values typed, the fields touched, the server's
 * errors, and the schema (loaded at the first focus in the form) that checks as you type. What shows
 * is decided by `shownErrors` (src/lib/referral/referral-submission.ts).
 */
import { useMemo, useState, type SyntheticEvent } from 'react';
import { v4 as newSubmissionId } from 'uuid';
import { FORM_FIELDS, type CommuneChoice, type FieldErrors, type FormFields } from '../../lib/referral/referral-form.ts';
import { errorsByFormField, liveErrors, shownErrors, type ValidateReferral } from '../../lib/referral/referral-submission.ts';
import { communeLabel } from '../../lib/search/search-place.ts';
import type { Commune } from '../../lib/territories/territory-data.ts';
import { describedByIds, fieldErrorId } from '../shared/FieldError.tsx';
import { idOfField } from './referral-field-ids.ts';

/**
 * The schema (zod) checks what is typed; showing the form does not need it: it is loaded at the first
 * focus in the form, so that a phone gets the page sooner. A failed load is tried again next time.
 */
let validation: Promise<ValidateReferral> | undefined;
export function loadValidation(): Promise<ValidateReferral> {
  validation ??= import('../../lib/referral/referral-schema.ts').then((schema) => schema.validateReferral);
  validation.catch(() => (validation = undefined));
  return validation;
}

export interface ReferralFieldsStart {
  values: FormFields;
  errors: FieldErrors;
  communeChoices: CommuneChoice[] | undefined;
  submissionId: string;
  serviceId: string | undefined;
}

export function useReferralFields(start: ReferralFieldsStart) {
  const [values, setValues] = useState<FormFields>(start.values);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(() => errorsByFormField(start.errors));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [choices, setChoices] = useState<CommuneChoice[] | undefined>(start.communeChoices);
  // A new id after a success or a refused change, so that the next sending is a new request.
  const [submissionId, setSubmissionId] = useState(start.submissionId);
  const [validate, setValidate] = useState<ValidateReferral>();

  // The hidden fields are not in the state: add them, as the posted form will.
  const allValues = useMemo(
    () => ({
      ...values,
      [FORM_FIELDS.submissionId]: submissionId,
      ...(start.serviceId ? { [FORM_FIELDS.serviceId]: start.serviceId } : {}),
    }),
    [values, submissionId, start.serviceId],
  );
  const live = useMemo(() => (validate ? liveErrors(allValues, validate) : {}), [validate, allValues]);
  const shown = shownErrors(serverErrors, live, touched, submitted);

  const value = (field: string): string => values[field] ?? '';
  const update = (field: string, next: string): void => {
    if (field === FORM_FIELDS.commune) {
      setChoices(undefined);
      setValues((current) => ({ ...current, [FORM_FIELDS.commune]: next, [FORM_FIELDS.communeCode]: '' }));
    } else setValues((current) => ({ ...current, [field]: next }));
  };
  const touch = (field: string): void => setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
  /** A choice made (radio, select, box): the field is answered and touched at once. */
  const pick = (field: string, next: string): void => {
    update(field, next);
    touch(field);
  };
  const describedBy = (field: string, hint?: string): string | undefined =>
    describedByIds(hint, shown[field] && fieldErrorId(idOfField(field)));
  const invalid = (field: string): true | undefined => (shown[field] ? true : undefined);

  return {
    values,
    value,
    shown,
    choices,
    submissionId,
    update,
    touch,
    pick,
    describedBy,
    invalid,
    /** What every text-like control of a field shares: name, value, error state and the handlers that validate as you type. */
    bind: (field: string, hint?: string) => ({
      name: field,
      value: value(field),
      'aria-invalid': invalid(field),
      'aria-describedby': describedBy(field, hint),
      onChange: (event: { target: { value: string } }) => update(field, event.target.value),
      onBlur: () => touch(field),
    }),
    /** What a radio group of a field shares (RadioGroup): its value, its error, and a choice that answers and touches it. */
    radio: (field: string, idPrefix: string) => ({
      idPrefix,
      name: field,
      value: value(field),
      error: shown[field],
      required: true,
      onChange: (next: string) => pick(field, next),
    }),
    /** A check box of a field ('on' when checked); checking it touches `touches` (the field itself by default). */
    checkbox: (field: string, touches: string = field) => ({
      name: field,
      type: 'checkbox',
      value: 'on',
      checked: Boolean(value(field)),
      onChange: (event: { target: { checked: boolean } }) => {
        update(field, event.target.checked ? 'on' : '');
        touch(touches);
      },
    }),
    /** CommuneField keeps its own text: follow it from the events that reach the form. */
    followCommune: (event: SyntheticEvent<HTMLFormElement>, andThen: (field: string, value: string) => void): void => {
      const target = event.target as HTMLInputElement;
      if (target.name === FORM_FIELDS.commune) andThen(target.name, target.value);
    },
    chooseCommune: (commune: Commune | null): void => {
      if (!commune) return setValues((current) => ({ ...current, [FORM_FIELDS.communeCode]: '' }));
      setChoices(undefined);
      setValues((current) => ({ ...current, [FORM_FIELDS.commune]: communeLabel(commune), [FORM_FIELDS.communeCode]: commune.code }));
      touch(FORM_FIELDS.commune);
    },
    /** A commune chosen among the homonyms the server offered. */
    chooseCommuneCode: (code: string): void => setValues((current) => ({ ...current, [FORM_FIELDS.communeCode]: code })),
    startValidating: (): void => {
      if (!validate)
        loadValidation().then(
          (loaded) => setValidate(() => loaded),
          () => undefined,
        );
    },
    /** Before sending: every error shows now; true when the schema finds one (without the schema, the server checks alone). */
    blocksSending: async (): Promise<boolean> => {
      setSubmitted(true);
      const check = await loadValidation().catch(() => undefined);
      return Boolean(check && Object.keys(liveErrors(allValues, check)).length);
    },
    /** The server's errors, shown until their field is touched again, with the homonyms to choose from. */
    showServerErrors: (errors: FieldErrors, communeChoices: CommuneChoice[] | undefined): void => {
      setServerErrors(errors);
      setTouched(new Set());
      setChoices(communeChoices);
    },
    renewSubmission: (): void => setSubmissionId(newSubmissionId()),
    /** After an answer: a new request, with the same answers but the consent. */
    startAnother: (): void => {
      setSubmissionId(newSubmissionId());
      setValues((current) => ({ ...current, [FORM_FIELDS.consent]: '' }));
      setServerErrors({});
      setTouched(new Set());
      setSubmitted(false);
    },
  };
}

export type ReferralFields = ReturnType<typeof useReferralFields>;
