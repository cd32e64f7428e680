/**
 * The referral form. Rendered on the server, it is a plain HTML form that posts to /api/orientation
 * and works without JavaScript (errors beside the fields, typed values kept). Once hydrated, the same
 * schema as the server validates as you type, the commune is suggested as you type (the search's
 * CommuneField), and the form is sent with fetch: the answer appears in place, and nothing typed is
 * lost on a failure. Once the kind and the commune are known, the early answer says whether a service
 * near enough can receive the request online; when none can, the form stops there, with the services
 * to call and where to ask, before any personal data is asked.
 */
import { useEffect, useMemo, useRef, useState, type SubmitEvent, type SyntheticEvent } from 'react';
import { v4 as newSubmissionId } from 'uuid';
import { serviceContactLines, unexpectedAnswerMessage, type ReferralAnswer, type SuccessAnswer } from '../../lib/referral/referral-answer.ts';
import {
  FORM_ERROR_KEY,
  FORM_FIELDS,
  formFieldOfError,
  messageLengthAnnouncement,
  requestInputFromForm,
  type CommuneChoice,
  type CommuneResolver,
  type FieldErrors,
  type FormFields,
} from '../../lib/referral/referral-form.ts';
import { EARLY_ANSWER_STEP, type PublicEarlyAnswer } from '../../lib/referral/referral-early-answer.ts';
import type { validateReferral } from '../../lib/referral/referral-schema.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
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
import type { Commune } from '../../lib/territories/territory-data.ts';
import CommuneField from '../search/CommuneField.tsx';
import { communeLabel } from '../search/search-loaders.ts';
import { EmergencyNumbers } from './EmergencyNumbers.tsx';
import { ReferralResult } from './ReferralResult.tsx';
import type { WhereToAskContact } from '../../lib/content/where-to-ask-schema.ts';
import { whereToAskFor } from '../../lib/services/where-to-ask.ts';
import { WhereToAsk } from '../where-to-ask/WhereToAsk.tsx';
import './referral-form.css';

/** A message above the form: a failed sending (with the service's contact) or a refused request. */
export interface ReferralBanner {
  title: string;
  text: string;
  phone?: string;
  website?: string;
}

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

/** The early answer for the first answers, from the form page (JSON); undefined when it cannot be had. */
async function fetchEarlyAnswer(fields: Record<string, string>): Promise<PublicEarlyAnswer | undefined> {
  const response = await fetch('/orienter/', {
    method: 'POST',
    referrerPolicy: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({ ...fields, [EARLY_ANSWER_STEP.name]: EARLY_ANSWER_STEP.value }).toString(),
  });
  if (!response.ok || !/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  return (await response.json()) as PublicEarlyAnswer;
}

/** The early answer when no service can receive the request online: the services to call, or none near, and where to ask. */
function ContactDirectly({ answer, whereToAsk }: { answer: Extract<PublicEarlyAnswer, { status: 'a-contacter-directement' }>; whereToAsk: readonly WhereToAskContact[] }) {
  const kind = SERVICE_KIND_INFO[answer.kind];
  return (
    <div className="notice referral-early" role="region" aria-labelledby="referral-early-titre">
      <h2 id="referral-early-titre" tabIndex={-1}>
        {answer.excludedForViolence ? 'Cette demande ne peut pas être envoyée à un service de médiation' : 'Aucun service proche ne reçoit les demandes en ligne'}
      </h2>
      <p>
        {answer.excludedForViolence
          ? 'Avec des violences, Passerelle n’envoie pas de demande à un service de médiation. Vous pouvez choisir un espace de rencontre ci-dessus, ou appeler les numéros d’urgence.'
          : 'Rien ne vous sera demandé ni envoyé ici : contactez directement un service.'}
      </p>
      {!answer.excludedForViolence &&
        (answer.services.length > 0 ? (
          <ul className="referral-early__services">
            {answer.services.map((service) => (
              <li key={service.id}>
                <a href={service.path}>{service.name}</a>, {service.communeName} (à {service.distanceKm.toLocaleString('fr-FR')} km)
                {service.phone && (
                  <>
                    {' · '}Téléphone : <a href={phoneHref(service.phone)}>{service.phone}</a>
                  </>
                )}
                {!service.phone && service.website && (
                  <>
                    {' · '}
                    <a href={service.website}>Site du service</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <strong>{`Aucun service connu à moins de ${answer.nearKm} km de ${answer.communeName}`}</strong>
            {` pour « ${kind.label} ».`}
          </p>
        ))}
      <WhereToAsk contacts={whereToAskFor(whereToAsk, [answer.kind])} />
    </div>
  );
}

const FIELD_IDS: Record<string, string> = {
  [FORM_FIELDS.violence]: 'referral-violence-oui',
  [FORM_FIELDS.kind]: `referral-kind-${SERVICE_KINDS[0]}`,
  [FORM_FIELDS.commune]: 'referral-commune',
  [FORM_FIELDS.role]: 'referral-role',
  [FORM_FIELDS.name]: 'referral-name',
  [FORM_FIELDS.email]: 'referral-email',
  [FORM_FIELDS.phone]: 'referral-phone',
  [FORM_FIELDS.courtDecision]: 'referral-decision-aucune',
  [FORM_FIELDS.courtDecisionDate]: 'referral-decision-date',
  [FORM_FIELDS.childrenAges]: 'referral-ages',
  [FORM_FIELDS.message]: 'referral-message',
  [FORM_FIELDS.consent]: 'referral-consent',
};
const idOfField = (field: string): string => FIELD_IDS[field] ?? 'referral-form';

/** The posted form as sent by fetch: the commune picked among suggestions goes as `communeCode`, like a choice among homonyms. */
function postedBody(form: HTMLFormElement): string {
  const fields = new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
  const picked = fields.get(FORM_FIELDS.communeInsee);
  fields.delete(FORM_FIELDS.communeInsee);
  if (picked) fields.set(FORM_FIELDS.communeCode, picked);
  return fields.toString();
}

/** The answer, when the server sent one of ours (JSON); a proxy's page or Astro's plain-text 403 is not. */
async function answerOf(response: Response): Promise<ReferralAnswer | undefined> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  const answer = (await response.json().catch(() => undefined)) as ReferralAnswer | undefined;
  return answer && typeof answer === 'object' && typeof answer.status === 'string' ? answer : undefined;
}

/** Errors keyed by form field (the commune code's errors go to the commune field). */
function byFormField(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) mapped[formFieldOfError(key)] ??= message;
  return mapped;
}

/** The browser has no territory data: a commune chosen, or at least typed, is enough; the server resolves the text. */
const communeChosenOrTyped: CommuneResolver = (text, chosenCode) =>
  chosenCode ? { code: chosenCode } : text.trim() ? { code: '00000' } : { error: 'Indiquez la commune où vivent les enfants (nom ou code postal).' };

type Validate = typeof validateReferral;

/**
 * The schema (zod) checks what is typed; showing the form does not need it: it is loaded at the first
 * focus in the form, so that a phone gets the page sooner. A failed load is tried again next time.
 */
let validation: Promise<Validate> | undefined;
function loadValidation(): Promise<Validate> {
  validation ??= import('../../lib/referral/referral-schema.ts').then((schema) => schema.validateReferral);
  validation.catch(() => (validation = undefined));
  return validation;
}

function clientErrors(values: FormFields, validate: Validate): FieldErrors {
  const { input, errors } = requestInputFromForm(values, communeChosenOrTyped);
  const result = validate(input);
  return byFormField({ ...(result.ok ? {} : result.errors), ...errors });
}

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="referral-error" id={`${id}-erreur`}>
      <span className="visually-hidden">Erreur : </span>
      {message}
    </p>
  ) : null;
}

export default function ReferralForm(props: ReferralFormProps) {
  const [values, setValues] = useState<FormFields>(props.values);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(() => byFormField(props.errors));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [banner, setBanner] = useState<ReferralBanner | undefined>(props.banner);
  const [choices, setChoices] = useState<CommuneChoice[] | undefined>(props.communeChoices);
  const [result, setResult] = useState<SuccessAnswer | undefined>();
  // A new id after a success or a refused change, so that the next sending is a new request.
  const [submissionId, setSubmissionId] = useState(props.submissionId);
  const [hydrated, setHydrated] = useState(false);
  const [validate, setValidate] = useState<Validate>();
  const [early, setEarly] = useState<PublicEarlyAnswer | undefined>(props.early);
  const sendingNow = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => setHydrated(true), []);

  // The early answer follows the first answers: asked again whenever the violence, the kind or the commune change.
  const firstAnswers = [values[FORM_FIELDS.violence] ?? '', values[FORM_FIELDS.kind] ?? '', values[FORM_FIELDS.communeCode] ?? ''] as const;
  const earlyKey = firstAnswers.join('|');
  const firstEarly = useRef(true);
  useEffect(() => {
    // The answer rendered by the server holds for the answers it was given.
    if (firstEarly.current && props.early) {
      firstEarly.current = false;
      return;
    }
    firstEarly.current = false;
    const [violence, kind, communeCode] = firstAnswers;
    setEarly(undefined);
    if (!violence || !kind || !communeCode) return;
    let current = true;
    fetchEarlyAnswer({ [FORM_FIELDS.violence]: violence, [FORM_FIELDS.kind]: kind, [FORM_FIELDS.communeCode]: communeCode, [FORM_FIELDS.commune]: values[FORM_FIELDS.commune] ?? '' })
      .then((answer) => {
        if (current) setEarly(answer);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [earlyKey]);
  useEffect(() => {
    if (result) resultRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [result]);

  // The hidden fields are not in the state: add them, as the posted form will.
  const allValues = useMemo(
    () => ({ ...values, [FORM_FIELDS.submissionId]: submissionId, ...(props.service ? { [FORM_FIELDS.serviceId]: props.service.id } : {}) }),
    [values, submissionId, props.service],
  );
  const liveErrors = useMemo(() => (validate ? clientErrors(allValues, validate) : {}), [validate, allValues]);
  const startValidating = (): void => {
    if (!validate) loadValidation().then((loaded) => setValidate(() => loaded), () => undefined);
  };
  const shown: FieldErrors = { ...serverErrors };
  for (const [field, message] of Object.entries(liveErrors)) if (submitted || touched.has(field)) shown[field] ??= message;
  for (const field of Object.keys(serverErrors)) if (touched.has(field) && !liveErrors[field] && field !== FORM_ERROR_KEY) delete shown[field];

  const value = (field: string): string => values[field] ?? '';
  const update = (field: string, next: string): void => {
    setValues((current) => ({ ...current, [field]: next }));
    if (field === FORM_FIELDS.commune) {
      setChoices(undefined);
      setValues((current) => ({ ...current, [FORM_FIELDS.commune]: next, [FORM_FIELDS.communeCode]: '' }));
    }
  };
  const touch = (field: string): void => setTouched((current) => (current.has(field) ? current : new Set(current).add(field)));
  // CommuneField keeps its own text: follow it from the events that reach the form.
  const followCommune = (event: SyntheticEvent<HTMLFormElement>, andThen: (field: string, value: string) => void): void => {
    const target = event.target as HTMLInputElement;
    if (target.name === FORM_FIELDS.commune) andThen(target.name, target.value);
  };
  const chooseCommune = (commune: Commune | null): void => {
    if (!commune) return setValues((current) => ({ ...current, [FORM_FIELDS.communeCode]: '' }));
    setChoices(undefined);
    setValues((current) => ({ ...current, [FORM_FIELDS.commune]: communeLabel(commune), [FORM_FIELDS.communeCode]: commune.code }));
    touch(FORM_FIELDS.commune);
  };
  const startAnother = (): void => {
    setSubmissionId(newSubmissionId());
    setValues((current) => ({ ...current, [FORM_FIELDS.consent]: '' }));
    setServerErrors({});
    setTouched(new Set());
    setSubmitted(false);
    setResult(undefined);
  };
  const describedBy = (field: string, hint?: string): string | undefined => [hint, shown[field] ? `${idOfField(field)}-erreur` : ''].filter(Boolean).join(' ') || undefined;
  const invalid = (field: string): true | undefined => (shown[field] ? true : undefined);
  /** What every text-like control of a field shares: name, value, error state and the handlers that validate as you type. */
  const bind = (field: string, hint?: string) => ({
    name: field,
    value: value(field),
    'aria-invalid': invalid(field),
    'aria-describedby': describedBy(field, hint),
    onChange: (event: { target: { value: string } }) => update(field, event.target.value),
    onBlur: () => touch(field),
  });

  // React does not wait for a handler: the default submission is stopped here, at once, and the
  // sending runs on its own (it catches its own failures and shows them in the banner).
  function onSubmit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    void send(event.currentTarget);
  }

  async function send(form: HTMLFormElement): Promise<void> {
    if (sendingNow.current) return;
    sendingNow.current = true;
    setSubmitted(true);
    // Without the schema (it failed to load), the server checks alone.
    const check = await loadValidation().catch(() => undefined);
    if (check && Object.keys(clientErrors(allValues, check)).length) {
      sendingNow.current = false;
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setSending(true);
    setBanner(undefined);
    try {
      const response = await fetch(props.action, {
        method: 'POST',
        // "no-referrer" would send "Origin: null", which the server's origin check refuses.
        referrerPolicy: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: postedBody(form),
      });
      const answer = await answerOf(response);
      if (!answer) setBanner({ title: 'Votre demande n’a pas pu être envoyée', text: unexpectedAnswerMessage(response.status) });
      else if (answer.status === 'envoyee' || answer.status === 'a-contacter-directement') setResult(answer);
      else if (answer.status === 'invalide') {
        setServerErrors(byFormField(answer.errors));
        setTouched(new Set());
        setChoices(answer.communeChoices);
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else if (answer.status === 'echec-envoi') {
        setBanner({ title: 'Votre demande n’a pas pu être envoyée', text: answer.error, ...serviceContactLines(answer.service) });
      } else if (answer.status === 'deja-envoyee') {
        setSubmissionId(newSubmissionId());
        setBanner({ title: 'Cette demande a déjà été envoyée', text: answer.error, ...serviceContactLines(answer.service) });
      } else {
        setBanner({ title: 'Votre demande n’a pas été acceptée', text: answer.error, ...serviceContactLines(answer.service) });
      }
    } catch {
      setBanner({ title: 'Votre demande n’a pas pu être envoyée', text: 'La connexion a échoué. Vérifiez votre connexion internet puis renvoyez la demande : ce que vous avez écrit est conservé.' });
    } finally {
      sendingNow.current = false;
      setSending(false);
    }
  }

  useEffect(() => {
    if (banner && hydrated) summaryRef.current?.focus();
  }, [banner, hydrated]);

  // CommuneField takes no error state: tie the commune's error to its input here, as bind() does for the others.
  const communeError = shown[FORM_FIELDS.commune];
  useEffect(() => {
    const input = document.getElementById(idOfField(FORM_FIELDS.commune));
    if (!input) return;
    input.setAttribute('aria-describedby', describedBy(FORM_FIELDS.commune, `${idOfField(FORM_FIELDS.commune)}-aide`) as string);
    if (communeError) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  });

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
  const errorEntries = Object.entries(shown);
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
      onFocus={startValidating}
      onChange={(event) => followCommune(event, update)}
      onBlur={(event) => followCommune(event, touch)}
    >
      <div ref={summaryRef} tabIndex={-1} className="referral-summary-anchor">
        {banner && (
          <div className="notice notice--danger referral-banner" role="alert">
            <h2>{banner.title}</h2>
            <p>{banner.text}</p>
            {banner.phone && (
              <p>
                Téléphone du service : <a href={phoneHref(banner.phone)}>{banner.phone}</a>
              </p>
            )}
            {banner.website && (
              <p>
                Site du service : <a href={banner.website}>{banner.website}</a>
              </p>
            )}
          </div>
        )}
        {errorEntries.length > 0 && (
          <div className="notice notice--danger referral-summary" role="alert">
            <h2>{errorEntries.length === 1 ? 'Une réponse est à corriger' : `${errorEntries.length} réponses sont à corriger`}</h2>
            <ul>
              {errorEntries.map(([field, message]) => (
                <li key={field}>{field === FORM_ERROR_KEY ? message : <a href={`#${idOfField(field)}`}>{message}</a>}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <fieldset className="referral-field" aria-describedby={describedBy(FORM_FIELDS.violence, 'referral-violence-aide')}>
        <legend>Y a-t-il, ou y a-t-il eu, des violences dans la famille (envers un parent ou un enfant) ?</legend>
        <p className="referral-hint" id="referral-violence-aide">
          Cette réponse permet de vous orienter vers un service adapté. Elle est transmise au service qui recevra la demande.
        </p>
        <ErrorText id={idOfField(FORM_FIELDS.violence)} message={shown[FORM_FIELDS.violence]} />
        {VIOLENCE_ANSWERS.map((answer) => (
          <div className="referral-choice" key={answer}>
            <input
              type="radio"
              id={`referral-violence-${answer}`}
              name={FORM_FIELDS.violence}
              value={answer}
              checked={violence === answer}
              required
              aria-invalid={invalid(FORM_FIELDS.violence)}
              onChange={() => {
                update(FORM_FIELDS.violence, answer);
                touch(FORM_FIELDS.violence);
              }}
            />
            <label htmlFor={`referral-violence-${answer}`}>{VIOLENCE_ANSWER_LABELS[answer]}</label>
          </div>
        ))}
      </fieldset>
      <div className="referral-violence-help" aria-live="polite" data-hydrated={hydrated ? 'true' : undefined}>
        {(!hydrated || violence === 'oui') && (
          <div className="notice notice--danger">
            <EmergencyNumbers />
            <p>
              <strong>La médiation familiale n’est pas adaptée quand il y a des violences</strong> : elle suppose que chacun puisse parler librement et sans
              crainte. Votre demande ne sera jamais envoyée à un service de médiation. Un espace de rencontre, lui, peut accueillir les rencontres de l’enfant
              avec un parent en sécurité.
            </p>
          </div>
        )}
      </div>

      <fieldset className="referral-field" aria-describedby={describedBy(FORM_FIELDS.kind)}>
        <legend>De quelle aide avez-vous besoin ?</legend>
        <ErrorText id={idOfField(FORM_FIELDS.kind)} message={shown[FORM_FIELDS.kind]} />
        {SERVICE_KINDS.map((kind) => (
          <div className="referral-choice" key={kind}>
            <input
              type="radio"
              id={`referral-kind-${kind}`}
              name={FORM_FIELDS.kind}
              value={kind}
              checked={value(FORM_FIELDS.kind) === kind}
              required
              aria-invalid={invalid(FORM_FIELDS.kind)}
              aria-describedby={`referral-kind-${kind}-aide`}
              onChange={() => {
                update(FORM_FIELDS.kind, kind);
                touch(FORM_FIELDS.kind);
              }}
            />
            <label htmlFor={`referral-kind-${kind}`}>{SERVICE_KIND_INFO[kind].label}</label>
            <p className="referral-hint" id={`referral-kind-${kind}-aide`}>
              {SERVICE_KIND_INFO[kind].plainWords}
            </p>
          </div>
        ))}
        {kindExcluded && <p className="referral-error">Avec des violences, la demande ne sera pas envoyée à un service de médiation.</p>}
      </fieldset>

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
          onSelect={chooseCommune}
          required
        />
        <ErrorText id={idOfField(FORM_FIELDS.commune)} message={shown[FORM_FIELDS.commune]} />
        {choices && choices.length > 0 && (
          <fieldset className="referral-choices">
            <legend>Choisissez votre commune</legend>
            {choices.map((choice) => (
              <div className="referral-choice" key={choice.code}>
                <input
                  type="radio"
                  id={`referral-commune-${choice.code}`}
                  name={FORM_FIELDS.communeCode}
                  value={choice.code}
                  checked={value(FORM_FIELDS.communeCode) === choice.code}
                  onChange={() => setValues((current) => ({ ...current, [FORM_FIELDS.communeCode]: choice.code }))}
                />
                <label htmlFor={`referral-commune-${choice.code}`}>{choice.label}</label>
              </div>
            ))}
          </fieldset>
        )}
      </div>

      <div className="referral-early-answer" aria-live="polite">
        {early?.status === 'en-ligne' && (
          <p className="notice referral-early">Un service proche de chez vous peut recevoir votre demande en ligne. Continuez : quelques questions encore.</p>
        )}
        {early?.status === 'a-contacter-directement' && <ContactDirectly answer={early} whereToAsk={props.whereToAsk} />}
        {!hydrated && !early && (
          <p>
            <button className="button button--secondary" type="submit" name={EARLY_ANSWER_STEP.name} value={EARLY_ANSWER_STEP.value} formAction="/orienter/" formMethod="post" formNoValidate>
              Voir si un service proche peut recevoir ma demande
            </button>
          </p>
        )}
      </div>

      {!stopped && (
        <>
        <div className="referral-field">
          <label htmlFor="referral-role">Vous êtes</label>
          <ErrorText id="referral-role" message={shown[FORM_FIELDS.role]} />
          <select
            id="referral-role"
            name={FORM_FIELDS.role}
            required
            value={value(FORM_FIELDS.role)}
            aria-invalid={invalid(FORM_FIELDS.role)}
            aria-describedby={describedBy(FORM_FIELDS.role)}
            onChange={(event) => {
              update(FORM_FIELDS.role, event.target.value);
              touch(FORM_FIELDS.role);
            }}
          >
            <option value="">Choisissez</option>
            {REQUESTER_ROLES.map((role) => (
              <option key={role} value={role}>
                {REQUESTER_ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>

        <fieldset className="referral-field" aria-describedby={describedBy(FORM_FIELDS.courtDecision)}>
          <legend>Y a-t-il une décision de justice ?</legend>
          <ErrorText id={idOfField(FORM_FIELDS.courtDecision)} message={shown[FORM_FIELDS.courtDecision]} />
          {COURT_DECISIONS.map((decision) => (
            <div className="referral-choice" key={decision}>
              <input
                type="radio"
                id={`referral-decision-${decision}`}
                name={FORM_FIELDS.courtDecision}
                value={decision}
                checked={value(FORM_FIELDS.courtDecision) === decision}
                required
                aria-invalid={invalid(FORM_FIELDS.courtDecision)}
                onChange={() => {
                  update(FORM_FIELDS.courtDecision, decision);
                  touch(FORM_FIELDS.courtDecision);
                }}
              />
              <label htmlFor={`referral-decision-${decision}`}>{COURT_DECISION_LABELS[decision]}</label>
            </div>
          ))}
          <div className="referral-subfield">
            <label htmlFor="referral-decision-date">Date de la décision, si vous la connaissez</label>
            <ErrorText id="referral-decision-date" message={shown[FORM_FIELDS.courtDecisionDate]} />
            <input
              id="referral-decision-date"
              type="date"
              min="1990-01-01"
              {...bind(FORM_FIELDS.courtDecisionDate)}
            />
          </div>
        </fieldset>

        <div className="referral-field">
          <label htmlFor="referral-ages">Âge des enfants concernés</label>
          <p className="referral-hint" id="referral-ages-aide">
            En années, séparés par des virgules, par exemple « 4, 9 ». Ne donnez pas leurs prénoms.
          </p>
          <ErrorText id="referral-ages" message={shown[FORM_FIELDS.childrenAges]} />
          <input
            id="referral-ages"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={60}
            {...bind(FORM_FIELDS.childrenAges, 'referral-ages-aide')}
          />
        </div>

        <fieldset className="referral-field">
          <legend>Comment le service peut-il vous recontacter ?</legend>
          <p className="referral-hint">Donnez au moins un moyen : une adresse e-mail ou un numéro de téléphone.</p>
          <div className="referral-subfield">
            <label htmlFor="referral-name">Votre nom ou votre prénom</label>
            <ErrorText id="referral-name" message={shown[FORM_FIELDS.name]} />
            <input
              id="referral-name"
              type="text"
              autoComplete="name"
              required
              maxLength={REFERRAL_LIMITS.nameMax}
              {...bind(FORM_FIELDS.name)}
            />
          </div>
          <div className="referral-subfield">
            <label htmlFor="referral-phone">Téléphone</label>
            <ErrorText id="referral-phone" message={shown[FORM_FIELDS.phone]} />
            <input
              id="referral-phone"
              type="tel"
              autoComplete="tel"
              maxLength={REFERRAL_LIMITS.phoneMax}
              {...bind(FORM_FIELDS.phone)}
            />
          </div>
          <div className="referral-subfield">
            <label htmlFor="referral-email">Adresse e-mail</label>
            <ErrorText id="referral-email" message={shown[FORM_FIELDS.email]} />
            <input
              id="referral-email"
              type="email"
              autoComplete="email"
              maxLength={REFERRAL_LIMITS.emailMax}
              {...bind(FORM_FIELDS.email)}
            />
          </div>
          <div className="referral-choice">
            <input
              id="referral-no-email"
              name={FORM_FIELDS.noEmail}
              type="checkbox"
              value="on"
              checked={Boolean(value(FORM_FIELDS.noEmail))}
              aria-describedby="referral-no-email-aide"
              onChange={(event) => {
                update(FORM_FIELDS.noEmail, event.target.checked ? 'on' : '');
                touch(FORM_FIELDS.phone);
              }}
            />
            <label htmlFor="referral-no-email">Ne me contactez pas par e-mail</label>
            <p className="referral-hint" id="referral-no-email-aide">
              Si quelqu’un d’autre peut lire vos e-mails : aucun e-mail ne vous sera envoyé, et le service vous appellera.
            </p>
          </div>
        </fieldset>

        <div className="referral-field">
          <label htmlFor="referral-message">Votre message (facultatif)</label>
          <p className="referral-hint" id="referral-message-aide">
            Ce qui aidera le service à vous répondre : la situation, vos disponibilités. {REFERRAL_LIMITS.messageMax} caractères au plus.
          </p>
          <ErrorText id="referral-message" message={shown[FORM_FIELDS.message]} />
          <textarea
            id="referral-message"
            rows={6}
            maxLength={REFERRAL_LIMITS.messageMax}
            {...bind(FORM_FIELDS.message, 'referral-message-aide referral-message-compteur')}
          />
          <p className="referral-hint" id="referral-message-compteur">
            {hydrated ? `${REFERRAL_LIMITS.messageMax - messageLength} caractères restants` : `${REFERRAL_LIMITS.messageMax} caractères au plus`}
          </p>
          <p className="visually-hidden" aria-live="polite">
            {messageLengthAnnouncement(messageLength)}
          </p>
        </div>

        <div className="referral-field referral-consent">
          <h2>Ce qui est envoyé, à qui, et pour combien de temps</h2>
          <p id="referral-consent-aide">
            Vos réponses (sauf ce champ d’accord) sont envoyées par e-mail au seul service choisi pour traiter votre demande, pour qu’il vous recontacte. Si vous
            donnez une adresse e-mail et l’acceptez, vous recevez une confirmation à l’objet neutre. Passerelle n’enregistre votre demande dans aucune base de
            données ; une copie technique de l’envoi peut être gardée au plus 14 jours. Le service conserve ensuite votre demande selon ses propres règles.{' '}
            <a href={props.privacyPath}>En savoir plus sur la confidentialité</a>.
          </p>
          <ErrorText id="referral-consent" message={shown[FORM_FIELDS.consent]} />
          <div className="referral-choice">
            <input
              id="referral-consent"
              name={FORM_FIELDS.consent}
              type="checkbox"
              value="on"
              required
              checked={Boolean(value(FORM_FIELDS.consent))}
              aria-invalid={invalid(FORM_FIELDS.consent)}
              aria-describedby={describedBy(FORM_FIELDS.consent, 'referral-consent-aide')}
              onChange={(event) => {
                update(FORM_FIELDS.consent, event.target.checked ? 'on' : '');
                touch(FORM_FIELDS.consent);
              }}
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
