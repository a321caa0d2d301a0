import { useId, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { fiscalYearOf } from '../../../../../libs/common/src/japan-time';
import { fiscalYearLabel, formatJstDate } from '../../format/dates';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';
import { CheckboxField, ConfirmAction, ListLoad, StatusLine } from '../../ui/admin/AdminParts';
import { fieldError, useAdminList, useFormValues } from '../../ui/admin/useAdminList';

type ClosureDay = Schemas['ClosureDayDto'];

const FIELD_LABELS = { onDate: '日付', monthDay: '日付', label: '名称' };

/** 12-29 → 12月29日 */
const monthDayText = (monthDay: string) => {
  const [m, d] = monthDay.split('-').map(Number);
  return `${m}月${d}日`;
};
const dayText = (day: ClosureDay) => (day.onDate ? formatJstDate(day.onDate) : `毎年 ${monthDayText(day.monthDay ?? '')}`);

/** MM-DD in fiscal-year order (April first): 12-29, 12-31, 01-03 read as the year-end run they are. */
const fiscalOrder = (monthDay: string) => (monthDay < '04' ? `1${monthDay}` : `0${monthDay}`);

/** The dated closure days by fiscal year, newest year first, each year in date order. */
function byFiscalYear(days: ClosureDay[]): Array<[number, ClosureDay[]]> {
  const years = new Map<number, ClosureDay[]>();
  for (const day of days) {
    if (!day.onDate) continue;
    const fy = fiscalYearOf(day.onDate);
    years.set(fy, [...(years.get(fy) ?? []), day]);
  }
  return [...years.entries()].sort(([a], [b]) => b - a).map(([fy, list]) => [fy, list.sort((x, y) => (x.onDate ?? '').localeCompare(y.onDate ?? ''))]);
}

/** 閉庁日: days every program is closed besides national holidays (年末年始, a city's own days). */
export function AdminClosureDays({ api }: ScreenProps) {
  const admin = useAdminList<ClosureDay>(() => api.GET('/api/v1/closure-days'), FIELD_LABELS, (d) => d.id);

  const remove = async (day: ClosureDay) =>
    (await admin.submit('action', () => api.DELETE('/api/v1/closure-days/{id}', { params: { path: { id: day.id } } }), `${dayText(day)}（${day.label}）を削除しました。`)) !== undefined;

  const table = (caption: string, days: ClosureDay[]) => (
    <table className="results" key={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">日付</th>
          <th scope="col">名称</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr key={day.id}>
            <th scope="row">{dayText(day)}</th>
            <td>{day.label}</td>
            <td>
              <ConfirmAction
                label="削除"
                ariaLabel={`削除（${dayText(day)}）`}
                question={`${dayText(day)}（${day.label}）を閉庁日から削除しますか？`}
                confirmLabel="削除する"
                danger
                disabled={admin.action.busy}
                onConfirm={() => remove(day)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <div className="admin">
      <section className="panel" aria-labelledby="closure-title">
        <h1 id="closure-title">閉庁日</h1>
        <p className="note">国民の祝日・休日は自動で受付時間外になります。ここではそれ以外の閉庁日を登録します。</p>
        <StatusLine status={admin.status} statusRef={admin.statusRef} />
        <ErrorSummary error={admin.action.error} />
        <ListLoad loaded={admin.list}>
          {(rows) => {
            if (rows.length === 0) return <p className="empty">閉庁日は登録されていません。</p>;
            const yearly = rows.filter((d) => d.monthDay).sort((a, b) => fiscalOrder(a.monthDay ?? '').localeCompare(fiscalOrder(b.monthDay ?? '')));
            return (
              <>
                {yearly.length > 0 && table('毎年の閉庁日', yearly)}
                {byFiscalYear(rows).map(([fy, days]) => table(`${fiscalYearLabel(fy)}の閉庁日`, days))}
              </>
            );
          }}
        </ListLoad>
      </section>
      <AddClosureDay admin={admin} api={api} />
    </div>
  );
}

type Admin = ReturnType<typeof useAdminList<ClosureDay>>;

function AddClosureDay({ admin, api }: { admin: Admin; api: ScreenProps['api'] }) {
  const form = useFormValues({ date: '', label: '', everyYear: false });
  const v = form.values;
  const id = useId();
  const error = admin.create.error;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = v.everyYear ? { monthDay: v.date.slice(5), label: v.label } : { onDate: v.date || undefined, label: v.label };
    const when = v.date ? (v.everyYear ? `毎年 ${monthDayText(v.date.slice(5))}` : formatJstDate(v.date)) : '';
    const created = await admin.submit('create', () => api.POST('/api/v1/closure-days', { body }), `${when}（${v.label}）を閉庁日に追加しました。`);
    if (created !== undefined) form.reset();
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>閉庁日の追加</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <TextField id={`${id}-date`} name="onDate" label="日付" type="date" value={v.date} onValue={form.set('date')} error={fieldError(error, 'onDate') ?? fieldError(error, 'monthDay')} />
        <CheckboxField id={`${id}-yearly`} label="毎年この月日（年末年始など）" checked={v.everyYear} onChecked={form.set('everyYear')} />
        <TextField id={`${id}-label`} name="label" label="名称" hint="例: 年末年始、市の創立記念日" value={v.label} onValue={form.set('label')} error={fieldError(error, 'label')} />
        <div className="actions">
          <button type="submit" className="primary" disabled={admin.create.busy}>
            追加
          </button>
        </div>
      </form>
    </section>
  );
}
