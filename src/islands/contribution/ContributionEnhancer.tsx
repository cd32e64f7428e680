/**
 * The contribution form with JavaScript: the island enhances the form the server rendered (which
 * works alone without JavaScript) instead of drawing its own. Before sending, it checks the fields
 * with the very parsing and French messages of the server (`contributionErrorsBeforeSending`), shows
 * each error beside its field and a summary of links, focused; then it posts the same fields to the
 * same endpoint, asking for JSON, and shows the answer in place. Nothing typed is lost: on an error or
 * a failed connection the form stays as it is (nothing is written to the browser's storage: a
 * contributor's name and address stay in the page only).
 *
 * The check carries the content schema, with the territory data and the opening-hours parser: it is
 * loaded at the first focus in the form, never with the page, and a submit waits for it a short while
 * only; without it, the server checks alone and its errors are shown the same way.
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { ServiceInput } from '../../lib/content/service-schema.ts';
import type { contributionErrorsBeforeSending } from '../../lib/contribution/contribution-form.ts';
import { contributionFieldId, CONTRIBUTION_SEND_MESSAGES } from '../../lib/contribution/contribution-fields.ts';
import { CONTRIBUTION_ANSWER_TITLES } from '../../lib/contribution/contribution-vocabulary.ts';
import { FORM_ERROR_KEY, type CommuneChoice, type FieldErrors, type FormFields } from '../../lib/referral/referral-form.ts';
import { servicePath } from '../../lib/services/service-paths.ts';
import { focusTarget, showFieldErrors } from './field-errors.ts';

interface Props {
  /** The id of the server-rendered form. */
  formId: string;
  /** For a correction or an opt-in: the entry the form starts from. */
  current?: ServiceInput | undefined;
}

type Check = typeof contributionErrorsBeforeSending;

/** How long a submit waits for the check still loading before letting the server check alone. */
const CHECK_WAIT_MS = 1500;

let loading: Promise<Check> | undefined;
function loadCheck(): Promise<Check> {
  loading ??= import('../../lib/contribution/contribution-form.ts').then((module) => module.contributionErrorsBeforeSending);
  loading.catch(() => (loading = undefined));
  return loading;
}

const within = <T,>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([promise.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);

/** The form's fields as the browser would post them (text values only). */
function fieldsOf(form: HTMLFormElement): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/** The accepted answers of POST /api/contribution (src/server/contribution-handler.ts). */
type Answer =
  | { status: 'transmise' | 'lien-envoye'; message: string; serviceId: string }
  | { status: 'invalide'; errors: FieldErrors; communeChoices?: CommuneChoice[] }
  | { status: 'refusee'; error: string };

async function answerOf(response: Response): Promise<Answer | undefined> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  const body = (await response.json().catch(() => undefined)) as Partial<Answer> | undefined;
  return body && typeof body.status === 'string' ? (body as Answer) : undefined;
}

export default function ContributionEnhancer({ formId, current }: Props) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Extract<Answer, { status: 'transmise' | 'lien-envoye' }>>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const sendingNow = useRef(false);
  /** Counts the times errors were shown: each time, once React has drawn them, the summary takes the focus. */
  const [shown, setShown] = useState(0);

  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return undefined;
    const prepare = (): void => void loadCheck().catch(() => undefined);

    const show = (found: FieldErrors, choices?: readonly CommuneChoice[]): void => {
      // The summary of a plain POST that failed gives way to this one.
      form.querySelector('#contribution-errors')?.remove();
      showFieldErrors(form, found, choices);
      setErrors(found);
      setShown((count) => count + 1);
    };

    const submit = async (event: SubmitEvent): Promise<void> => {
      event.preventDefault();
      if (sendingNow.current) return;
      sendingNow.current = true;
      try {
        const fields = fieldsOf(form);
        const check = await within(loadCheck(), CHECK_WAIT_MS);
        const found = check?.(fields, current, Date.now());
        if (found && Object.keys(found.errors).length) return show(found.errors, found.communeChoices);
        setSending(true);
        const response = await fetch(form.action, {
          method: 'POST',
          // "no-referrer" would send "Origin: null", which the server's origin check refuses.
          referrerPolicy: 'same-origin',
          headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
          body: new URLSearchParams(Object.entries(fields)),
        });
        const answer = await answerOf(response);
        if (!answer) show({ [FORM_ERROR_KEY]: CONTRIBUTION_SEND_MESSAGES.unexpected(response.status) });
        else if (answer.status === 'invalide') show(answer.errors, answer.communeChoices);
        else if (answer.status === 'refusee') show({ [FORM_ERROR_KEY]: answer.error });
        else {
          showFieldErrors(form, {});
          setErrors({});
          setDone(answer);
          form.hidden = true;
        }
      } catch {
        show({ [FORM_ERROR_KEY]: CONTRIBUTION_SEND_MESSAGES.network });
      } finally {
        sendingNow.current = false;
        setSending(false);
      }
    };
    const onSubmit = (event: SubmitEvent): void => void submit(event);

    form.addEventListener('focusin', prepare, { once: true });
    form.addEventListener('submit', onSubmit);
    return () => {
      form.removeEventListener('focusin', prepare);
      form.removeEventListener('submit', onSubmit);
    };
  }, [formId, current]);

  const goTo = (name: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    const target = focusTarget(name);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: 'center' });
  };

  if (done) {
    return (
      <div className="contribution-answer">
        <h2 ref={doneRef} tabIndex={-1}>
          {CONTRIBUTION_ANSWER_TITLES[done.status]}
        </h2>
        <p className="notice" role="status">
          {done.message}
        </p>
        <p>
          <a href="/">Retour à l’accueil de Passerelle</a>
          {done.serviceId && current ? (
            <>
              {' · '}
              <a href={servicePath(done.serviceId)}>Page du service</a>
            </>
          ) : null}
        </p>
      </div>
    );
  }
  const entries = Object.entries(errors);
  return (
    <>
      {entries.length > 0 && (
        <div className="notice notice--danger" role="alert" tabIndex={-1} id="contribution-errors" ref={summaryRef}>
          <h2>Votre contribution n’a pas été transmise</h2>
          <ul>
            {entries.map(([name, message]) => (
              <li key={name}>
                {name === FORM_ERROR_KEY ? (
                  message
                ) : (
                  <a href={`#${contributionFieldId(name)}`} onClick={goTo(name)}>
                    {message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {sending ? 'Envoi de votre contribution en cours…' : ''}
      </p>
    </>
  );
}
