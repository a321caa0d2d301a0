import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { formatJstDate, formatJstDateTime } from '../../format/dates';
import { DISCLOSABLE_FIELD_LABELS, label, Permission, PLACEMENT_KIND_LABELS, REFERRAL_PURPOSE_LABELS } from '../../labels';
import { Link } from '../../router/router';
import { PATHS } from '../../router/paths';
import { pathTo } from '../../router/router';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { can, type ScreenProps } from '../../ui/screen';
import { AccountActivationCode, AccountApprovalItem } from './AccountApprovals';
import { Decision } from '../../ui/Decision';
import { staffName, useStaffNames, type StaffNames } from '../../ui/staff';
import { ClientLabel, useCaseLabels, useDepartmentNames, type CaseLabel } from '../../ui/lookups';
import '../../ui/supervisor.css';

type Referral = Schemas['ReferralDto'];
type Placement = Schemas['PlacementDto'];
type Grant = Schemas['BreakGlassGrantDto'];
type Me = Schemas['MeResponseDto'];

/** 承認待ち, also the top of the supervisor's home: referrals, placements, break-glass openings and staff accounts awaiting a decision. */
export function Approvals({ api, me }: ScreenProps) {
  const mayReferrals = can(me, Permission.ReferralApprove);
  const mayPlacements = can(me, Permission.PlacementApprove);
  const mayBreakGlass = can(me, Permission.BreakGlassReview);
  const referrals = useLoad(() => (mayReferrals ? api.GET('/api/v1/referrals', { params: { query: { status: 'submitted' } } }) : none<Referral>()), [api, mayReferrals]);
  const placements = useLoad(() => (mayPlacements ? api.GET('/api/v1/placements', { params: { query: { status: 'requested' } } }) : none<Placement>()), [api, mayPlacements]);
  const grants = useLoad(() => (mayBreakGlass ? api.GET('/api/v1/break-glass', { params: { query: { reviewed: false } } }) : none<Grant>()), [api, mayBreakGlass]);
  const mayAccounts = can(me, Permission.AccountApprove);
  const accounts = useLoad(() => (mayAccounts ? api.GET('/api/v1/account-approvals') : none<Schemas['AccountApprovalDto']>()), [api, mayAccounts]);
  const [issued, setIssued] = useState<{ who: string; code: string; expiresAt: string } | null>(null);
  const [status, setStatus] = useState('');
  const statusRef = useRef<HTMLParagraphElement>(null);

  const caseIds = [...(referrals.data ?? []), ...(placements.data ?? []), ...(grants.data ?? [])].map((x) => x.caseId);
  const cases = useCaseLabels(api, caseIds);
  const departments = useDepartmentNames(api);
  const staff = useStaffNames(api);

  const decided = (message: string) => {
    setStatus(message);
    referrals.reload();
    placements.reload();
    grants.reload();
    accounts.reload();
    // The decided item leaves the list: focus goes to the message that says what happened.
    setTimeout(() => statusRef.current?.focus(), 0);
  };

  return (
    <section className="panel supervisor">
      <h1>承認待ち</h1>
      <p role="status" ref={statusRef} tabIndex={-1} className={status ? 'status-message' : undefined}>
        {status}
      </p>
      {issued && (
        <AccountActivationCode
          issued={issued}
          onClose={() => {
            setIssued(null);
            decided(`${issued.who} の利用開始コードを発行しました。`);
          }}
        />
      )}
      {mayAccounts && (
        <Queue title="アカウントの承認" load={accounts} empty="承認待ちのアカウントはありません。">
          {(accounts.data ?? []).map((a) => (
            <AccountApprovalItem
              key={a.userId}
              api={api}
              account={a}
              onIssued={(next) => {
                setIssued(next);
                accounts.reload();
              }}
              onDone={decided}
            />
          ))}
        </Queue>
      )}
      {mayReferrals && (
        <Queue title="庁内連携" load={referrals} empty="承認待ちの庁内連携はありません。">
          {(referrals.data ?? []).map((r) => (
            <ReferralItem key={r.id} api={api} me={me} staff={staff} referral={r} label={cases.get(r.caseId)} department={departments.get(r.departmentId)} onDone={decided} />
          ))}
        </Queue>
      )}
      {mayPlacements && (
        <Queue title="施設入所" load={placements} empty="承認待ちの施設入所はありません。">
          {(placements.data ?? []).map((p) => (
            <PlacementItem key={p.id} api={api} me={me} staff={staff} placement={p} label={cases.get(p.caseId)} onDone={decided} />
          ))}
        </Queue>
      )}
      {mayBreakGlass && (
        <Queue title="ブレークグラスの確認" load={grants} empty="確認待ちの緊急閲覧はありません。">
          {(grants.data ?? []).map((g) => (
            <GrantItem key={g.id} api={api} me={me} staff={staff} grant={g} label={cases.get(g.caseId)} onDone={decided} />
          ))}
        </Queue>
      )}
    </section>
  );
}

/** A section the user may not decide is never asked for. */
function none<T>() {
  return Promise.resolve({ data: [] as T[], response: new Response(null, { status: 200 }) });
}

interface QueueProps {
  title: string;
  empty: string;
  load: ReturnType<typeof useLoad<unknown[]>>;
  children: React.ReactNode[];
}

function Queue({ title, empty, load, children }: QueueProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="queue">
      <h2 id={headingId}>
        {title}
        {load.state === 'done' && <span className="count">（{load.data.length}件）</span>}
      </h2>
      {load.state === 'loading' && <p className="empty">読み込み中…</p>}
      {load.state === 'failed' && <ErrorSummary error={load.error} />}
      {load.state === 'done' && (load.data.length === 0 ? <p className="empty">{empty}</p> : <ul className="queue-items">{children}</ul>)}
    </section>
  );
}

function CaseCell({ caseId, label: caseLabel }: { caseId: string; label: CaseLabel | undefined }) {
  return (
    <>
      <dt>ケース</dt>
      <dd>
        <Link to={pathTo(PATHS.case, { id: caseId })}>{caseLabel?.caseNumber ?? 'ケースを開く'}</Link>
      </dd>
      <dt>相談者</dt>
      <dd>
        <ClientLabel client={caseLabel?.client} />
      </dd>
    </>
  );
}

interface ItemProps {
  api: ApiClient;
  me: Me;
  staff: StaffNames;
  label: CaseLabel | undefined;
  onDone: (message: string) => void;
}

function ReferralItem({ api, me, staff, referral: r, label: caseLabel, department, onDone }: ItemProps & { referral: Referral; department: string | undefined }) {
  const [confirmAddress, setConfirmAddress] = useState(false);
  const confirmId = useId();
  const disclosesAddress = r.fields.includes('address');
  const subject = `庁内連携（${caseLabel?.caseNumber ?? label(REFERRAL_PURPOSE_LABELS, r.purpose)}）`;
  return (
    <li className="queue-item">
      <dl className="facts">
        <CaseCell caseId={r.caseId} label={caseLabel} />
        <dt>連携先</dt>
        <dd>{department ?? '—'}</dd>
        <dt>目的</dt>
        <dd>{label(REFERRAL_PURPOSE_LABELS, r.purpose)}</dd>
        <dt>開示する項目</dt>
        <dd>
          <ul className="inline-list">
            {r.fields.map((f) => (
              <li key={f}>{label(DISCLOSABLE_FIELD_LABELS, f)}</li>
            ))}
          </ul>
        </dd>
        <dt>起票者</dt>
        <dd>{staffName(me, staff, r.authorId)}</dd>
        <dt>申請日時</dt>
        <dd>{r.submittedAt ? formatJstDateTime(r.submittedAt) : '—'}</dd>
        <dt>回答期限</dt>
        <dd>{formatJstDate(r.dueOn)}</dd>
      </dl>
      <Decision
        subject={subject}
        approveLabel="承認"
        rejectLabel="却下"
        reasonLabel="却下の理由"
        approveExtra={
          disclosesAddress && (
            <div className="field checkbox">
              <input id={confirmId} type="checkbox" checked={confirmAddress} onChange={(e) => setConfirmAddress(e.target.checked)} />
              <label htmlFor={confirmId}>住所の開示を確認しました（住所秘匿の相談者では必須）</label>
            </div>
          )
        }
        approve={() =>
          api.POST('/api/v1/referrals/{id}/approve', {
            params: { path: { id: r.id } },
            body: { version: r.version, ...(disclosesAddress && confirmAddress ? { confirmAddress: true } : {}) },
          })
        }
        reject={(reason) => api.POST('/api/v1/referrals/{id}/reject', { params: { path: { id: r.id } }, body: { version: r.version, reason } })}
        onDone={onDone}
        doneMessages={{ approved: `${subject}を承認しました。`, rejected: `${subject}を却下しました。` }}
      />
    </li>
  );
}

function PlacementItem({ api, me, staff, placement: p, label: caseLabel, onDone }: ItemProps & { placement: Placement }) {
  const subject = `施設入所（${p.facilityName}）`;
  return (
    <li className="queue-item">
      <dl className="facts">
        <CaseCell caseId={p.caseId} label={caseLabel} />
        <dt>施設</dt>
        <dd>{p.facilityName}</dd>
        <dt>種別</dt>
        <dd>{label(PLACEMENT_KIND_LABELS, p.kind)}</dd>
        <dt>人数</dt>
        <dd>
          大人{p.adults}人・同伴児{p.children}人
        </dd>
        <dt>入所予定日</dt>
        <dd>{formatJstDate(p.plannedStart)}</dd>
        {p.expectedDeliveryOn && (
          <>
            <dt>出産予定日</dt>
            <dd>{formatJstDate(p.expectedDeliveryOn)}</dd>
          </>
        )}
        <dt>申請者</dt>
        <dd>{staffName(me, staff, p.requestedBy)}</dd>
        <dt>申請日時</dt>
        <dd>{formatJstDateTime(p.requestedAt)}</dd>
      </dl>
      <Decision
        subject={subject}
        approveLabel="承認"
        rejectLabel="却下"
        reasonLabel="却下の理由"
        approve={() => api.POST('/api/v1/placements/{id}/approve', { params: { path: { id: p.id } }, body: { version: p.version } })}
        approveOverride={(reason) =>
          api.POST('/api/v1/placements/{id}/approve', { params: { path: { id: p.id } }, body: { version: p.version, capacityOverrideReason: reason } })
        }
        reject={(reason) => api.POST('/api/v1/placements/{id}/reject', { params: { path: { id: p.id } }, body: { version: p.version, reason } })}
        onDone={onDone}
        doneMessages={{ approved: `${subject}を承認しました。`, rejected: `${subject}を却下しました。`, overridden: `${subject}を定員超過で承認しました。` }}
      />
    </li>
  );
}

/** The api has one review per opening: 確認済み, with an optional comment (e.g. why it was not proper). */
function GrantItem({ api, me, staff, grant: g, label: caseLabel, onDone }: ItemProps & { grant: Grant }) {
  const { run, busy, error } = useSubmit({ note: 'コメント' });
  const [note, setNote] = useState('');
  const noteId = useId();
  const subject = `緊急閲覧（${caseLabel?.caseNumber ?? formatJstDateTime(g.grantedAt)}）`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    const done = await run(() => api.POST('/api/v1/break-glass/{id}/review', { params: { path: { id: g.id } }, body: text ? { note: text } : {} }));
    if (done !== undefined) onDone(`${subject}を確認済みにしました。`);
  };
  return (
    <li className="queue-item">
      <dl className="facts">
        <dt>閲覧した職員</dt>
        <dd>{staffName(me, staff, g.userId)}</dd>
        <CaseCell caseId={g.caseId} label={caseLabel} />
        <dt>理由</dt>
        <dd className="free-text">{g.reason}</dd>
        <dt>開始</dt>
        <dd>{formatJstDateTime(g.grantedAt)}</dd>
        <dt>期限</dt>
        <dd>{formatJstDateTime(g.expiresAt)}</dd>
      </dl>
      <form className="decision" onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <div className="field">
          <label htmlFor={noteId}>確認のコメント（任意・不適切な閲覧ならその旨を記入）</label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error?.fields.note ? true : undefined}
            aria-describedby={error?.fields.note ? `${noteId}-error` : undefined}
          />
          <FieldMessage id={`${noteId}-error`} message={error?.fields.note} />
        </div>
        <button type="submit" className="primary" disabled={busy} aria-label={`${subject}を確認済みにする`}>
          確認済みにする
        </button>
      </form>
    </li>
  );
}
