import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldMessage } from './ErrorSummary';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  /** The api's message for this field: shown under it, and the input is marked invalid and described by it. */
  error?: string;
  /** A sentence between the label and the input that describes the field. */
  hint?: ReactNode;
}

/** A labelled text input with its hint and error tied to it for screen readers. */
export function TextField({ id, label, value, onValue, error, hint, ...input }: Props) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input {...input} id={id} value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
