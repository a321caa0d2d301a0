import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { Loaded } from '../../api/hooks';
import { ErrorSummary, FieldMessage } from '../ErrorSummary';
import './admin.css';

/** The list's loading and failure states; the rows once loaded. */
export function ListLoad<T>({ loaded, children }: { loaded: Loaded<T[]>; children: (rows: T[]) => ReactNode }) {
  if (loaded.state === 'loading') return <p className="loading">読み込み中…</p>;
  if (loaded.state === 'failed') return <ErrorSummary error={loaded.error} />;
  return <>{children(loaded.data)}</>;
}

/** What the last change did; focused after a change so keyboard users land on it. */
export function StatusLine({ status, statusRef }: { status: string; statusRef: RefObject<HTMLParagraphElement | null> }) {
  return (
    <p role="status" className="admin-status" tabIndex={-1} ref={statusRef}>
      {status}
    </p>
  );
}

/** The form of the one row being edited; its heading takes the focus when it opens. */
export function EditPanel({ title, children }: { title: ReactNode; children: ReactNode }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="admin-edit" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** 保存 and キャンセル of an edit form (the form's submit saves). */
export function EditActions({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        保存
      </button>
      <button type="button" onClick={onCancel}>
        キャンセル
      </button>
    </div>
  );
}

interface SelectProps {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  options: ReadonlyArray<readonly [string, string]>;
  error?: string;
  name?: string;
  /** A first option with an empty value, e.g. 選択してください. */
  placeholder?: string;
}

export function SelectField({ id, label, value, onValue, options, error, name, placeholder }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}

export function CheckboxField({ id, label, checked, onChecked, error }: { id: string; label: ReactNode; checked: boolean; onChecked: (checked: boolean) => void; error?: string }) {
  return (
    <div className="field checkbox-field">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChecked(e.target.checked)} aria-describedby={error ? `${id}-error` : undefined} />
      <label htmlFor={id}>{label}</label>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}

interface ConfirmProps {
  /** The button that asks, e.g. 無効化. */
  label: string;
  /** The button's accessible name when the row needs naming, e.g. 無効化（sato）. */
  ariaLabel?: string;
  /** The question, e.g. 佐藤 相談員 を無効化しますか？ */
  question: ReactNode;
  /** The button that does it, e.g. 無効化する. */
  confirmLabel: string;
  /** Resolves true when done (the question closes), false when refused (it stays open). */
  onConfirm: () => Promise<boolean>;
  /** Inputs the confirmation needs (a new password …). */
  children?: ReactNode;
  disabled?: boolean;
  danger?: boolean;
}

/** A row action that asks first: the question opens beside the button, focused on its confirm button. */
export function ConfirmAction({ label, ariaLabel, question, confirmLabel, onConfirm, children, disabled, danger }: ConfirmProps) {
  const [open, setOpen] = useState(false);
  const questionId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const firstInputRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const input = firstInputRef.current?.querySelector('input');
    (input ?? confirmRef.current)?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" ref={triggerRef} aria-label={ariaLabel} onClick={() => setOpen(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  const close = () => {
    setOpen(false);
    setTimeout(() => triggerRef.current?.focus());
  };
  return (
    <div className="confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      {children && <div ref={firstInputRef}>{children}</div>}
      <div className="actions">
        <button
          type="button"
          ref={confirmRef}
          className={danger ? 'danger' : 'primary'}
          disabled={disabled}
          onClick={async () => {
            if (await onConfirm()) setOpen(false);
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" onClick={close}>
          やめる
        </button>
      </div>
    </div>
  );
}
