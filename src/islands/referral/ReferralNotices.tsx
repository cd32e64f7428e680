/**
 * What the referral form says above its fields: a banner when the request was not sent (with the
 * service's phone and website), and the summary of the answers to correct, each linked to its field.
 * The wrapper takes the focus when one of them appears.
 */
import type { Ref } from 'react';
import { FORM_ERROR_KEY, type FieldErrors } from '../../lib/referral/referral-form.ts';
import type { ReferralBanner } from '../../lib/referral/referral-submission.ts';
import { phoneHref } from '../../lib/services/service-format.ts';
import { idOfField } from './referral-field-ids.ts';

export function ReferralNotices({
  banner,
  errors,
  anchorRef,
}: {
  banner: ReferralBanner | undefined;
  errors: FieldErrors;
  anchorRef: Ref<HTMLDivElement>;
}) {
  const errorEntries = Object.entries(errors);
  return (
    <div ref={anchorRef} tabIndex={-1} className="referral-summary-anchor">
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
  );
}
