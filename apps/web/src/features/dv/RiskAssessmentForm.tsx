import { useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { todayJst } from '../../format/dates';
import { label, RISK_ITEMS, RISK_LEVEL_LABELS, riskLevelOf } from '../../labels';
import { PATHS } from '../../router/paths';
import { pathTo, useRouter } from '../../router/router';
import { FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { CaseFormFrame, FormErrors, invalidProps, keepEnterForTextInputs, useCaseAndClient, useSendOnce } from '../cases/case-form-support';

type RiskItem = Schemas['CreateRiskAssessmentDto']['items'][number];

const FIELD_LABELS: Record<string, string> = { assessedOn: '評価日', items: '危険の兆候', note: 'メモ' };
/** Items the screening weighs as lethal signs (weight 3 in libs/codes). */
const LETHAL = 3;

/** 危険度評価の入力: the level shown while ticking is a preview; the api computes the one saved. */
export function RiskAssessmentForm({ api, params }: ScreenProps) {
  const loaded = useCaseAndClient(api, params.id);
  return (
    <CaseFormFrame title="危険度評価の入力" caseId={params.id} loaded={loaded}>
      {() => <RiskFields api={api} caseId={params.id} />}
    </CaseFormFrame>
  );
}

function RiskFields({ api, caseId }: { api: ScreenProps['api']; caseId: string }) {
  const { navigate } = useRouter();
  const [assessedOn, setAssessedOn] = useState(() => todayJst());
  const [items, setItems] = useState<RiskItem[]>([]);
  const [note, setNote] = useState('');
  const { run, busy, error } = useSendOnce(FIELD_LABELS);
  const level = riskLevelOf(items as unknown as Parameters<typeof riskLevelOf>[0]);
  const fieldError = (name: string) => error?.fields[name];
  const allItems = Object.keys(RISK_ITEMS) as RiskItem[];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // In the order of the list, whatever order they were ticked in.
    const body: Schemas['CreateRiskAssessmentDto'] = { assessedOn, items: allItems.filter((i) => items.includes(i)), ...(note.trim() ? { note } : {}) };
    const saved = await run(() => api.POST('/api/v1/cases/{id}/risk-assessments', { params: { path: { id: caseId } }, body }));
    if (saved) navigate(pathTo(PATHS.case, { id: caseId }));
  };

  return (
    <form onSubmit={submit} onKeyDown={keepEnterForTextInputs} noValidate>
      <FormErrors error={error} />
      <div className="field">
        <label htmlFor="risk-assessed-on">評価日</label>
        <input id="risk-assessed-on" type="date" value={assessedOn} max={todayJst()} onChange={(e) => setAssessedOn(e.target.value)} required autoFocus {...invalidProps('risk-assessed-on', fieldError('assessedOn'))} />
        <FieldMessage id="risk-assessed-on-error" message={fieldError('assessedOn')} />
      </div>

      <fieldset aria-describedby={['risk-items-hint', fieldError('items') ? 'risk-items-error' : ''].filter(Boolean).join(' ')}>
        <legend>危険の兆候（当てはまるものすべて）</legend>
        <p id="risk-items-hint" className="hint">
          「重大」は命に関わる兆候です。目安の評価であり、相談員の判断が優先します。
        </p>
        <div className="checks risk-items">
          {allItems.map((item) => (
            <label key={item}>
              <input type="checkbox" name="items" value={item} checked={items.includes(item)} onChange={(e) => setItems((list) => (e.target.checked ? [...list, item] : list.filter((i) => i !== item)))} />
              {RISK_ITEMS[item].label}
              {RISK_ITEMS[item].weight >= LETHAL && <span className="risk-lethal">（重大）</span>}
            </label>
          ))}
        </div>
        <FieldMessage id="risk-items-error" message={fieldError('items')} />
      </fieldset>

      <p className="risk-preview" role="status" aria-live="polite">
        危険度の目安: <strong>{label(RISK_LEVEL_LABELS, level)}</strong>（{items.length}項目）
      </p>

      <div className="field">
        <label htmlFor="risk-note">メモ（任意）</label>
        <textarea id="risk-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} {...invalidProps('risk-note', fieldError('note'))} />
        <FieldMessage id="risk-note-error" message={fieldError('note')} />
      </div>

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '保存しています…' : '評価を保存する'}
        </button>
      </div>
    </form>
  );
}
