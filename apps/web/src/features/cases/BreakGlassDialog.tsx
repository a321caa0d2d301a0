import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { useModal } from '../../ui/modal';
import '../../ui/counselor.css';

const FIELD_LABELS = { reason: '理由' };
const MIN_REASON = 10;

interface Props {
  api: ApiClient;
  caseId: string;
  onGranted: (grant: Schemas['BreakGlassGrantDto']) => void;
  onClose: () => void;
}

/**
 * 緊急閲覧（ブレークグラス）: a modal asking why a restricted case must be opened now. The grant is
 * time-limited, recorded in the audit log and reviewed by a supervisor; the dialog says so first.
 */
export function BreakGlassDialog({ api, caseId, onGranted, onClose }: Props) {
  const id = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { dialogRef, onKeyDown } = useModal(onClose, reasonRef);
  const [reason, setReason] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const { run, busy, error } = useSubmit(FIELD_LABELS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setLocalError(`理由を${MIN_REASON}文字以上で入力してください`);
      reasonRef.current?.focus();
      return;
    }
    setLocalError(null);
    const grant = await run(() => api.POST('/api/v1/cases/{id}/break-glass', { params: { path: { id: caseId } }, body: { reason: text } }));
    if (grant) onGranted(grant);
  };

  const reasonError = localError ?? (error?.fields.reason ? `理由: ${error.fields.reason}` : undefined);

  return (
    <div className="backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-warning`} onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>緊急閲覧（ブレークグラス）</h2>
        <div id={`${id}-warning`} className="dialog-warning">
          <p>
            閲覧が制限されたケースを、緊急の理由により一時的に開きます。この操作と理由は監査ログに記録され、査察指導員が確認します。
          </p>
          <p>命の危険がある、至急の対応が必要など、正当な理由があるときだけ使ってください。理由に個人を特定する情報は書かないでください。</p>
        </div>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>理由（必須・{MIN_REASON}文字以上）</label>
            <textarea
              ref={reasonRef}
              id={`${id}-reason`}
              name="reason"
              required
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
            />
            <FieldMessage id={`${id}-reason-error`} message={reasonError} />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              記録して閲覧する
            </button>
            <button type="button" onClick={onClose}>
              キャンセル
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
