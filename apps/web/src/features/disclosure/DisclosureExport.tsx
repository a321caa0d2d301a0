import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { attachmentName, saveWithBlobUrl, type SaveFile } from '../../api/save-file';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { useModal } from '../../ui/modal';
import { TextField } from '../../ui/TextField';
import '../../ui/counselor.css';

type StaffNames = Schemas['DisclosureExportDto']['staffNames'];

const FIELD_LABELS = { staffNames: '職員名の扱い', requestReference: '開示請求の受付番号' };

interface Props {
  api: ApiClient;
  clientId: string;
  /** The ZIP was saved under `filename`. */
  onDone: (filename: string) => void;
  onClose: () => void;
  save?: SaveFile;
}

/** 本人開示 on the client page: the button that opens the dialog, and what was saved. */
export function DisclosureExportSection({ api, clientId, save }: { api: ApiClient; clientId: string; save?: SaveFile }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${id}-title`} className="loaded-section">
      <h2 id={`${id}-title`}>本人開示</h2>
      <p>ご本人から開示請求があったときに、保有している記録をまとめて書き出します。</p>
      <button
        type="button"
        onClick={() => {
          setSaved(null);
          setOpen(true);
        }}
      >
        本人開示用に書き出す
      </button>
      {saved && <p role="status">{saved} を保存しました。書き出しは監査ログに記録されています。</p>}
      {open && (
        <DisclosureExportDialog
          api={api}
          clientId={clientId}
          save={save}
          onClose={() => setOpen(false)}
          onDone={(filename) => {
            setOpen(false);
            setSaved(filename);
          }}
        />
      )}
    </section>
  );
}

/**
 * 本人開示用に書き出す: a supervisor exports everything held about the client as a ZIP (cover,
 * JSON, one CSV per section), for her own disclosure request. Staff names are withheld unless
 * chosen otherwise; the export is recorded in the audit log with that choice.
 */
export function DisclosureExportDialog({ api, clientId, onDone, onClose, save = saveWithBlobUrl }: Props) {
  const id = useId();
  const redactedRef = useRef<HTMLInputElement>(null);
  const { dialogRef, onKeyDown } = useModal(onClose, redactedRef);
  const [staffNames, setStaffNames] = useState<StaffNames>('redacted');
  const [reference, setReference] = useState('');
  const { run, busy, error } = useSubmit(FIELD_LABELS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const requestReference = reference.trim();
    let filename = `kaiji-${clientId.slice(0, 8)}.zip`;
    const blob = await run(async () => {
      const result = await api.POST('/api/v1/clients/{id}/disclosure-export', {
        params: { path: { id: clientId } },
        body: { staffNames, ...(requestReference ? { requestReference } : {}) },
        parseAs: 'blob',
      });
      filename = attachmentName(result.response) ?? filename;
      return result;
    });
    if (blob) {
      save(blob, filename);
      onDone(filename);
    }
  };

  return (
    <div className="backdrop">
      <div ref={dialogRef} className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-about`} onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>本人開示用に書き出す</h2>
        <div id={`${id}-about`} className="dialog-warning">
          <p>
            この相談者について保有している記録（基本情報、子ども、ケース、相談記録、DV・危険度評価、保護命令、支援措置、施設入所、緊急移送、庁内連携と同意、LINE相談、物品の提供）を、表紙・JSON・CSV
            を含む ZIP ファイルに書き出します。施設の所在地と電話番号は含みません。書き出しは監査ログに記録されます。
          </p>
          <p>記録の本文は記録されたとおりに書き出されます。お渡しする前に、第三者の情報など開示しない情報が含まれていないか確認してください。</p>
        </div>
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <fieldset className="field" aria-describedby={`${id}-names-why`}>
            <legend>職員名の扱い</legend>
            <label className="radio">
              <input ref={redactedRef} type="radio" name="staffNames" value="redacted" checked={staffNames === 'redacted'} onChange={() => setStaffNames('redacted')} />
              伏せる（「相談員A」のように役割と記号で記載）
            </label>
            <label className="radio">
              <input type="radio" name="staffNames" value="shown" checked={staffNames === 'shown'} onChange={() => setStaffNames('shown')} />
              職員の氏名を記載する
            </label>
            <p id={`${id}-names-why`} className="note">
              通常は伏せてください。DVの事案では、加害者が本人に開示請求をさせ、担当の職員を探し出そうとするおそれがあります。伏せた場合、氏名とログインIDは書き出しに含まれません。
            </p>
          </fieldset>
          <TextField
            id={`${id}-reference`}
            label="開示請求の受付番号（任意）"
            hint="表紙と監査ログに記録されます。50文字まで、空白は使えません。"
            name="requestReference"
            maxLength={50}
            value={reference}
            onValue={setReference}
            error={error?.fields.requestReference ? `${FIELD_LABELS.requestReference}: ${error.fields.requestReference}` : undefined}
          />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? '書き出し中…' : '書き出す（監査ログに記録）'}
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
