import { useEffect, useRef, useState } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { dueLabel, formatJstDate, formatJstDateTime, formatMinutes, todayJst } from '../../format/dates';
import {
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  DV_RELATION_LABELS,
  label,
  Permission,
  PROTECTION_ORDER_LABELS,
  PROTECTION_ORDER_STATUS_LABELS,
  RISK_ITEMS,
  RISK_LEVEL_LABELS,
  SUPPORT_MEASURE_END_LABELS,
  SUPPORT_MEASURE_STATUS_LABELS,
  VIOLENCE_TYPE_LABELS,
} from '../../labels';
import { PATHS } from '../../router/paths';
import { Link, pathTo, useRouter } from '../../router/router';
import { ClientName } from '../clients/ClientName';
import { mapLoaded } from '../../ui/loaded';
import { LoadedSection } from '../../ui/LoadedSection';
import { useCodeNames } from '../../ui/code-names';
import { can, type ScreenProps } from '../../ui/screen';
import { staffName, useStaffNames } from '../../ui/staff';
import { BreakGlassDialog } from './BreakGlassDialog';
import '../../ui/counselor.css';

type Case = Schemas['CaseDto'];
type Me = ScreenProps['me'];

/**
 * ケース詳細: header, the actions the user may take, and each record of the case in its own
 * section. A case the user may not see answers 404 (missing and restricted look the same); a
 * counselor may then open it by break-glass, with a reason that a supervisor reviews.
 */
export function CaseDetail({ api, me, params }: ScreenProps) {
  const id = params.id;
  const loaded = useLoad(() => api.GET('/api/v1/cases/{id}', { params: { path: { id } } }), [api, id]);
  const [grant, setGrant] = useState<Schemas['BreakGlassGrantDto'] | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const notice = useArrivalNotice();

  if (loaded.state === 'loading') return <p className="loading">読み込み中…</p>;
  if (loaded.state === 'failed') {
    const refused = loaded.status === 403 || loaded.status === 404;
    return (
      <section className="panel refusal" aria-labelledby="case-refused-title">
        <h1 id="case-refused-title">ケース詳細</h1>
        <div className="error-summary" role="alert">
          <p>{loaded.status === 404 ? '対象が見つかりません。' : loaded.error.message}</p>
          {loaded.error.requestId && <p className="request-id">問い合わせ番号: {loaded.error.requestId}</p>}
        </div>
        {refused && can(me, Permission.CaseBreakGlass) && (
          <>
            <p>
              閲覧が制限されたケースを緊急に確認する必要があるときは、理由を記録して一時的に閲覧できます（緊急閲覧）。記録は査察指導員が確認します。
            </p>
            <div className="actions">
              <button type="button" onClick={() => setDialogOpen(true)}>
                緊急閲覧（ブレークグラス）
              </button>
            </div>
          </>
        )}
        {!refused && (
          <div className="actions">
            <button type="button" onClick={loaded.reload}>
              再読み込み
            </button>
          </div>
        )}
        {dialogOpen && (
          <BreakGlassDialog
            api={api}
            caseId={id}
            onClose={() => setDialogOpen(false)}
            onGranted={(g) => {
              setGrant(g);
              setDialogOpen(false);
              loaded.reload();
            }}
          />
        )}
      </section>
    );
  }
  return <CaseBody api={api} me={me} item={loaded.data} grant={grant} notice={notice} />;
}

/**
 * The status message a form left when it returned here (相談記録を修正しました). Read once, then
 * taken off the history entry, so a reload or going back does not announce it again.
 */
function useArrivalNotice(): string | null {
  const { state } = useRouter();
  const [notice] = useState(() => {
    const value = (state as { notice?: unknown } | null)?.notice;
    return typeof value === 'string' ? value : null;
  });
  useEffect(() => {
    if (notice) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }, [notice]);
  return notice;
}

function CaseBody({ api, me, item, grant, notice }: { api: ApiClient; me: Me; item: Case; grant: Schemas['BreakGlassGrantDto'] | null; notice: string | null }) {
  const programName = useCodeNames(api, 'programs').name;
  const concernName = useCodeNames(api, 'concerns').name;
  const staff = useStaffNames(api);
  const id = item.id;
  const path = { params: { path: { id } } };
  const contacts = useLoad(() => api.GET('/api/v1/cases/{id}/contacts', path), [api, id]);
  const dv = useLoad(() => api.GET('/api/v1/cases/{id}/dv', path), [api, id]);
  const risks = useLoad(() => api.GET('/api/v1/cases/{id}/risk-assessments', path), [api, id]);
  const placements = useLoad(() => api.GET('/api/v1/cases/{id}/placements', path), [api, id]);
  const referrals = useLoad(() => api.GET('/api/v1/cases/{id}/referrals', path), [api, id]);
  const provisions = useLoad(() => api.GET('/api/v1/cases/{id}/provisions', path), [api, id]);
  const today = todayJst();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After a break-glass grant the dialog's opener is gone: the case's heading takes the focus.
  useEffect(() => {
    if (grant) headingRef.current?.focus();
  }, [grant]);

  // The api lets anyone who may write to the case correct any of its contacts.
  const canCorrect = can(me, Permission.CaseWrite);
  const assignee = item.assignedCounselorId === null ? '未割当' : staffName(me, staff, item.assignedCounselorId);
  const links = [
    can(me, Permission.CaseWrite) && { to: pathTo(PATHS.newContact, { id }), text: '相談記録を入力' },
    can(me, Permission.CaseWrite) && { to: pathTo(PATHS.newRiskAssessment, { id }), text: '危険度評価を入力' },
    can(me, Permission.PlacementRequest) && { to: pathTo(PATHS.newPlacement, { id }), text: '施設入所を申請' },
    can(me, Permission.ReferralDraft) && { to: pathTo(PATHS.newReferral, { id }), text: '庁内連携を起票' },
    can(me, Permission.AuditReadUnit) && { to: pathTo(PATHS.caseAudit, { id }), text: '監査ログ' },
  ].filter((l): l is { to: string; text: string } => Boolean(l));

  return (
    <div className="counselor-grid">
      <section className="panel case-header" aria-labelledby="case-title">
        <h1 id="case-title" ref={headingRef} tabIndex={-1}>ケース {item.caseNumber}</h1>
        {grant && (
          <p role="status" className="notice">
            緊急閲覧を記録しました。{formatJstDateTime(grant.expiresAt)} まで閲覧できます。この閲覧は査察指導員が確認します。
          </p>
        )}
        {notice && (
          <p role="status" className="notice">
            {notice}
          </p>
        )}
        <dl>
          <dt>状態</dt>
          <dd>
            {label(CASE_STATUS_LABELS, item.status)}
            {item.status === 'closed' && `（${label(CLOSE_REASON_LABELS, item.closeReason)}、${item.closedOn ? formatJstDate(item.closedOn) : '—'}）`}
            {item.restricted && (
              <>
                {' '}
                <span className="badge badge-status">閲覧制限</span>
              </>
            )}
          </dd>
          <dt>相談者</dt>
          <dd>
            <ClientName api={api} clientId={item.clientId} link />
          </dd>
          <dt>相談事業</dt>
          <dd>{programName(item.programCode)}</dd>
          <dt>主訴</dt>
          <dd>{item.mainConcerns.map(concernName).join('、')}</dd>
          <dt>受付日</dt>
          <dd>{formatJstDate(item.openedOn)}</dd>
          <dt>係</dt>
          <dd>{item.unitId === me.unitId ? '自分の係' : '他の係'}</dd>
          <dt>担当</dt>
          <dd>{assignee}</dd>
        </dl>
        {links.length > 0 && (
          <nav aria-label="このケースの操作">
            <ul className="actions case-actions">
              {links.map((l) => (
                <li key={l.to}>
                  <Link to={l.to}>{l.text}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </section>

      <LoadedSection title="相談記録" loaded={mapLoaded(contacts, (list) => [...list].sort((a, b) => b.startedAt.localeCompare(a.startedAt)))} empty="相談記録はありません。">
        {(list) => (
          <ol className="timeline" aria-label="相談記録（新しい順）">
            {list.map((c) => (
              <li key={c.id}>
                <p className="meta">
                  {formatJstDateTime(c.startedAt)}　{label(CHANNEL_LABELS, c.channel)}　{formatMinutes(c.durationMinutes)}
                  {c.dvRelated && (
                    <>
                      {' '}
                      <span className="badge badge-dv">DV</span>
                    </>
                  )}
                </p>
                <p>主訴: {[c.mainConcern, ...c.otherConcerns].map(concernName).join('、')}</p>
                {c.summary && <p className="summary">{c.summary}</p>}
                {c.nextAction && <p>次の対応: {c.nextAction}</p>}
                {c.followUpOn && <p>次回予定: {formatJstDate(c.followUpOn)}</p>}
                {canCorrect && (
                  <p>
                    <Link to={pathTo(PATHS.editContact, { id, contactId: c.id })}>
                      修正<span className="visually-hidden-label">（{formatJstDateTime(c.startedAt)}の相談記録）</span>
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </LoadedSection>

      <LoadedSection
        title="DV の状況"
        loaded={dv}
        isEmpty={(d) => d.relation === null && d.violenceTypes.length === 0 && !d.childrenExposed}
        empty="DV の状況は記録されていません。"
      >
        {(d) => (
          <dl>
            <dt>加害者との関係</dt>
            <dd>{label(DV_RELATION_LABELS, d.relation)}</dd>
            <dt>暴力の種類</dt>
            <dd>{d.violenceTypes.length ? d.violenceTypes.map((v) => label(VIOLENCE_TYPE_LABELS, v)).join('、') : '—'}</dd>
            <dt>子どもへの影響</dt>
            <dd>{d.childrenExposed ? 'あり' : 'なし'}</dd>
          </dl>
        )}
      </LoadedSection>

      <LoadedSection title="危険度評価" loaded={risks} empty="危険度評価はありません。">
        {(list) => (
          <table className="results">
            <caption>危険度評価 {list.length}件</caption>
            <thead>
              <tr>
                <th scope="col">評価日</th>
                <th scope="col">危険度</th>
                <th scope="col">該当項目</th>
                <th scope="col">メモ</th>
              </tr>
            </thead>
            <tbody>
              {[...list]
                .sort((a, b) => b.assessedOn.localeCompare(a.assessedOn))
                .map((r) => (
                  <tr key={r.id}>
                    <td>{formatJstDate(r.assessedOn)}</td>
                    <td className={r.level === 'high' || r.level === 'severe' ? 'overdue' : undefined}>{label(RISK_LEVEL_LABELS, r.level)}</td>
                    <td>{r.items.length ? r.items.map((i) => RISK_ITEMS[i]?.label ?? i).join('、') : '—'}</td>
                    <td>{r.note ?? '—'}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </LoadedSection>

      <LoadedSection title="保護命令" loaded={mapLoaded(dv, (d) => d.protectionOrders)} empty="保護命令の記録はありません。">
        {(orders) => (
          <table className="results">
            <caption>保護命令 {orders.length}件</caption>
            <thead>
              <tr>
                <th scope="col">種類</th>
                <th scope="col">状態</th>
                <th scope="col">申立日</th>
                <th scope="col">発令日</th>
                <th scope="col">期限</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>{label(PROTECTION_ORDER_LABELS, o.kind)}</td>
                  <td>{label(PROTECTION_ORDER_STATUS_LABELS, o.status)}</td>
                  <td>{o.filedOn ? formatJstDate(o.filedOn) : '—'}</td>
                  <td>{o.issuedOn ? formatJstDate(o.issuedOn) : '—'}</td>
                  <td>{o.expiresOn ? formatJstDate(o.expiresOn) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedSection>

      <LoadedSection title="支援措置" loaded={mapLoaded(dv, (d) => d.supportMeasures)} empty="支援措置の記録はありません。">
        {(measures) => (
          <table className="results">
            <caption>DV等支援措置 {measures.length}件</caption>
            <thead>
              <tr>
                <th scope="col">申出日</th>
                <th scope="col">開始日</th>
                <th scope="col">期限</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {measures.map((m) => {
                const due = dueLabel(m.expiresOn, today);
                const active = m.status === 'active';
                return (
                  <tr key={m.id}>
                    <td>{formatJstDate(m.appliedOn)}</td>
                    <td>{formatJstDate(m.startsOn)}</td>
                    <td>
                      {formatJstDate(m.expiresOn)}
                      {active && <span className={due.overdue ? 'overdue' : due.soon ? 'due-soon' : undefined}>（{due.text}）</span>}
                      {active && due.soon && <strong className="overdue"> 更新の申出が必要です</strong>}
                    </td>
                    <td>
                      {label(SUPPORT_MEASURE_STATUS_LABELS, m.status)}
                      {m.endReason && `（${label(SUPPORT_MEASURE_END_LABELS, m.endReason)}）`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </LoadedSection>

      <LoadedSection title="施設入所" loaded={placements} empty="施設入所の記録はありません。">
        {(list) => (
          <table className="results">
            <caption>施設入所 {list.length}件</caption>
            <thead>
              <tr>
                <th scope="col">施設</th>
                <th scope="col">種別</th>
                <th scope="col">入所予定日</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id}>
                  <td>{p.facilityName}</td>
                  <td>{p.kindLabel}</td>
                  <td>{formatJstDate(p.plannedStart)}</td>
                  <td>
                    {p.statusLabel}
                    {p.outcomeLabel && `（${p.outcomeLabel}）`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedSection>

      <LoadedSection title="庁内連携" loaded={referrals} empty="庁内連携の記録はありません。">
        {(list) => (
          <table className="results">
            <caption>庁内連携 {list.length}件</caption>
            <thead>
              <tr>
                <th scope="col">目的</th>
                <th scope="col">状態</th>
                <th scope="col">回答期限</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const open = r.status === 'submitted' || r.status === 'approved';
                const due = dueLabel(r.dueOn, today, 3);
                return (
                  <tr key={r.id}>
                    <td>{r.purposeLabel}</td>
                    <td>{r.statusLabel}</td>
                    <td>
                      {formatJstDate(r.dueOn)}
                      {open && <span className={due.overdue ? 'overdue' : undefined}>（{due.text}）</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </LoadedSection>

      <LoadedSection title="物品提供" loaded={provisions} empty="物品提供の記録はありません。">
        {(list) => (
          <table className="results">
            <caption>物品提供 {list.length}件</caption>
            <thead>
              <tr>
                <th scope="col">日付</th>
                <th scope="col">品目</th>
                <th scope="col">数量</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id}>
                  <td>{formatJstDate(p.date)}</td>
                  <td>{p.kindLabel}</td>
                  <td>{p.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedSection>
    </div>
  );
}
