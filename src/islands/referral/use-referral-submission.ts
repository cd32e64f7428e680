/**
 * Sending the referral form with fetch: checked first in the browser, sent once at a time, and the
 * server's answer mapped by `submissionOutcome` (src/lib/referral/referral-submission.ts): the result
 * in place of the form, the errors beside their fields, or a banner above the form; nothing typed is
 * lost on a failure. Focus goes to what changed (the result's heading, the banner or the summary).
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import type { SuccessAnswer } from '../../lib/referral/referral-answer.ts';
import {
  CONNECTION_FAILED_BANNER,
  postedFields,
  readReferralAnswer,
  submissionOutcome,
  type ReferralBanner,
} from '../../lib/referral/referral-submission.ts';
import type { ReferralFields } from './use-referral-fields.ts';

export function useReferralSubmission(action: string, fields: ReferralFields, startBanner: ReferralBanner | undefined, hydrated: boolean) {
  const [sending, setSending] = useState(false);
  const [banner, setBanner] = useState<ReferralBanner | undefined>(startBanner);
  const [result, setResult] = useState<SuccessAnswer | undefined>();
  const sendingNow = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [result]);
  useEffect(() => {
    if (banner && hydrated) summaryRef.current?.focus();
  }, [banner, hydrated]);

  const focusSummary = (): void => {
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  async function send(form: HTMLFormElement): Promise<void> {
    if (await fields.blocksSending()) return focusSummary();
    setSending(true);
    setBanner(undefined);
    try {
      const response = await fetch(action, {
        method: 'POST',
        // "no-referrer" would send "Origin: null", which the server's origin check refuses.
        referrerPolicy: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: postedFields(new FormData(form) as unknown as Iterable<[string, string]>).toString(),
      });
      const outcome = submissionOutcome(await readReferralAnswer(response), response.status);
      if (outcome.type === 'result') setResult(outcome.answer);
      else if (outcome.type === 'invalid') {
        fields.showServerErrors(outcome.errors, outcome.communeChoices);
        focusSummary();
      } else {
        if (outcome.newSubmission) fields.renewSubmission();
        setBanner(outcome.banner);
      }
    } catch {
      setBanner(CONNECTION_FAILED_BANNER);
    } finally {
      setSending(false);
    }
  }

  return {
    sending,
    banner,
    result,
    summaryRef,
    resultRef,
    onSubmit: (event: SubmitEvent<HTMLFormElement>): void => {
      event.preventDefault();
      if (sendingNow.current) return;
      sendingNow.current = true;
      void send(event.currentTarget).finally(() => (sendingNow.current = false));
    },
    startAnother: (): void => {
      fields.startAnother();
      setResult(undefined);
    },
  };
}
