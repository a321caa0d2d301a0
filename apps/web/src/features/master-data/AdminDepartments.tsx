import { useId, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';
import { CheckboxField, EditActions, EditPanel, ListLoad, StatusLine } from '../../ui/admin/AdminParts';
import { fieldError, useAdminList, useFormValues } from '../../ui/admin/useAdminList';

type Department = Schemas['DepartmentDto'];

const FIELD_LABELS = { code: 'コード', name: '名称', active: '有効' };

/** 部署の管理: the city departments referrals go to; liaison staff belong to one. */
export function AdminDepartments({ api }: ScreenProps) {
  const admin = useAdminList<Department>(() => api.GET('/api/v1/departments'), FIELD_LABELS, (d) => d.id);
  const editing = admin.editing;

  return (
    <div className="admin">
      <section className="panel" aria-labelledby="departments-title">
        <h1 id="departments-title">部署の管理</h1>
        <StatusLine status={admin.status} statusRef={admin.statusRef} />
        <ListLoad loaded={admin.list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty">部署はまだありません。</p>
            ) : (
              <table className="results">
                <caption>部署の一覧</caption>
                <thead>
                  <tr>
                    <th scope="col">コード</th>
                    <th scope="col">名称</th>
                    <th scope="col">状態</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr key={d.id}>
                      <td>{d.code}</td>
                      <th scope="row">{d.name}</th>
                      <td>{d.active ? '有効' : <span className="badge badge-muted">無効</span>}</td>
                      <td>
                        <button type="button" onClick={() => admin.startEdit(d.id)} aria-label={`編集（${d.name}）`}>
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
      {editing && <EditDepartment key={editing.id} department={editing} admin={admin} api={api} />}
      <CreateDepartment admin={admin} api={api} />
    </div>
  );
}

type Admin = ReturnType<typeof useAdminList<Department>>;

function CreateDepartment({ admin, api }: { admin: Admin; api: ScreenProps['api'] }) {
  const form = useFormValues({ code: '', name: '' });
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { code, name } = form.values;
    const created = await admin.submit('create', () => api.POST('/api/v1/departments', { body: { code, name } }), `${name} を登録しました。`);
    if (created !== undefined) form.reset();
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>部署の登録</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={admin.create.error} />
        <TextField id={`${id}-code`} name="code" label="コード" hint="半角英小文字・数字・ハイフンで2〜40文字。後から変更できません。" value={form.values.code} onValue={form.set('code')} error={fieldError(admin.create.error, 'code')} />
        <TextField id={`${id}-name`} name="name" label="名称" value={form.values.name} onValue={form.set('name')} error={fieldError(admin.create.error, 'name')} />
        <div className="actions">
          <button type="submit" className="primary" disabled={admin.create.busy}>
            登録
          </button>
        </div>
      </form>
    </section>
  );
}

function EditDepartment({ department, admin, api }: { department: Department; admin: Admin; api: ScreenProps['api'] }) {
  const form = useFormValues({ name: department.name, active: department.active });
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: { name?: string; active?: boolean } = {};
    if (form.values.name !== department.name) body.name = form.values.name;
    if (form.values.active !== department.active) body.active = form.values.active;
    await admin.submit('edit', () => api.PATCH('/api/v1/departments/{id}', { params: { path: { id: department.id } }, body }), `${form.values.name} を更新しました。`);
  };
  return (
    <EditPanel title={<>{department.name} の編集</>}>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={admin.edit.error} />
        <p>コード: {department.code}</p>
        <TextField id={`${id}-name`} name="name" label="名称" value={form.values.name} onValue={form.set('name')} error={fieldError(admin.edit.error, 'name')} />
        <CheckboxField
          id={`${id}-active`}
          label="有効（無効にすると新しい連携や同意の宛先に選べなくなります）"
          checked={form.values.active}
          onChecked={form.set('active')}
          error={fieldError(admin.edit.error, 'active')}
        />
        <EditActions busy={admin.edit.busy} onCancel={admin.cancelEdit} />
      </form>
    </EditPanel>
  );
}
