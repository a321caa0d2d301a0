import type { Schemas } from '../../api/client';
import { formatJstDateTime } from '../../format/dates';
import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS, label, ROLE_LABELS } from '../../labels';
import { staffName, type StaffNames } from '../../ui/staff';

type AuditEvent = Schemas['AuditEventDto'];

interface Props {
  me: Schemas['MeResponseDto'];
  staff: StaffNames;
  items: AuditEvent[];
  pageNumber: number;
}

/** A page of audit events as the api returns them (newest first): when, who, what, outcome, reason, request id. */
export function AuditEventsTable({ me, staff, items, pageNumber }: Props) {
  return (
    <table className="results">
      <caption role="status">
        監査記録 {items.length}件{pageNumber > 1 && `（${pageNumber}ページ目）`}
      </caption>
      <thead>
        <tr>
          <th scope="col">日時</th>
          <th scope="col">操作者</th>
          <th scope="col">操作</th>
          <th scope="col" className="nowrap">結果</th>
          <th scope="col">理由</th>
          <th scope="col">問い合わせ番号</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.id}>
            <td>{formatJstDateTime(e.occurredAt)}</td>
            <td>
              {staffName(me, staff, e.actorId)}
              {e.actorRole && <span className="note">（{label(ROLE_LABELS, e.actorRole)}）</span>}
            </td>
            <ActionCell action={e.action} detailCode={e.detailCode} />
            <td className={e.outcome === 'denied' ? 'nowrap outcome-denied' : 'nowrap'}>{label(AUDIT_OUTCOME_LABELS, e.outcome)}</td>
            <td className="free-text">{e.reason ?? '—'}</td>
            <td className="mono">{e.requestId ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ACTION_NAMES: Readonly<Record<string, string>> = AUDIT_ACTION_LABELS;

/** The action's Japanese name, its code and detail beneath in small type; an action outside the catalogue shows as its code. */
function ActionCell({ action, detailCode }: { action: string; detailCode: string | null }) {
  const name = ACTION_NAMES[action];
  const detail = detailCode && <span className="mono"> ({detailCode})</span>;
  if (!name) {
    return (
      <td>
        <span className="mono">{action}</span>
        {detail}
      </td>
    );
  }
  return (
    <td>
      <span>{name}</span>
      <span className="action-code">
        <span className="mono">{action}</span>
        {detail}
      </span>
    </td>
  );
}
