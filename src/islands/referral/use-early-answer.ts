/**
 * The early answer (can a service near enough receive the request online?), asked again whenever the
 * violence, the kind or the commune chosen change; the one rendered by the server holds for the
 * answers it was given.
 */
import { useEffect, useRef, useState } from 'react';
import type { PublicEarlyAnswer } from '../../lib/referral/referral-early-answer.ts';
import { EARLY_ANSWER_STEP, type FormFields } from '../../lib/referral/referral-form.ts';
import { earlyAnswerFields, earlyAnswerKey } from '../../lib/referral/referral-submission.ts';

/** The early answer for the first answers, from the form page (JSON); undefined when it cannot be had. */
async function fetchEarlyAnswer(fields: FormFields): Promise<PublicEarlyAnswer | undefined> {
  const response = await fetch('/orienter/', {
    method: 'POST',
    referrerPolicy: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams({ ...fields, [EARLY_ANSWER_STEP.name]: EARLY_ANSWER_STEP.value }).toString(),
  });
  if (!response.ok || !/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  return (await response.json()) as PublicEarlyAnswer;
}

export function useEarlyAnswer(values: FormFields, rendered: PublicEarlyAnswer | undefined): PublicEarlyAnswer | undefined {
  const [early, setEarly] = useState<PublicEarlyAnswer | undefined>(rendered);
  const key = earlyAnswerKey(values);
  const first = useRef(true);
  useEffect(() => {
    if (first.current && rendered) {
      first.current = false;
      return;
    }
    first.current = false;
    setEarly(undefined);
    const fields = earlyAnswerFields(values);
    if (!fields) return;
    let current = true;
    fetchEarlyAnswer(fields)
      .then((answer) => {
        if (current) setEarly(answer);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
    // Asked again when the first answers change, not at every keystroke elsewhere.
  }, [key]);
  return early;
}
