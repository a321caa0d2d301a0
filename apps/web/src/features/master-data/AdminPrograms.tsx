import { useId, useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { CHANNEL_LABELS, COUNTING_UNIT_LABELS, label } from '../../labels';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';
import { CheckboxField, EditActions, EditPanel, ListLoad, SelectField, StatusLine } from '../../ui/admin/AdminParts';
import { formatServiceHours, toServiceHoursRule, WEEKDAY_NAMES, type ServiceHoursRule } from '../../format/service-hours';
import { fieldError, useAdminList } from '../../ui/admin/useAdminList';

type Program = Schemas['ProgramDto'];

const FIELD_LABELS = { serviceHours: '受付時間', active: '有効', name: '名称', channels: '受付方法', retentionYears: '保存年限' };
/** Monday first, as the city's week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0];
const NTHS = [1, 2, 3, 4, 5].map((n) => [String(n), `第${n}`] as const);
const WEEKDAY_OPTIONS = WEEK.map((d) => [String(d), `${WEEKDAY_NAMES[d]}曜日`] as const);
const KIND_OPTIONS = [
  ['weekly', '毎週'],
  ['monthly', '毎月（第○曜日）'],
] as const;

/** One rule as edited: both kinds' fields kept, so switching kind loses nothing. */
interface RuleDraft {
  key: number;
  kind: 'weekly' | 'monthly';
  weekdays: number[];
  nth: number;
  weekday: number;
  start: string;
  end: string;
}

let nextKey = 1;
function toDraft(rule: ServiceHoursRule): RuleDraft {
  const base = { key: nextKey++, start: rule.start, end: rule.end };
  return rule.kind === 'weekly' ? { ...base, kind: 'weekly', weekdays: rule.weekdays, nth: 1, weekday: 1 } : { ...base, kind: 'monthly', weekdays: [], nth: rule.nth, weekday: rule.weekday };
}
const newDraft = (): RuleDraft => ({ key: nextKey++, kind: 'weekly', weekdays: [1, 2, 3, 4, 5], nth: 1, weekday: 1, start: '09:00', end: '17:00' });
function toRule(d: RuleDraft): ServiceHoursRule {
  return d.kind === 'weekly' ? { kind: 'weekly', weekdays: [...d.weekdays].sort((a, b) => a - b), start: d.start, end: d.end } : { kind: 'monthly', nth: d.nth, weekday: d.weekday, start: d.start, end: d.end };
}

/** 事業と受付時間: the consultation programs and when each answers (weekly and monthly rules, JST). */
export function AdminPrograms({ api }: ScreenProps) {
  const admin = useAdminList<Program>(() => api.GET('/api/v1/programs'), FIELD_LABELS, (p) => p.code);
  const editing = admin.editing;

  return (
    <div className="admin">
      <section className="panel" aria-labelledby="programs-title">
        <h1 id="programs-title">事業と受付時間</h1>
        <p className="note">受付時間は日本時間です。祝日と閉庁日は受付時間外になります。</p>
        <StatusLine status={admin.status} statusRef={admin.statusRef} />
        <ListLoad loaded={admin.list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty">事業はまだ登録されていません。</p>
            ) : (
              <table className="results">
                <caption>相談事業の一覧</caption>
                <thead>
                  <tr>
                    <th scope="col">コード</th>
                    <th scope="col">名称</th>
                    <th scope="col" className="nowrap">計上単位</th>
                    <th scope="col">受付方法</th>
                    <th scope="col">受付時間</th>
                    <th scope="col" className="nowrap">保存年限</th>
                    <th scope="col" className="nowrap">状態</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((p) => (
                    <tr key={p.code}>
                      <td>{p.code}</td>
                      <th scope="row">{p.name}</th>
                      <td className="nowrap">{label(COUNTING_UNIT_LABELS, p.countingUnit)}</td>
                      <td>{p.channels.length ? p.channels.map((c) => label(CHANNEL_LABELS, c)).join('・') : '—'}</td>
                      <td>{formatServiceHours(p.serviceHours?.map(toServiceHoursRule))}</td>
                      <td className="nowrap">終結後{p.retentionYears}年</td>
                      <td className="nowrap">{p.active ? '有効' : <span className="badge badge-muted">無効</span>}</td>
                      <td>
                        <button type="button" onClick={() => admin.startEdit(p.code)} aria-label={`受付時間を編集（${p.name}）`}>
                          編集
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </ListLoad>
      </section>
      {editing && <EditProgram key={editing.code} program={editing} admin={admin} api={api} />}
    </div>
  );
}

type Admin = ReturnType<typeof useAdminList<Program>>;

function EditProgram({ program, admin, api }: { program: Program; admin: Admin; api: ScreenProps['api'] }) {
  const [rules, setRules] = useState<RuleDraft[]>(() => (program.serviceHours ?? []).map((rule) => toDraft(toServiceHoursRule(rule))));
  const [active, setActive] = useState(program.active);
  const [years, setYears] = useState(String(program.retentionYears));
  const id = useId();
  const error = admin.edit.error;
  const change = (key: number, patch: Partial<RuleDraft>) => setRules((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      serviceHours: rules.length ? rules.map(toRule) : null,
      ...(active !== program.active ? { active } : {}),
      ...(years !== String(program.retentionYears) ? { retentionYears: Number(years) } : {}),
    };
    await admin.submit('edit', () => api.PATCH('/api/v1/programs/{code}', { params: { path: { code: program.code } }, body }), `${program.name} の受付時間を保存しました。`);
  };

  return (
    <EditPanel title={<>{program.name} の受付時間</>}>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <p className="note">規則がなければ時間の定めなし（いつでも受付）になります。終了時刻の時点で受付は終わります。</p>
        {rules.map((rule, i) => (
          <RuleEditor
            key={rule.key}
            id={`${id}-rule-${rule.key}`}
            index={i}
            rule={rule}
            onChange={(patch) => change(rule.key, patch)}
            onRemove={() => setRules((all) => all.filter((r) => r.key !== rule.key))}
            error={fieldError(error, `serviceHours.${i}`)}
          />
        ))}
        <FieldMessage id={`${id}-rules-error`} message={fieldError(error, 'serviceHours')} />
        <p>
          <button type="button" onClick={() => setRules((all) => [...all, newDraft()])}>
            規則を追加
          </button>
        </p>
        <p>
          表示: <span className="service-hours-preview">{formatServiceHours(rules.map(toRule))}</span>
        </p>
        <TextField
          id={`${id}-years`}
          label="保存年限（ケース終結後の年数、1〜30）"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          value={years}
          onValue={setYears}
          error={fieldError(error, 'retentionYears')}
          hint="この年数を過ぎ、相談者のすべてのケースが終結していると、廃棄の確認対象になります。"
        />
        <CheckboxField id={`${id}-active`} label="有効（無効にすると新しい相談記録で選べなくなります）" checked={active} onChecked={setActive} error={fieldError(error, 'active')} />
        <EditActions busy={admin.edit.busy} onCancel={admin.cancelEdit} />
      </form>
    </EditPanel>
  );
}

function RuleEditor({ id, index, rule, onChange, onRemove, error }: { id: string; index: number; rule: RuleDraft; onChange: (patch: Partial<RuleDraft>) => void; onRemove: () => void; error?: string }) {
  const name = `規則${index + 1}`;
  const toggle = (day: number, on: boolean) => onChange({ weekdays: on ? [...rule.weekdays, day] : rule.weekdays.filter((d) => d !== day) });
  return (
    <fieldset className="rule" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{name}</legend>
      <SelectField id={`${id}-kind`} label="繰り返し" value={rule.kind} onValue={(v) => onChange({ kind: v as RuleDraft['kind'] })} options={KIND_OPTIONS} />
      {rule.kind === 'weekly' ? (
        <fieldset>
          <legend>曜日</legend>
          <div className="weekday-choices">
            {WEEK.map((d) => (
              <label key={d}>
                <input type="checkbox" checked={rule.weekdays.includes(d)} onChange={(e) => toggle(d, e.target.checked)} />
                {WEEKDAY_NAMES[d]}曜
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <div className="rule-times">
          <SelectField id={`${id}-nth`} label="週" value={String(rule.nth)} onValue={(v) => onChange({ nth: Number(v) })} options={NTHS} />
          <SelectField id={`${id}-weekday`} label="曜日" value={String(rule.weekday)} onValue={(v) => onChange({ weekday: Number(v) })} options={WEEKDAY_OPTIONS} />
        </div>
      )}
      <div className="rule-times">
        <div className="field">
          <label htmlFor={`${id}-start`}>開始時刻</label>
          <input id={`${id}-start`} type="time" value={rule.start} onChange={(e) => onChange({ start: e.target.value })} aria-invalid={error ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>終了時刻</label>
          <input id={`${id}-end`} type="time" value={rule.end} onChange={(e) => onChange({ end: e.target.value })} aria-invalid={error ? true : undefined} />
        </div>
      </div>
      <FieldMessage id={`${id}-error`} message={error} />
      <button type="button" onClick={onRemove}>
        {name}を削除
      </button>
    </fieldset>
  );
}
