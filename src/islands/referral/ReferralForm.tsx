/**
 * The referral form. Rendered on the server, it is a plain HTML form that posts to /api/orientation
 * and works without JavaScript (errors beside the fields, typed values kept). Once hydrated, the same
 * schema as the server validates as you type, the commune is suggested as you type (the shared
 * CommuneField), and the form is sent with fetch: the answer appears in place, and nothing typed is
 * lost on a failure. Once the kind and the commune are known, the early answer says whether a service
 * near enough can receive the request online; when none can, the form stops there, with the services
 * to call and where to ask, before any personal data is asked.
 *
 * The state lives in hooks (answers and errors: use-referral-fields.ts; sending: use-referral-submission.ts;
 * early answer: use-early-answer.ts) around the pure functions of src/lib/referral/referral-submission.ts.
 */
import { useEffect, useState } from 'react';
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import type { PublicEarlyAnswer } from '../../lib/referral/referral-early-answer.ts';
import {
  FORM_FIELDS,
  messageLengthAnnouncement,
  type CommuneChoice,
  type FieldErrors,
  type FormFields,
} from '../../lib/referral/referral-form.ts';
import type { ReferralBanner } from '../../lib/referral/referral-submission.ts';
import {
  COURT_DECISIONS,
  COURT_DECISION_LABELS,
  REFERRAL_LIMITS,
  REQUESTER_ROLES,
  REQUESTER_ROLE_LABELS,
  VIOLENCE_ANSWERS,
  VIOLENCE_ANSWER_LABELS,
} from '../../lib/referral/referral-vocabulary.ts';
import { KINDS_EXCLUDED_WHEN_VIOLENCE, SERVICE_KINDS, SERVICE_KIND_INFO } from '../../lib/services/service-vocabulary.ts';
import CommuneField from '../shared/CommuneField.tsx';
import { FieldError } from '../shared/FieldError.tsx';
import { FormField } from '../shared/FormField.tsx';
import { RadioGroup } from '../shared/RadioGroup.tsx';
import { EarlyAnswer } from './EarlyAnswer.tsx';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';
import { RADIO_PREFIXES, idOfField } from './referral-field-ids.ts';
import { ReferralNotices } from './ReferralNotices.tsx';
import { ReferralResult } from './ReferralResult.tsx';
import { useEarlyAnswer } from './use-early-answer.ts';
import { useReferralFields } from './use-referral-fields.ts';
import { useReferralSubmission } from './use-referral-submission.ts';
import './referral-form.css';

export type { ReferralBanner };

/** The page passes each optional prop as an attribute, undefined when it has nothing to say. */
export interface ReferralFormProps {
  action: string;
  /** The values typed so far (after a plain POST that failed), by field name. */
  values: FormFields;
  /** Errors keyed by request path ("requester.email"). */
  errors: FieldErrors;
  communeChoices?: CommuneChoice[] | undefined;
  banner?: ReferralBanner | undefined;
  /** The service chosen from its page. */
  service?: { id: string; name: string; acceptsReferrals: boolean } | undefined;
  submissionId: string;
  startedAt: number;
  privacyPath: string;
  /** The early answer, after the first answers were posted without JavaScript. */
  early?: PublicEarlyAnswer | undefined;
  /** Where to ask when no service is near (content/ou-demander.yaml): with the early answer and the answer after sending. */
  whereToAsk: WhereToAskContact[];
}

const VIOLENCE_OPTIONS = VIOLENCE_ANSWERS.map((answer) => ({ value: answer, label: VIOLENCE_ANSWER_LABELS[answer] }));
const KIND_OPTIONS = SERVICE_KINDS.map((kind) => ({
  value: kind,
  label: SERVICE_KIND_INFO[kind].label,
  hint: SERVICE_KIND_INFO[kind].plainWords,
}));
const DECISION_OPTIONS = COURT_DECISIONS.map((decision) => ({ value: decision, label: COURT_DECISION_LABELS[decision] }));

/** CommuneField takes no error state: tie the commune's error to its input, as bind() does for the others. */
function useCommuneErrorState(describedBy: string | undefined, invalid: boolean): void {
  useEffect(() => {
    const input = document.getElementById(idOfField(FORM_FIELDS.commune));
    if (!input) return;
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    if (invalid) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  });
}

export default function ReferralForm(props: ReferralFormProps) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const fields = useReferralFields({
    values: props.values,
    errors: props.errors,
    communeChoices: props.communeChoices,
    submissionId: props.submissionId,
    serviceId: props.service?.id,
  });
  const { shown, value, bind, describedBy, invalid, pick, touch, update, choices, submissionId } = fields;
  const early = useEarlyAnswer(fields.values, props.early);
  const { sending, banner, result, summaryRef, resultRef, onSubmit, startAnother } = useReferralSubmission(
    props.action,
    fields,
    props.banner,
    hydrated,
  );
  useCommuneErrorState(describedBy(FORM_FIELDS.commune, `${idOfField(FORM_FIELDS.commune)}-aide`), Boolean(shown[FORM_FIELDS.commune]));

  if (result) {
    return (
      <div ref={resultRef}>
        <ReferralResult answer={result} whereToAsk={props.whereToAsk} />
        <button className="button button--secondary" type="button" onClick={startAnother}>
          Faire une autre demande
        </button>
      </div>
    );
  }

  const violence = value(FORM_FIELDS.violence);
  const messageLength = value(FORM_FIELDS.message).length;
  // No service near can receive it online: nothing personal is asked, and nothing can be sent.
  const stopped = early?.status === 'a-contacter-directement';
  const kindExcluded = violence === 'oui' && KINDS_EXCLUDED_WHEN_VIOLENCE.some((kind) => kind === value(FORM_FIELDS.kind));

  return (
    <form
      className="referral-form"
      id="referral-form"
      method="post"
      action={props.action}
      noValidate
      onSubmit={onSubmit}
      onFocus={fields.startValidating}
      onChange={(event) => fields.followCommune(event, update)}
      onBlur={(event) => fields.followCommune(event, touch)}
    >
      <ReferralNotices banner={banner} errors={shown} anchorRef={summaryRef} />

      <RadioGroup
        {...fields.radio(FORM_FIELDS.violence, RADIO_PREFIXES.violence)}
        legend="Y a-t-il, ou y a-t-il eu, des violences dans la famille (envers un parent ou un enfant) ?"
        hint="Cette réponse permet de vous orienter vers un service adapté. Elle est transmise au service qui recevra la demande."
        options={VIOLENCE_OPTIONS}
      />
      <div className="referral-violence-help" aria-live="polite" data-hydrated={hydrated ? 'true' : undefined}>
        {(!hydrated || violence === 'oui') && (
          <div className="notice notice--danger">
            {/* Right under the page's h1: a second-level heading. */}
            <EmergencyNumbers headingLevel={2} />
            <p>
              <strong>La médiation familiale n’est pas adaptée quand il y a des violences</strong> : elle suppose que chacun puisse parler
              librement et sans crainte. Votre demande ne sera jamais envoyée à un service de médiation. Un espace de rencontre, lui, peut
              accueillir les rencontres de l’enfant avec un parent en sécurité.
            </p>
          </div>
        )}
      </div>

      <RadioGroup
        {...fields.radio(FORM_FIELDS.kind, RADIO_PREFIXES.kind)}
        legend="De quelle aide avez-vous besoin ?"
        options={KIND_OPTIONS}
      >
        {kindExcluded && <p className="referral-error">Avec des violences, la demande ne sera pas envoyée à un service de médiation.</p>}
      </RadioGroup>

      {props.service && (
        <div className="referral-field notice">
          <p>
            Service choisi : <strong>{props.service.name}</strong>.{' '}
            {props.service.acceptsReferrals
              ? 'Votre demande lui sera envoyée s’il propose l’aide demandée et intervient dans votre commune ; sinon, au service adapté le plus proche.'
              : 'Ce service ne reçoit pas de demandes en ligne : la vôtre sera envoyée au service adapté le plus proche.'}
          </p>
          <input type="hidden" name={FORM_FIELDS.serviceId} value={props.service.id} />
        </div>
      )}

      <div className="referral-field">
        <CommuneField
          id={idOfField(FORM_FIELDS.commune)}
          name={FORM_FIELDS.commune}
          label="Commune où vivent les enfants"
          hint="Le nom de la commune ou son code postal, par exemple « Arras » ou « 62000 », puis choisissez-la dans la liste."
          defaultValue={props.values[FORM_FIELDS.commune] ?? ''}
          onSelect={fields.chooseCommune}
          required
        />
        <FieldError id={idOfField(FORM_FIELDS.commune)} message={shown[FORM_FIELDS.commune]} />
        {choices && choices.length > 0 && (
          <RadioGroup
            className="referral-choices"
            idPrefix={RADIO_PREFIXES.communeCode}
            name={FORM_FIELDS.communeCode}
            legend="Choisissez votre commune"
            options={choices.map((choice) => ({ value: choice.code, label: choice.label }))}
            value={value(FORM_FIELDS.communeCode)}
            onChange={fields.chooseCommuneCode}
          />
        )}
      </div>

      <EarlyAnswer early={early} hydrated={hydrated} whereToAsk={props.whereToAsk} />

      {!stopped && (
        <>
          <FormField id="referral-role" label="Vous êtes" error={shown[FORM_FIELDS.role]}>
            <select
              id="referral-role"
              name={FORM_FIELDS.role}
              required
              value={value(FORM_FIELDS.role)}
              aria-invalid={invalid(FORM_FIELDS.role)}
              aria-describedby={describedBy(FORM_FIELDS.role)}
              onChange={(event) => pick(FORM_FIELDS.role, event.target.value)}
            >
              <option value="">Choisissez</option>
              {REQUESTER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {REQUESTER_ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          </FormField>

          <RadioGroup
            {...fields.radio(FORM_FIELDS.courtDecision, RADIO_PREFIXES.courtDecision)}
            legend="Y a-t-il une décision de justice ?"
            options={DECISION_OPTIONS}
          >
            <FormField
              className="referral-subfield"
              id="referral-decision-date"
              label="Date de la décision, si vous la connaissez"
              error={shown[FORM_FIELDS.courtDecisionDate]}
            >
              <input id="referral-decision-date" type="date" min="1990-01-01" {...bind(FORM_FIELDS.courtDecisionDate)} />
            </FormField>
          </RadioGroup>

          <FormField
            id="referral-ages"
            label="Âge des enfants concernés"
            hint="En années, séparés par des virgules, par exemple « 4, 9 ». Ne donnez pas leurs prénoms."
            error={shown[FORM_FIELDS.childrenAges]}
          >
            <input
              id="referral-ages"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={60}
              {...bind(FORM_FIELDS.childrenAges, 'referral-ages-aide')}
            />
          </FormField>

          <fieldset className="referral-field">
            <legend>Comment le service peut-il vous recontacter ?</legend>
            <p className="referral-hint">Donnez au moins un moyen : une adresse e-mail ou un numéro de téléphone.</p>
            <FormField className="referral-subfield" id="referral-name" label="Votre nom ou votre prénom" error={shown[FORM_FIELDS.name]}>
              <input
                id="referral-name"
                type="text"
                autoComplete="name"
                required
                maxLength={REFERRAL_LIMITS.nameMax}
                {...bind(FORM_FIELDS.name)}
              />
            </FormField>
            <FormField className="referral-subfield" id="referral-phone" label="Téléphone" error={shown[FORM_FIELDS.phone]}>
              <input id="referral-phone" type="tel" autoComplete="tel" maxLength={REFERRAL_LIMITS.phoneMax} {...bind(FORM_FIELDS.phone)} />
            </FormField>
            <FormField className="referral-subfield" id="referral-email" label="Adresse e-mail" error={shown[FORM_FIELDS.email]}>
              <input
                id="referral-email"
                type="email"
                autoComplete="email"
                maxLength={REFERRAL_LIMITS.emailMax}
                {...bind(FORM_FIELDS.email)}
              />
            </FormField>
            <div className="referral-choice">
              {/* Without an e-mail, the phone is needed: its error may change. */}
              <input
                id="referral-no-email"
                aria-describedby="referral-no-email-aide"
                {...fields.checkbox(FORM_FIELDS.noEmail, FORM_FIELDS.phone)}
              />
              <label htmlFor="referral-no-email">Ne me contactez pas par e-mail</label>
              <p className="referral-hint" id="referral-no-email-aide">
                Si quelqu’un d’autre peut lire vos e-mails : aucun e-mail ne vous sera envoyé, et le service vous appellera.
              </p>
            </div>
          </fieldset>

          <FormField
            id="referral-message"
            label="Votre message (facultatif)"
            hint={`Ce qui aidera le service à vous répondre : la situation, vos disponibilités. ${REFERRAL_LIMITS.messageMax} caractères au plus.`}
            error={shown[FORM_FIELDS.message]}
          >
            <textarea
              id="referral-message"
              rows={6}
              maxLength={REFERRAL_LIMITS.messageMax}
              {...bind(FORM_FIELDS.message, 'referral-message-aide referral-message-compteur')}
            />
            <p className="referral-hint" id="referral-message-compteur">
              {hydrated
                ? `${REFERRAL_LIMITS.messageMax - messageLength} caractères restants`
                : `${REFERRAL_LIMITS.messageMax} caractères au plus`}
            </p>
            <p className="visually-hidden" aria-live="polite">
              {messageLengthAnnouncement(messageLength)}
            </p>
          </FormField>

          <div className="referral-field referral-consent">
            <h2>Ce qui est envoyé, à qui, et pour combien de temps</h2>
            <p id="referral-consent-aide">
              Vos réponses (sauf ce champ d’accord) sont envoyées par e-mail au seul service choisi pour traiter votre demande, pour qu’il
              vous recontacte. Si vous donnez une adresse e-mail et l’acceptez, vous recevez une confirmation à l’objet neutre. Passerelle
              n’enregistre votre demande dans aucune base de données ; une copie technique de l’envoi peut être gardée au plus 14 jours. Le
              service conserve ensuite votre demande selon ses propres règles.{' '}
              <a href={props.privacyPath}>En savoir plus sur la confidentialité</a>.
            </p>
            <FieldError id="referral-consent" message={shown[FORM_FIELDS.consent]} />
            <div className="referral-choice">
              <input
                id="referral-consent"
                required
                aria-invalid={invalid(FORM_FIELDS.consent)}
                aria-describedby={describedBy(FORM_FIELDS.consent, 'referral-consent-aide')}
                {...fields.checkbox(FORM_FIELDS.consent)}
              />
              <label htmlFor="referral-consent">J’accepte que ces informations soient transmises au service</label>
            </div>
          </div>
        </>
      )}

      <div className="referral-trap" aria-hidden="true">
        <label htmlFor="referral-confirmation">Ne remplissez pas ce champ</label>
        <input id="referral-confirmation" name={FORM_FIELDS.honeypot} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <input type="hidden" name={FORM_FIELDS.submissionId} value={submissionId} />
      <input type="hidden" name={FORM_FIELDS.startedAt} value={String(props.startedAt)} />

      {!stopped && (
        <button className="button" type="submit" disabled={sending} aria-disabled={sending ? true : undefined}>
          {sending ? 'Envoi en cours…' : 'Envoyer la demande'}
        </button>
      )}
    </form>
  );
}
