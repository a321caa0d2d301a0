import { useEffect, useId, useState, type FormEvent } from 'react';
import { useLoad } from '../../api/hooks';
import { addDays, formatJstDate, isValidDate, jstStartOfDay } from '../../format/dates';
import { AUDIT_ACTION_LABELS } from '../../labels';
import { PATHS } from '../../router/paths';
import { useRouter } from '../../router/router';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { PageButtons, useCursorPages } from '../../ui/paging';
import type { ScreenProps } from '../../ui/screen';
import { useStaffNames } from '../../ui/staff';
import { AuditEventsTable } from './AuditEventsTable';
import '../../ui/supervisor.css';

const PAGE_SIZE = 50;
const NONE = { data: { items: [], nextCursor: null }, response: new Response(null, { status: 200 }) };
const ACTION = /^[a-z0-9.-]{1,64}$/;
/** The catalogue's actions in its order (sign-in, accounts, clients, cases …), for the filter. */
const ACTIONS: ReadonlyMap<string, string> = new Map(Object.entries(AUDIT_ACTION_LABELS));

/** The search as the address holds it: `/audit/events?actorId=…&from=YYYY-MM-DD&to=YYYY-MM-DD&action=…` (JST days, both inclusive). */
export interface AuditSearch {
  actorId: string;
  from: string;
  to: string;
  action: string;
}

/** The address of a search, for links from elsewhere (an access alert). Empty values are left out. */
export function auditSearchPath(search: Partial<AuditSearch>): string {
  const query = new URLSearchParams(Object.entries(search).filter((entry): entry is [string, string] => !!entry[1])).toString();
  return query ? `${PATHS.auditEvents}?${query}` : PATHS.auditEvents;
}

function readSearch(params: URLSearchParams): AuditSearch {
  return { actorId: params.get('actorId') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '', action: params.get('action') ?? '' };
}

/** What is wrong with a search, by field; empty when it can be sent. */
function problems(s: AuditSearch): Record<string, string> {
  const found: Record<string, string> = {};
  if (s.from && !isValidDate(s.from)) found.from = '開始日を正しく入力してください';
  if (s.to && !isValidDate(s.to)) found.to = '終了日を正しく入力してください';
  if (!found.from && !found.to && s.from && s.to && s.from > s.to) found.to = '終了日は開始日以後にしてください';
  // Only an address can hold a malformed action: the form offers the catalogue's.
  if (s.action && !ACTION.test(s.action)) found.action = '操作を一覧から選んでください';
  return found;
}

/**
 * 監査ログの検索: the unit's audit events by staff member, JST days and action, newest first —
 * where a supervisor follows an access alert up (the alert links here with its staff member and
 * period). The search lives in the address, so it can be reloaded and linked.
 */
export function StaffAudit({ api, me }: ScreenProps) {
  const { search, navigate } = useRouter();
  const applied = readSearch(search);
  const appliedKey = search.toString();
  const [form, setForm] = useState<AuditSearch>(applied);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const staff = useStaffNames(api);
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const ids = { actor: useId(), from: useId(), to: useId(), action: useId() };

  // A new search (a link followed, back/forward) starts at its first page with the form showing it.
  const { reset } = pages;
  useEffect(() => {
    setForm(readSearch(new URLSearchParams(appliedKey)));
    setErrors({});
    reset();
  }, [appliedKey, reset]);

  const valid = Object.keys(problems(applied)).length === 0;
  const page = useLoad(
    () =>
      !valid
        ? Promise.resolve(NONE)
        : api.GET('/api/v1/audit-events', {
        params: {
          query: {
            limit: PAGE_SIZE,
            ...(applied.actorId ? { actorId: applied.actorId } : {}),
            ...(applied.from ? { from: jstStartOfDay(applied.from).toISOString() } : {}),
            ...(applied.to ? { to: jstStartOfDay(addDays(applied.to, 1)).toISOString() } : {}),
            ...(applied.action ? { action: applied.action } : {}),
            ...(cursor ? { cursor } : {}),
          },
        },
      }),
    [api, appliedKey, cursor],
    { actorId: '職員', from: '開始日', to: '終了日', action: '操作' },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = { ...form, action: form.action.trim() };
    const found = problems(next);
    setErrors(found);
    if (Object.keys(found).length === 0) navigate(auditSearchPath(next));
  };

  const set = (field: keyof AuditSearch) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const describe = (field: string, id: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});
  const colleagues = [...staff.names.entries()].sort((a, b) => a[1].localeCompare(b[1], 'ja'));
  const period = applied.from || applied.to ? `${applied.from ? formatJstDate(applied.from) : ''}〜${applied.to ? formatJstDate(applied.to) : ''}` : '';

  return (
    <section className="panel supervisor">
      <h1>監査ログの検索</h1>
      <p className="note">課の職員の操作と、課のケースへの操作を新しい順に表示します。アクセスの警告の確認に使います。</p>
      <form className="filters" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.actor}>職員</label>
          <select id={ids.actor} value={form.actorId} onChange={set('actorId')}>
            <option value="">すべての職員</option>
            {form.actorId && !staff.names.has(form.actorId) && <option value={form.actorId}>{form.actorId === me.id ? `自分（${me.displayName}）` : '指定の職員'}</option>}
            {colleagues.map(([id, name]) => (
              <option key={id} value={id}>
                {id === me.id ? `自分（${name}）` : name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>開始日</label>
          <input id={ids.from} type="date" value={form.from} onChange={set('from')} {...describe('from', ids.from)} />
          <FieldMessage id={`${ids.from}-error`} message={errors.from} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>終了日</label>
          <input id={ids.to} type="date" value={form.to} onChange={set('to')} {...describe('to', ids.to)} />
          <FieldMessage id={`${ids.to}-error`} message={errors.to} />
        </div>
        <div className="field">
          <label htmlFor={ids.action}>操作（任意）</label>
          <select id={ids.action} value={form.action} onChange={set('action')} {...describe('action', ids.action)}>
            <option value="">すべての操作</option>
            {form.action && !ACTIONS.has(form.action) && <option value={form.action}>{form.action}</option>}
            {[...ACTIONS].map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          <FieldMessage id={`${ids.action}-error`} message={errors.action} />
        </div>
        <button type="submit" className="primary">
          検索
        </button>
      </form>
      {period && <p className="note">期間: {period}（日本時間）</p>}
      {!valid && <p className="empty">検索条件を確かめてください。</p>}
      {valid && page.state === 'loading' && <p className="empty">読み込み中…</p>}
      {valid && page.state === 'failed' && <ErrorSummary error={page.error} />}
      {valid &&
        page.state === 'done' &&
        (page.data.items.length === 0 ? (
          <p role="status" className="empty">
            条件に合う監査記録はありません。
          </p>
        ) : (
          <AuditEventsTable me={me} staff={staff} items={page.data.items} pageNumber={pages.pageNumber} />
        ))}
      {valid && <PageButtons pages={pages} nextCursor={page.data?.nextCursor} previousLabel="新しい記録へ" nextLabel="古い記録へ" />}
    </section>
  );
}
