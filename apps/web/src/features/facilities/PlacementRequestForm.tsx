import { useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { todayJst } from '../../format/dates';
import { CHILD_AGE_BAND_LABELS, FACILITY_KIND_LABELS, label, PLACEMENT_KIND_LABELS, PLACEMENT_KINDS_BY_FACILITY } from '../../labels';
import { PATHS } from '../../router/paths';
import { pathTo, useRouter } from '../../router/router';
import { FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { CaseFormFrame, FormErrors, invalidProps, keepEnterForTextInputs, useCaseAndClient, useSendOnce } from '../cases/case-form-support';

type PlacementKind = NonNullable<Schemas['CreatePlacementDto']['kind']>;
type ChildAgeBand = NonNullable<Schemas['CreatePlacementDto']['childAgeBands']>[number];

const MATERNITY: PlacementKind = 'maternity-admission';
const FIELD_LABELS: Record<string, string> = {
  facilityId: '施設',
  kind: '入所の種類',
  plannedStart: '入所予定日',
  adults: '大人',
  children: '同伴児',
  childAgeBands: '同伴児の年齢区分',
  expectedDeliveryOn: '出産予定日',
  reason: '申請の理由',
  caseId: 'ケース',
  capacity: '定員',
};

/** 施設入所の申請: a request on the case, decided later by a supervisor. Lists never show an address. */
export function PlacementRequestForm({ api, params }: ScreenProps) {
  const loaded = useCaseAndClient(api, params.id);
  return (
    <CaseFormFrame title="施設入所の申請" caseId={params.id} loaded={loaded}>
      {() => <PlacementFields api={api} caseId={params.id} />}
    </CaseFormFrame>
  );
}

function kindsOf(facility: Schemas['FacilityDto'] | undefined): readonly PlacementKind[] {
  return facility ? (PLACEMENT_KINDS_BY_FACILITY[facility.kind] as readonly string[] as readonly PlacementKind[]) : [];
}

function PlacementFields({ api, caseId }: { api: ScreenProps['api']; caseId: string }) {
  const { navigate } = useRouter();
  const facilities = useLoad(() => api.GET('/api/v1/facilities'), []);
  const [facilityId, setFacilityId] = useState('');
  const [kind, setKind] = useState<PlacementKind | ''>('');
  const [plannedStart, setPlannedStart] = useState(() => todayJst());
  const [adults, setAdults] = useState('1');
  const [bands, setBands] = useState<ChildAgeBand[]>([]);
  const [expectedDeliveryOn, setExpectedDeliveryOn] = useState('');
  const [reason, setReason] = useState('');
  const { run, busy, error } = useSendOnce(FIELD_LABELS);
  const fieldError = (name: string) => error?.fields[name];

  const operating = facilities.state === 'done' ? facilities.data.filter((f) => f.status === 'operating') : [];
  const facility = operating.find((f) => f.id === facilityId);
  const kinds = kindsOf(facility);
  const chosenKind = kind && kinds.includes(kind) ? kind : kinds[0];
  const maternity = chosenKind === MATERNITY;

  const chooseFacility = (id: string) => {
    setFacilityId(id);
    setKind(kindsOf(operating.find((f) => f.id === id))[0] ?? '');
  };
  const setChildren = (value: string) => {
    const count = Math.max(0, Math.min(20, Math.floor(Number(value) || 0)));
    setBands((list) => Array.from({ length: count }, (_, i) => list[i] ?? 'unknown'));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['CreatePlacementDto'] = {
      facilityId,
      ...(chosenKind ? { kind: chosenKind } : {}),
      plannedStart,
      adults: Number(adults),
      children: bands.length,
      childAgeBands: bands,
      ...(maternity && expectedDeliveryOn ? { expectedDeliveryOn } : {}),
      reason,
    };
    const saved = await run(() => api.POST('/api/v1/cases/{id}/placements', { params: { path: { id: caseId } }, body }));
    if (saved) navigate(pathTo(PATHS.case, { id: caseId }));
  };

  return (
    <form onSubmit={submit} onKeyDown={keepEnterForTextInputs} noValidate>
      <FormErrors error={error} />
      <div className="field">
        <label htmlFor="placement-facility">施設</label>
        <select id="placement-facility" value={facilityId} onChange={(e) => chooseFacility(e.target.value)} required autoFocus {...invalidProps('placement-facility', fieldError('facilityId'))}>
          <option value="">{facilities.state === 'loading' ? '読み込み中…' : '選んでください'}</option>
          {operating.map((f) => (
            <option key={f.id} value={f.id}>
              {label(FACILITY_KIND_LABELS, f.kind)}：{f.name}
            </option>
          ))}
        </select>
        {facilities.state === 'failed' && <p className="field-error">施設の一覧を読み込めませんでした。{facilities.error.message}</p>}
        {facilities.state === 'done' && operating.length === 0 && <p className="empty">申請できる施設がありません。</p>}
        <FieldMessage id="placement-facility-error" message={fieldError('facilityId') ?? fieldError('capacity')} />
      </div>

      {kinds.length > 0 && (
        <fieldset aria-describedby={fieldError('kind') ? 'placement-kind-error' : undefined}>
          <legend>入所の種類</legend>
          <div className="checks">
            {kinds.map((k) => (
              <label key={k} className="radio">
                <input type="radio" name="kind" value={k} checked={chosenKind === k} onChange={() => setKind(k)} />
                {label(PLACEMENT_KIND_LABELS, k)}
              </label>
            ))}
          </div>
          <FieldMessage id="placement-kind-error" message={fieldError('kind')} />
        </fieldset>
      )}

      <div className="field">
        <label htmlFor="placement-start">入所予定日</label>
        <input id="placement-start" type="date" value={plannedStart} onChange={(e) => setPlannedStart(e.target.value)} required {...invalidProps('placement-start', fieldError('plannedStart'))} />
        <FieldMessage id="placement-start-error" message={fieldError('plannedStart')} />
      </div>

      {maternity && (
        <div className="field">
          <label htmlFor="placement-delivery">出産予定日（助産施設では必須）</label>
          <input id="placement-delivery" type="date" value={expectedDeliveryOn} onChange={(e) => setExpectedDeliveryOn(e.target.value)} required {...invalidProps('placement-delivery', fieldError('expectedDeliveryOn'))} />
          <FieldMessage id="placement-delivery-error" message={fieldError('expectedDeliveryOn')} />
        </div>
      )}

      <fieldset>
        <legend>入所する人数</legend>
        <div className="inline-fields">
          <div className="field">
            <label htmlFor="placement-adults">大人（人）</label>
            <input id="placement-adults" type="number" inputMode="numeric" min={0} max={10} value={adults} onChange={(e) => setAdults(e.target.value)} required {...invalidProps('placement-adults', fieldError('adults'))} />
            <FieldMessage id="placement-adults-error" message={fieldError('adults')} />
          </div>
          <div className="field">
            <label htmlFor="placement-children">同伴児（人）</label>
            <input id="placement-children" type="number" inputMode="numeric" min={0} max={20} value={String(bands.length)} onChange={(e) => setChildren(e.target.value)} {...invalidProps('placement-children', fieldError('children'))} />
            <FieldMessage id="placement-children-error" message={fieldError('children')} />
          </div>
        </div>
      </fieldset>

      {bands.length > 0 && (
        <fieldset aria-describedby={fieldError('childAgeBands') ? 'placement-bands-error' : undefined}>
          <legend>同伴児の年齢区分</legend>
          <div className="inline-fields">
            {bands.map((band, i) => (
              <div className="field" key={i}>
                <label htmlFor={`placement-band-${i}`}>{i + 1}人目</label>
                <select id={`placement-band-${i}`} value={band} onChange={(e) => setBands((list) => list.map((b, j) => (j === i ? (e.target.value as ChildAgeBand) : b)))}>
                  {(Object.keys(CHILD_AGE_BAND_LABELS) as ChildAgeBand[]).map((b) => (
                    <option key={b} value={b}>
                      {label(CHILD_AGE_BAND_LABELS, b)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <FieldMessage id="placement-bands-error" message={fieldError('childAgeBands')} />
        </fieldset>
      )}

      <div className="field">
        <label htmlFor="placement-reason">申請の理由</label>
        <textarea id="placement-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} required {...invalidProps('placement-reason', fieldError('reason'))} />
        <FieldMessage id="placement-reason-error" message={fieldError('reason')} />
      </div>
      {fieldError('caseId') && <p className="field-error">{fieldError('caseId')}</p>}

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '申請しています…' : '入所を申請する'}
        </button>
      </div>
    </form>
  );
}
