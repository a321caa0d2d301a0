import { useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { useLoad, type ApiResult } from '../../api/hooks';
import { formatJstDate, todayJst } from '../../format/dates';
import { CONSENT_METHOD_LABELS, DISCLOSABLE_FIELD_LABELS, label, REFERRAL_PURPOSE_LABELS } from '../../labels';
import { PATHS } from '../../router/paths';
import { pathTo, useRouter } from '../../router/router';
import { FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { CaseFormFrame, FormErrors, invalidProps, keepEnterForTextInputs, useCaseAndClient, useSendOnce, type CaseAndClient } from '../cases/case-form-support';

type Field = Schemas['CreateReferralDto']['fields'][number];
type Purpose = Schemas['CreateReferralDto']['purpose'];
type Method = Schemas['CreateConsentDto']['method'];
type Consent = Schemas['ConsentDto'];

const OPINION: Purpose = 'support-measure-opinion';
const FIELDS = Object.keys(DISCLOSABLE_FIELD_LABELS) as Field[];
const FIELD_LABELS: Record<string, string> = {
  departmentId: '連携先',
  departmentIds: '連携先',
  purpose: '目的',
  supportMeasureId: '意見を付す支援措置',
  fields: '伝える項目',
  summary: '連携先向けの要約',
  dueOn: '回答期限',
  message: '連携先へのメッセージ',
  consent: '本人の同意',
  obtainedOn: '同意を得た日',
  method: '同意の方法',
  status: '状態',
};
const NO_CONSENT = '承認申請には、この連携先と項目についての本人の同意の記録が必要です。同意を得たら「本人の同意」の欄に記録してください。';

/** Two weeks from today (JST), the usual time a department is given to answer. */
function twoWeeksFromToday(): string {
  return todayJst(new Date(Date.now() + 14 * 86_400_000));
}

/** A consent not withdrawn that names this department and every chosen field: what the api's submit looks for. */
export function coveringConsent(consents: readonly Consent[], departmentId: string, fields: readonly Field[]): Consent | undefined {
  if (!departmentId || fields.length === 0) return undefined;
  return consents.find((c) => c.withdrawnAt === null && c.departmentIds.includes(departmentId) && fields.every((f) => c.fields.includes(f)));
}

/**
 * 庁内連携の起票: a draft to a city department naming exactly the fields it will see; 承認申請
 * needs the client's consent for that department and those fields, recorded here if not yet.
 */
export function ReferralDraftForm({ api, params }: ScreenProps) {
  const loaded = useCaseAndClient(api, params.id);
  return (
    <CaseFormFrame title="庁内連携の起票" caseId={params.id} loaded={loaded}>
      {(data) => <ReferralFields api={api} caseId={params.id} data={data} />}
    </CaseFormFrame>
  );
}

function ReferralFields({ api, caseId, data }: { api: ScreenProps['api']; caseId: string; data: CaseAndClient }) {
  const { navigate } = useRouter();
  const clientId = data.client.id;
  const departments = useLoad(() => api.GET('/api/v1/departments'), []);
  const consents = useLoad(() => api.GET('/api/v1/clients/{id}/consents', { params: { path: { id: clientId } } }), [clientId]);
  const [departmentId, setDepartmentId] = useState('');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [supportMeasureId, setSupportMeasureId] = useState('');
  const [fields, setFields] = useState<Field[]>([]);
  const [summary, setSummary] = useState('');
  const [dueOn, setDueOn] = useState(twoWeeksFromToday);
  const [message, setMessage] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [method, setMethod] = useState<Method>('oral');
  const [obtainedOn, setObtainedOn] = useState(() => todayJst());
  const [recorded, setRecorded] = useState<Consent[]>([]);
  const [draft, setDraft] = useState<{ id: string; version: number } | null>(null);
  const { run, busy, error, setError } = useSendOnce(FIELD_LABELS);
  const fieldError = (name: string) => error?.fields[name];

  const chosenFields = FIELDS.filter((f) => fields.includes(f));
  const known = [...recorded, ...(consents.state === 'done' ? consents.data : [])];
  const covering = coveringConsent(known, departmentId, chosenFields);
  const canSubmit = covering !== undefined || consentGiven;
  const activeDepartments = departments.state === 'done' ? departments.data.filter((d) => d.active) : [];

  const draftBody = (): Schemas['CreateReferralDto'] => ({
    departmentId,
    purpose: purpose as Purpose,
    message,
    fields: chosenFields,
    ...(chosenFields.includes('summary') ? { summary } : {}),
    dueOn,
    ...(purpose === OPINION && supportMeasureId ? { supportMeasureId } : {}),
  });

  /** Creates the draft, or brings the one created earlier on this screen up to date. */
  const saveDraft = async (): Promise<ApiResult<Schemas['ReferralDto']>> => {
    const body = draftBody();
    const reply = draft
      ? await api.PATCH('/api/v1/referrals/{id}', {
          params: { path: { id: draft.id } },
          body: { version: draft.version, purpose: body.purpose, message: body.message, fields: body.fields, dueOn: body.dueOn, ...(body.summary !== undefined ? { summary: body.summary } : {}) },
        })
      : await api.POST('/api/v1/cases/{id}/referrals', { params: { path: { id: caseId } }, body });
    if (reply.data) setDraft({ id: reply.data.id, version: reply.data.version });
    return reply;
  };

  const saveOnly = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(saveDraft);
    if (saved) navigate(pathTo(PATHS.case, { id: caseId }));
  };

  const submitForApproval = async () => {
    if (!canSubmit) {
      setError({ message: NO_CONSENT, fields: { consent: '本人の同意を記録してください' } });
      return;
    }
    const submitted = await run(async () => {
      if (!covering) {
        const consent = await api.POST('/api/v1/clients/{id}/consents', {
          params: { path: { id: clientId } },
          body: { obtainedOn, method, departmentIds: [departmentId], fields: chosenFields },
        });
        if (!consent.data) return consent;
        const stored = consent.data;
        setRecorded((list) => [stored, ...list]);
      }
      const saved = await saveDraft();
      if (!saved.data) return saved;
      const reply = await api.POST('/api/v1/referrals/{id}/submit', { params: { path: { id: saved.data.id } }, body: { version: saved.data.version } });
      if (reply.data) setDraft({ id: reply.data.id, version: reply.data.version });
      return reply;
    });
    if (submitted) navigate(pathTo(PATHS.case, { id: caseId }));
  };

  return (
    <form onSubmit={saveOnly} onKeyDown={keepEnterForTextInputs} noValidate>
      <FormErrors error={error} />
      {draft && (
        <p className="notice" role="status">
          下書きは保存されています。連携先は変更できません。
        </p>
      )}
      <div className="field">
        <label htmlFor="referral-department">連携先の課</label>
        <select id="referral-department" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} disabled={draft !== null} required autoFocus {...invalidProps('referral-department', fieldError('departmentId') ?? fieldError('departmentIds'))}>
          <option value="">{departments.state === 'loading' ? '読み込み中…' : '選んでください'}</option>
          {activeDepartments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        {departments.state === 'failed' && <p className="field-error">課の一覧を読み込めませんでした。{departments.error.message}</p>}
        <FieldMessage id="referral-department-error" message={fieldError('departmentId') ?? fieldError('departmentIds')} />
      </div>

      <div className="field">
        <label htmlFor="referral-purpose">目的</label>
        <select id="referral-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as Purpose)} required {...invalidProps('referral-purpose', fieldError('purpose'))}>
          <option value="">選んでください</option>
          {(Object.keys(REFERRAL_PURPOSE_LABELS) as Purpose[]).map((p) => (
            <option key={p} value={p}>
              {label(REFERRAL_PURPOSE_LABELS, p)}
            </option>
          ))}
        </select>
        <FieldMessage id="referral-purpose-error" message={fieldError('purpose')} />
      </div>

      {purpose === OPINION && <SupportMeasureChoice api={api} caseId={caseId} value={supportMeasureId} onValue={setSupportMeasureId} error={fieldError('supportMeasureId')} />}

      <fieldset aria-describedby={['referral-fields-hint', fieldError('fields') ? 'referral-fields-error' : ''].filter(Boolean).join(' ')}>
        <legend>連携先に伝える項目</legend>
        <p id="referral-fields-hint" className="hint">
          選んだ項目だけが、承認の時点の内容で連携先に開示されます。相談記録は開示されません。
        </p>
        <div className="checks">
          {FIELDS.map((f) => (
            <label key={f}>
              <input type="checkbox" name="fields" value={f} checked={fields.includes(f)} onChange={(e) => setFields((list) => (e.target.checked ? [...list, f] : list.filter((x) => x !== f)))} />
              {label(DISCLOSABLE_FIELD_LABELS, f)}
            </label>
          ))}
        </div>
        {data.client.addressProtected && fields.includes('address') && (
          <p className="notice">住所秘匿の方です。現住所の開示には、承認者による確認が別に必要です。</p>
        )}
        <FieldMessage id="referral-fields-error" message={fieldError('fields')} />
      </fieldset>

      {fields.includes('summary') && (
        <div className="field">
          <label htmlFor="referral-summary">連携先向けの要約</label>
          <textarea id="referral-summary" value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={4000} required {...invalidProps('referral-summary', fieldError('summary'))} />
          <FieldMessage id="referral-summary-error" message={fieldError('summary')} />
        </div>
      )}

      <div className="field">
        <label htmlFor="referral-due">回答期限</label>
        <input id="referral-due" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} required {...invalidProps('referral-due', fieldError('dueOn'))} />
        <FieldMessage id="referral-due-error" message={fieldError('dueOn')} />
      </div>

      <div className="field">
        <label htmlFor="referral-message">連携先へのメッセージ</label>
        <textarea id="referral-message" value={message} onChange={(e) => setMessage(e.target.value)} maxLength={4000} required {...invalidProps('referral-message', fieldError('message'))} />
        <FieldMessage id="referral-message-error" message={fieldError('message')} />
      </div>

      <fieldset className="consent-box" aria-describedby={fieldError('consent') ? 'referral-consent-error' : undefined}>
        <legend>本人の同意</legend>
        {consents.state === 'failed' && <p className="field-error">同意の記録を読み込めませんでした。{consents.error.message}</p>}
        {covering ? (
          <p role="status">
            記録済みの同意があります（{formatJstDate(covering.obtainedOn)}、{label(CONSENT_METHOD_LABELS, covering.method)}）。
          </p>
        ) : (
          <>
            <p id="referral-consent-needed" className="hint">
              {departmentId && chosenFields.length > 0 ? 'この連携先と項目についての同意の記録はまだありません。' : '連携先と項目を選ぶと、記録済みの同意を確かめます。'}
            </p>
            <label className="check">
              <input
                type="checkbox"
                checked={consentGiven}
                onChange={(e) => {
                  setConsentGiven(e.target.checked);
                  // The screen's own refusal no longer holds once the consent is recorded here.
                  if (e.target.checked && error?.message === NO_CONSENT) setError(null);
                }}
              />
              本人から、この連携先に選んだ項目を伝えることについて同意を得た
            </label>
            {consentGiven && (
              <div className="inline-fields">
                <fieldset aria-describedby={fieldError('method') ? 'referral-method-error' : undefined}>
                  <legend>同意の方法</legend>
                  {(Object.keys(CONSENT_METHOD_LABELS) as Method[]).map((m) => (
                    <label key={m} className="radio">
                      <input type="radio" name="consent-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                      {label(CONSENT_METHOD_LABELS, m)}
                    </label>
                  ))}
                  <FieldMessage id="referral-method-error" message={fieldError('method')} />
                </fieldset>
                <div className="field">
                  <label htmlFor="referral-consent-on">同意を得た日</label>
                  <input id="referral-consent-on" type="date" value={obtainedOn} max={todayJst()} onChange={(e) => setObtainedOn(e.target.value)} required {...invalidProps('referral-consent-on', fieldError('obtainedOn'))} />
                  <FieldMessage id="referral-consent-on-error" message={fieldError('obtainedOn')} />
                </div>
              </div>
            )}
          </>
        )}
        <FieldMessage id="referral-consent-error" message={fieldError('consent')} />
      </fieldset>

      {!canSubmit && (
        <p id="referral-submit-why" className="note">
          {NO_CONSENT}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          下書き保存
        </button>
        <button type="button" className="primary" onClick={submitForApproval} disabled={busy} aria-disabled={!canSubmit || undefined} aria-describedby={!canSubmit ? 'referral-submit-why' : undefined}>
          {busy ? '送信しています…' : '承認申請'}
        </button>
      </div>
    </form>
  );
}

function SupportMeasureChoice({ api, caseId, value, onValue, error }: { api: ScreenProps['api']; caseId: string; value: string; onValue: (id: string) => void; error: string | undefined }) {
  const dv = useLoad(() => api.GET('/api/v1/cases/{id}/dv', { params: { path: { id: caseId } } }), [caseId]);
  const measures = dv.state === 'done' ? dv.data.supportMeasures : [];
  return (
    <div className="field">
      <label htmlFor="referral-measure">意見を付す支援措置（申出）</label>
      <select id="referral-measure" value={value} onChange={(e) => onValue(e.target.value)} required {...invalidProps('referral-measure', error)}>
        <option value="">選んでください</option>
        {measures.map((m) => (
          <option key={m.id} value={m.id}>
            申出日 {formatJstDate(m.appliedOn)}（{formatJstDate(m.startsOn)}〜{formatJstDate(m.expiresOn)}）
          </option>
        ))}
      </select>
      {dv.state === 'done' && measures.length === 0 && <p className="empty">このケースには支援措置の記録がありません。</p>}
      <FieldMessage id="referral-measure-error" message={error} />
    </div>
  );
}
