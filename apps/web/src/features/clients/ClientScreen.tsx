import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useLoad, useSubmit, type Loaded } from '../../api/hooks';
import { formatJstDate } from '../../format/dates';
import { AGE_BAND_LABELS, CASE_STATUS_LABELS, CONSENT_METHOD_LABELS, DISCLOSABLE_FIELD_LABELS, GENDER_LABELS, label, Permission } from '../../labels';
import { PATHS } from '../../router/paths';
import { Link, pathTo, useRouter } from '../../router/router';
import { LoadedSection } from '../../ui/LoadedSection';
import { ProtectedBadge } from '../../ui/ProtectedBadge';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { can, type ScreenProps } from '../../ui/screen';
import { DisclosureExportSection } from '../disclosure/DisclosureExport';
import '../../ui/counselor.css';

/**
 * 相談者: the client's record, children, consents and cases; a new case can be opened, and a
 * supervisor can export everything for her disclosure request (本人開示). The only screen that
 * reads the full record (the others read GET /clients/:id/summary).
 */
export function ClientScreen({ api, me, params }: ScreenProps) {
  const id = params.id;
  const client = useLoad(() => api.GET('/api/v1/clients/{id}', { params: { path: { id } } }), [api, id]);
  // One read of the programs for the screen: the cases' program names and the new-case form.
  const programs = useLoad(() => api.GET('/api/v1/programs'), [api]);

  if (client.state === 'loading') return <p className="loading">読み込み中…</p>;
  if (client.state === 'failed') {
    return (
      <section className="panel refusal">
        <h1>相談者</h1>
        <div className="error-summary" role="alert">
          <p>{client.status === 404 ? '対象が見つかりません。' : client.error.message}</p>
        </div>
        <p>
          <Link to={PATHS.clients}>相談者検索へ戻る</Link>
        </p>
      </section>
    );
  }
  const c = client.data;
  return (
    <div className="counselor-grid client-screen">
      <h1>
        相談者: {c.name} <ProtectedBadge protectedAddress={c.addressProtected} />
      </h1>
      <ClientSummary key={id} api={api} client={c} />
      <Children api={api} clientId={id} />
      <Consents api={api} clientId={id} />
      <ClientCases api={api} clientId={id} programs={programs.data ?? []} />
      {can(me, Permission.CaseWrite) && <OpenCase api={api} clientId={id} programs={programs} />}
      {can(me, Permission.ClientDisclosureExport) && <DisclosureExportSection api={api} clientId={id} />}
    </div>
  );
}

function ClientSummary({ api, client: c }: { api: ApiClient; client: Schemas['ClientDto'] }) {
  return (
    <section aria-labelledby="client-summary-title" className="loaded-section client-summary">
      <h2 id="client-summary-title">基本情報</h2>
      <dl>
        <dt>フリガナ</dt>
        <dd>{c.kana ?? '—'}</dd>
        <dt>性別</dt>
        <dd>{label(GENDER_LABELS, c.gender)}</dd>
        <dt>生年月日</dt>
        <dd>{c.birthDate ? formatJstDate(c.birthDate) : '—'}</dd>
        <dt>年齢層</dt>
        <dd>{label(AGE_BAND_LABELS, c.ageBand)}</dd>
        <dt>電話番号</dt>
        <dd>{c.phone ?? '—'}</dd>
        <dt>住所</dt>
        <dd>{c.addressWithheld ? <WithheldAddress api={api} clientId={c.id} /> : (c.address ?? '—')}</dd>
      </dl>
      {c.notes && (
        <>
          <h3>メモ</h3>
          <p className="summary">{c.notes}</p>
        </>
      )}
    </section>
  );
}

/**
 * A protected client's address (住所秘匿): withheld by the api until asked for with includeAddress,
 * a read the audit log records. Shown after a confirmation, here only, and held in this
 * component's state alone: leaving the screen forgets it.
 */
function WithheldAddress({ api, clientId }: { api: ApiClient; clientId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [address, setAddress] = useState<string | null>(null);
  const { run, busy, error } = useSubmit();
  const id = useId();
  const openerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const addressRef = useRef<HTMLSpanElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current && address === null) openerRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming, address]);
  useEffect(() => {
    if (address !== null) addressRef.current?.focus();
  }, [address]);

  const reveal = async () => {
    const data = await run(() => api.GET('/api/v1/clients/{id}', { params: { path: { id: clientId }, query: { includeAddress: true } } }));
    if (data) {
      setAddress(data.address ?? '（住所の登録がありません）');
      setConfirming(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !busy) setConfirming(false);
  };

  if (address !== null) {
    return (
      <span ref={addressRef} tabIndex={-1} className="revealed-address">
        {address}
      </span>
    );
  }
  return (
    <>
      <span>秘匿（表示していません）</span>{' '}
      {!confirming && (
        <button type="button" ref={openerRef} onClick={() => setConfirming(true)}>
          住所を表示
        </button>
      )}
      {confirming && (
        <div role="dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} className="address-confirm" ref={confirmRef} tabIndex={-1} onKeyDown={onKeyDown}>
          <p id={`${id}-title`}>
            <strong>住所を表示しますか</strong>
          </p>
          <p id={`${id}-text`}>この相談者は住所秘匿です。住所を表示すると、その操作は監査ログに記録されます。業務上必要なときだけ表示してください。</p>
          <ErrorSummary error={error} />
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void reveal()}>
              表示する（監査ログに記録）
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              やめる
            </button>
          </div>
        </div>
      )}
    </>
  );
}

function Children({ api, clientId }: { api: ApiClient; clientId: string }) {
  const loaded = useLoad(() => api.GET('/api/v1/clients/{id}/children', { params: { path: { id: clientId } } }), [api, clientId]);
  return (
    <LoadedSection title="子ども" loaded={loaded} empty="登録された子どもはいません。">
      {(children) => (
        <ul className="plain-list">
          {children.map((child) => (
            <li key={child.id}>
              {child.name}
              {child.birthDate && `（${formatJstDate(child.birthDate)}生）`}
            </li>
          ))}
        </ul>
      )}
    </LoadedSection>
  );
}

function Consents({ api, clientId }: { api: ApiClient; clientId: string }) {
  const loaded = useLoad(() => api.GET('/api/v1/clients/{id}/consents', { params: { path: { id: clientId } } }), [api, clientId]);
  return (
    <LoadedSection title="情報提供の同意" loaded={loaded} empty="同意の記録はありません。">
      {(consents) => (
        <table className="results">
          <caption>同意 {consents.length}件</caption>
          <thead>
            <tr>
              <th scope="col">取得日</th>
              <th scope="col">方法</th>
              <th scope="col">提供してよい項目</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((consent) => (
              <tr key={consent.id}>
                <td>{formatJstDate(consent.obtainedOn)}</td>
                <td>{label(CONSENT_METHOD_LABELS, consent.method)}</td>
                <td>{consent.fields.map((f) => label(DISCLOSABLE_FIELD_LABELS, f)).join('、')}</td>
                <td>{consent.withdrawnAt ? `撤回（${formatJstDate(consent.withdrawnAt)}）` : '有効'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadedSection>
  );
}

function ClientCases({ api, clientId, programs }: { api: ApiClient; clientId: string; programs: readonly Schemas['ProgramDto'][] }) {
  const programName = (code: string) => programs.find((p) => p.code === code)?.name ?? code;
  const loaded = useLoad(() => api.GET('/api/v1/cases', { params: { query: { clientId } } }), [api, clientId]);
  return (
    <LoadedSection title="ケース" loaded={loaded} isEmpty={(page) => !page.items?.length} empty="この相談者のケースはありません。">
      {(page) => (
        <table className="results">
          <caption>ケース {page.items.length}件</caption>
          <thead>
            <tr>
              <th scope="col">ケース番号</th>
              <th scope="col">相談事業</th>
              <th scope="col">状態</th>
              <th scope="col">受付日</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={pathTo(PATHS.case, { id: item.id })}>{item.caseNumber}</Link>
                </td>
                <td>{programName(item.programCode)}</td>
                <td>{label(CASE_STATUS_LABELS, item.status)}</td>
                <td>{formatJstDate(item.openedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadedSection>
  );
}

const CASE_FIELD_LABELS = { programCode: '相談事業', mainConcerns: '主訴', clientId: '相談者', openedOn: '受付日' };

/** 新しいケースを開く: program and main concern, then the new case is opened. */
function OpenCase({ api, clientId, programs }: { api: ApiClient; clientId: string; programs: Loaded<Schemas['ProgramDto'][]> }) {
  const { navigate } = useRouter();
  const concerns = useLoad(() => api.GET('/api/v1/concerns'), [api]);
  const [programCode, setProgramCode] = useState('');
  const [concern, setConcern] = useState('');
  const { run, busy, error } = useSubmit(CASE_FIELD_LABELS);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() => api.POST('/api/v1/cases', { body: { clientId, programCode, mainConcerns: concern ? [concern] : [] } }));
    if (created) navigate(pathTo(PATHS.case, { id: created.id }));
  };

  const fieldError = (name: keyof typeof CASE_FIELD_LABELS) => (error?.fields[name] ? `${CASE_FIELD_LABELS[name]}: ${error.fields[name]}` : undefined);
  const loadError = programs.state === 'failed' ? programs.error : concerns.state === 'failed' ? concerns.error : null;

  return (
    <section aria-labelledby={`${id}-title`} className="loaded-section">
      <h2 id={`${id}-title`}>新しいケースを開く</h2>
      <ErrorSummary error={error ?? loadError} />
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-program`}>相談事業</label>
          <select
            id={`${id}-program`}
            value={programCode}
            onChange={(e) => setProgramCode(e.target.value)}
            aria-invalid={fieldError('programCode') ? true : undefined}
            aria-describedby={fieldError('programCode') ? `${id}-program-error` : undefined}
          >
            <option value="">選択してください</option>
            {(programs.data ?? [])
              .filter((p) => p.active)
              .map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
          </select>
          <FieldMessage id={`${id}-program-error`} message={fieldError('programCode')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-concern`}>主訴</label>
          <select
            id={`${id}-concern`}
            value={concern}
            onChange={(e) => setConcern(e.target.value)}
            aria-invalid={fieldError('mainConcerns') ? true : undefined}
            aria-describedby={fieldError('mainConcerns') ? `${id}-concern-error` : undefined}
          >
            <option value="">選択してください</option>
            {(concerns.data ?? [])
              .filter((c) => c.active)
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {c.groupName} — {c.name}
                </option>
              ))}
          </select>
          <FieldMessage id={`${id}-concern-error`} message={fieldError('mainConcerns')} />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          新しいケースを開く
        </button>
      </form>
    </section>
  );
}
