/**
 * The error under a form field, or nothing: `<p id="<id>-erreur">`, that the field names in its
 * `aria-describedby`, with « Erreur : » for screen readers. Styled by the form classes
 * (`referral-error`, shared with the contribution form).
 */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="referral-error" id={`${id}-erreur`}>
      <span className="visually-hidden">Erreur : </span>
      {message}
    </p>
  ) : null;
}

/** The id of the error under the field `id` (what `FieldError` renders). */
export const fieldErrorId = (id: string): string => `${id}-erreur`;

/** `aria-describedby` of a field: its hint and its error when shown, or nothing. */
export function describedByIds(...ids: readonly (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}
