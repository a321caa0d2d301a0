import { useId, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { toDisplayError } from '../../api/errors';
import { groupBy } from '../cases/case-form-support';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';
import { CheckboxField, ConfirmAction, EditActions, EditPanel, ListLoad, StatusLine } from '../../ui/admin/AdminParts';
import { fieldError, useAdminList, useFormValues } from '../../ui/admin/useAdminList';

type Concern = Schemas['ConcernDto'];

const FIELD_LABELS = { code: 'コード', name: '名称', groupName: 'グループ', sortOrder: '表示順', confirmed: '公式分類', active: '使用' };

/** The api's order (sort order), the code breaking ties so the list does not jump. */
const inOrder = (rows: Concern[]) => [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));

/** The text of the 表示順 field as the api takes it: blank is left to the caller, anything else a number (a non-integer is the api's 400). */
const orderValue = (text: string) => (text.trim() === '' ? undefined : Number(text));

/**
 * 主訴の管理: the 主訴 categories counselors choose from. Codes never change and categories are
 * never deleted (past records and statistics count them); one no longer used is stopped.
 */
export function AdminConcerns({ api }: ScreenProps) {
  const admin = useAdminList<Concern>(() => api.GET('/api/v1/concerns'), FIELD_LABELS, (c) => c.code);
  const editing = admin.editing;
  const rows = admin.list.data ?? [];
  const groups = [...new Set(inOrder(rows).map((c) => c.groupName))];
  const nextOrder = rows.length ? Math.max(...rows.map((c) => c.sortOrder)) + 10 : 10;

  const setActive = async (concern: Concern, active: boolean) =>
    (await admin.submit(
      'action',
      () => api.PATCH('/api/v1/concerns/{code}', { params: { path: { code: concern.code } }, body: { active } }),
      active ? `${concern.name} の使用を再開しました。` : `${concern.name} を使用停止にしました。`,
    )) !== undefined;

  return (
    <div className="admin">
      <section className="panel" aria-labelledby="concerns-title">
        <h1 id="concerns-title">主訴の管理</h1>
        <p className="note">相談記録とケースで選ぶ主訴の区分です。グループごとに表示順で並び、相談記録の入力でも同じ順に表示されます。</p>
        <p className="note">「未確認」は、国や自治体の公表資料でまだ確かめられていない区分で、市の報告で使う分類と照らし合わせて確かめたら「公式分類」に変更してください。</p>
        <p className="note">使用停止にすると新しい相談記録やケースでは選べなくなりますが、過去の記録とその統計の件数はそのまま残ります（区分は削除できません）。</p>
        <StatusLine status={admin.status} statusRef={admin.statusRef} />
        <ErrorSummary error={admin.action.error} />
        <ListLoad loaded={admin.list}>
          {(loaded) =>
            loaded.length === 0 ? (
              <p className="empty">主訴の区分はまだ登録されていません。</p>
            ) : (
              groupBy(inOrder(loaded), (c) => c.groupName).map(([group, items]) => (
                <table className="results concern-table" key={group}>
                  <caption>{group}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="nowrap col-order">表示順</th>
                      <th scope="col">名称</th>
                      <th scope="col" className="col-code">コード</th>
                      <th scope="col" className="nowrap col-flag">公式分類</th>
                      <th scope="col" className="nowrap col-flag">状態</th>
                      <th scope="col" className="col-actions">操作</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((c) => (
                      <tr key={c.code}>
                        <td className="nowrap">{c.sortOrder}</td>
                        <th scope="row">{c.name}</th>
                        <td className="col-code">{c.code}</td>
                        <td className="nowrap">{c.confirmed ? '公式分類' : <span className="badge badge-warn">未確認</span>}</td>
                        <td className="nowrap">{c.active ? '使用中' : <span className="badge badge-muted">使用停止</span>}</td>
                        <td>
                          <div className="row-actions">
                            <button type="button" onClick={() => admin.startEdit(c.code)} aria-label={`編集（${c.name}）`}>
                              編集
                            </button>
                            {c.active ? (
                              <ConfirmAction
                                label="使用停止"
                                ariaLabel={`使用停止（${c.name}）`}
                                question={`${c.name} を使用停止にしますか？新しい記録では選べなくなります。過去の記録と件数は残ります。`}
                                confirmLabel="使用停止にする"
                                disabled={admin.action.busy}
                                onConfirm={() => setActive(c, false)}
                              />
                            ) : (
                              <button type="button" disabled={admin.action.busy} onClick={() => void setActive(c, true)} aria-label={`使用再開（${c.name}）`}>
                                使用再開
                              </button>
                            )}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))
            )
          }
        </ListLoad>
      </section>
      <datalist id="concern-groups">
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      {editing && <EditConcern key={editing.code} concern={editing} admin={admin} api={api} />}
      <CreateConcern admin={admin} api={api} nextOrder={nextOrder} />
    </div>
  );
}

type Admin = ReturnType<typeof useAdminList<Concern>>;

function CreateConcern({ admin, api, nextOrder }: { admin: Admin; api: ScreenProps['api']; nextOrder: number }) {
  const form = useFormValues({ code: '', name: '', groupName: '', sortOrder: '' });
  const id = useId();
  const error = admin.create.error;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { code, name, groupName, sortOrder } = form.values;
    const body = { code, name, groupName, sortOrder: orderValue(sortOrder) ?? nextOrder };
    const created = await admin.submit('create', () => api.POST('/api/v1/concerns', { body }), `${name} を追加しました。`);
    if (created !== undefined) form.reset();
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>主訴の区分の追加</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <p className="note">追加した区分は「未確認」になります。公表資料で確かめたら編集で公式分類にしてください。</p>
        <TextField id={`${id}-code`} name="code" label="コード" hint="半角英小文字・数字・ハイフンで2〜40文字。統計で数えるため後から変更できません。" value={form.values.code} onValue={form.set('code')} error={fieldError(error, 'code')} />
        <TextField id={`${id}-name`} name="name" label="名称" value={form.values.name} onValue={form.set('name')} error={fieldError(error, 'name')} />
        <TextField id={`${id}-group`} name="groupName" label="グループ" hint="例: 人間関係、住居・経済問題、心身の問題、その他" list="concern-groups" value={form.values.groupName} onValue={form.set('groupName')} error={fieldError(error, 'groupName')} />
        <TextField
          id={`${id}-order`}
          name="sortOrder"
          label="表示順"
          hint={`小さい順に並びます。空欄のときは最後（${nextOrder}）になります。`}
          type="number"
          inputMode="numeric"
          min={0}
          max={100000}
          value={form.values.sortOrder}
          onValue={form.set('sortOrder')}
          error={fieldError(error, 'sortOrder')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={admin.create.busy}>
            追加
          </button>
        </div>
      </form>
    </section>
  );
}

function EditConcern({ concern, admin, api }: { concern: Concern; admin: Admin; api: ScreenProps['api'] }) {
  const form = useFormValues({ name: concern.name, groupName: concern.groupName, sortOrder: String(concern.sortOrder), confirmed: concern.confirmed });
  const id = useId();
  const error = admin.edit.error;
  const v = form.values;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: { name?: string; groupName?: string; sortOrder?: number; confirmed?: boolean } = {};
    if (v.name !== concern.name) body.name = v.name;
    if (v.groupName !== concern.groupName) body.groupName = v.groupName;
    if (v.sortOrder !== String(concern.sortOrder)) {
      const order = orderValue(v.sortOrder);
      // A blank would travel as nothing (or null), which the api does not treat as a mistake.
      if (order === undefined) {
        admin.edit.setError(toDisplayError(400, { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'sortOrder', message: '表示順を入力してください' }] }, FIELD_LABELS));
        return;
      }
      body.sortOrder = order;
    }
    if (v.confirmed !== concern.confirmed) body.confirmed = v.confirmed;
    if (Object.keys(body).length === 0) {
      admin.cancelEdit();
      return;
    }
    await admin.submit('edit', () => api.PATCH('/api/v1/concerns/{code}', { params: { path: { code: concern.code } }, body }), `${v.name} を更新しました。`);
  };
  return (
    <EditPanel title={<>{concern.name} の編集</>}>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        <p>コード: {concern.code}（変更できません）</p>
        <TextField id={`${id}-name`} name="name" label="名称" value={v.name} onValue={form.set('name')} error={fieldError(error, 'name')} />
        <TextField id={`${id}-group`} name="groupName" label="グループ" list="concern-groups" value={v.groupName} onValue={form.set('groupName')} error={fieldError(error, 'groupName')} />
        <TextField id={`${id}-order`} name="sortOrder" label="表示順" type="number" inputMode="numeric" min={0} max={100000} value={v.sortOrder} onValue={form.set('sortOrder')} error={fieldError(error, 'sortOrder')} />
        <CheckboxField id={`${id}-confirmed`} label="公式分類（公表資料で確かめた区分）" checked={v.confirmed} onChecked={form.set('confirmed')} error={fieldError(error, 'confirmed')} />
        <EditActions busy={admin.edit.busy} onCancel={admin.cancelEdit} />
      </form>
    </EditPanel>
  );
}
