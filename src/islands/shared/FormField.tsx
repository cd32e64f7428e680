/**
 * One labelled field of a form: the label, an optional hint (`<id>-aide`), the error (`FieldError`),
 * then the control given as children, whose id is `id` and whose `aria-describedby` names the hint and
 * the error. Styled by the form classes (`referral-field`, `referral-subfield`, `referral-hint`).
 */
import type { ReactNode } from 'react';
import { FieldError } from './FieldError.tsx';

export interface FormFieldProps {
  /** The control's id. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error: string | undefined;
  /** `referral-field` for a question, `referral-subfield` for a part of one. */
  className?: string;
  children: ReactNode;
}

export function FormField({ id, label, hint, error, className = 'referral-field', children }: FormFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p className="referral-hint" id={`${id}-aide`}>
          {hint}
        </p>
      )}
      <FieldError id={id} message={error} />
      {children}
    </div>
  );
}
