import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiResult } from '../api/hooks';
import { useSubmit } from '../api/hooks';
import { ErrorSummary, FieldMessage } from './ErrorSummary';

export interface DecisionProps {
  /** What is decided, for the buttons' accessible names (e.g. 庁内連携 R-2025-0001). */
  subject: string;
  approveLabel: string;
  rejectLabel: string;
  /** The reject form's field label. */
  reasonLabel: string;
  /** Extra inputs before 承認 (e.g. the address confirmation). */
  approveExtra?: ReactNode;
  approve: () => Promise<ApiResult<unknown>>;
  /** Sends the decision; required reason. Left out: the item has no second decision. */
  reject?: (reason: string) => Promise<ApiResult<unknown>>;
  /** Whether the reject reason may be left empty (a comment rather than a reason). */
  reasonOptional?: boolean;
  /** After a 409 naming the `capacity` field: approve past the facility's capacity with a reason. */
  approveOverride?: (reason: string) => Promise<ApiResult<unknown>>;
  /** Called with what happened, after the api accepted the decision. */
  onDone: (message: string) => void;
  doneMessages: { approved: string; rejected: string; overridden?: string };
}

/**
 * 承認 / 却下 for one item. A rejection asks for its reason first (refused empty on the screen,
 * the api checks again); a capacity conflict offers 定員超過を承認 with a reason of its own.
 */
export function Decision(props: DecisionProps) {
  const { run, busy, error } = useSubmit({ reason: props.reasonLabel, capacityOverrideReason: '定員超過の理由' });
  const [mode, setMode] = useState<'idle' | 'reject'>('idle');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [overrideReason, setOverrideReason] = useState('');
  const [overrideError, setOverrideError] = useState<string | undefined>();
  const reasonId = useId();
  const overrideId = useId();

  const capacityConflict = !!props.approveOverride && error !== null && error.fields.capacity !== undefined;

  const approve = async () => {
    const done = await run(props.approve);
    if (done !== undefined) props.onDone(props.doneMessages.approved);
  };

  const reject = async (event: FormEvent) => {
    event.preventDefault();
    if (!props.reject) return;
    const text = reason.trim();
    if (!text && !props.reasonOptional) {
      setReasonError(`${props.reasonLabel}を入力してください`);
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(undefined);
    const send = props.reject;
    const done = await run(() => send(text));
    if (done !== undefined) props.onDone(props.doneMessages.rejected);
  };

  const override = async (event: FormEvent) => {
    event.preventDefault();
    if (!props.approveOverride) return;
    const text = overrideReason.trim();
    if (text.length < 10) {
      setOverrideError('定員超過の理由を10文字以上で入力してください');
      document.getElementById(overrideId)?.focus();
      return;
    }
    setOverrideError(undefined);
    const send = props.approveOverride;
    const done = await run(() => send(text));
    if (done !== undefined) props.onDone(props.doneMessages.overridden ?? props.doneMessages.approved);
  };

  const apiReasonError = error?.fields.reason ?? error?.fields.note;
  const shownReasonError = reasonError ?? apiReasonError;
  const shownOverrideError = overrideError ?? error?.fields.capacityOverrideReason;

  return (
    <div className="decision">
      <ErrorSummary error={error} />
      {props.approveExtra}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void approve()} aria-label={`${props.subject}を${props.approveLabel}`}>
          {props.approveLabel}
        </button>
        {props.reject && mode === 'idle' && (
          <button type="button" disabled={busy} onClick={() => setMode('reject')} aria-label={`${props.subject}を${props.rejectLabel}`}>
            {props.rejectLabel}
          </button>
        )}
      </div>
      {capacityConflict && (
        <form className="decision-form" onSubmit={override} noValidate>
          <div className="field">
            <label htmlFor={overrideId}>定員超過の理由（10文字以上・監査ログに記録されます）</label>
            <textarea
              id={overrideId}
              rows={3}
              value={overrideReason}
              onChange={(e) => setOverrideReason(e.target.value)}
              aria-invalid={shownOverrideError ? true : undefined}
              aria-describedby={shownOverrideError ? `${overrideId}-error` : undefined}
            />
            <FieldMessage id={`${overrideId}-error`} message={shownOverrideError} />
          </div>
          <button type="submit" className="primary" disabled={busy}>
            定員超過を承認
          </button>
        </form>
      )}
      {props.reject && mode === 'reject' && (
        <form className="decision-form" onSubmit={reject} noValidate>
          <div className="field">
            <label htmlFor={reasonId}>
              {props.reasonLabel}
              {props.reasonOptional ? '（任意）' : '（必須）'}
            </label>
            <textarea
              id={reasonId}
              rows={3}
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={shownReasonError ? true : undefined}
              aria-describedby={shownReasonError ? `${reasonId}-error` : undefined}
            />
            <FieldMessage id={`${reasonId}-error`} message={shownReasonError} />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {props.rejectLabel}する
            </button>
            <button
              type="button"
              onClick={() => {
                setMode('idle');
                setReasonError(undefined);
              }}
            >
              やめる
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
