/**
 * One question answered by one choice among a few: a `<fieldset>` of radio buttons with its legend,
 * an optional hint, and its error, both tied to the fieldset by `aria-describedby` (the radios carry
 * `aria-invalid` while the error shows). Each radio is `<idPrefix>-<value>`; the error's anchor (the
 * link of an error summary) is the first radio, and the error's id is `<first radio id>-erreur`.
 * An option may have its own hint, tied to its radio. Rendered on the server too: the same HTML works
 * without JavaScript. Styled by the form classes (`referral-field`, `referral-choice`,
 * `referral-hint`, `referral-error`), which the contribution form uses as well.
 *
 * Example:
 *   <RadioGroup idPrefix="referral-violence" name="violence" legend="Y a-t-il des violences ?"
 *     options={[{ value: 'oui', label: 'Oui' }, { value: 'non', label: 'Non' }]}
 *     value={value} onChange={setValue} error={errors.violence} required />
 */
import type { ReactNode } from 'react';
import { describedByIds, FieldError, fieldErrorId } from './FieldError.tsx';

export interface RadioOption<T extends string> {
  value: T;
  label: string;
  /** A line under the label, read with the radio. */
  hint?: string;
}

export interface RadioGroupProps<T extends string> {
  /** Prefix of the ids: radio `<idPrefix>-<value>`, hint `<idPrefix>-aide`. */
  idPrefix: string;
  name: string;
  legend: ReactNode;
  options: readonly RadioOption<T>[];
  /** The value checked ('' for none). */
  value: string;
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Class of the fieldset (`referral-field` by default). */
  className?: string;
  /** Shown after the choices (a warning, a sub-field). */
  children?: ReactNode;
}

/** The id of a radio of the group: what an error summary links to (the first one). */
export const radioId = (idPrefix: string, value: string): string => `${idPrefix}-${value}`;

export function RadioGroup<T extends string>({
  idPrefix,
  name,
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  required = false,
  className = 'referral-field',
  children,
}: RadioGroupProps<T>) {
  const hintId = `${idPrefix}-aide`;
  const anchorId = radioId(idPrefix, options[0]?.value ?? '');
  return (
    <fieldset className={className} aria-describedby={describedByIds(hint !== undefined && hintId, error && fieldErrorId(anchorId))}>
      <legend>{legend}</legend>
      {hint !== undefined && (
        <p className="referral-hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={anchorId} message={error} />
      {options.map((option) => {
        const id = radioId(idPrefix, option.value);
        return (
          <div className="referral-choice" key={option.value}>
            <input
              type="radio"
              id={id}
              name={name}
              value={option.value}
              checked={value === option.value}
              required={required || undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={option.hint ? `${id}-aide` : undefined}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={id}>{option.label}</label>
            {option.hint && (
              <p className="referral-hint" id={`${id}-aide`}>
                {option.hint}
              </p>
            )}
          </div>
        );
      })}
      {children}
    </fieldset>
  );
}
