import { useId, useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { APPROVAL_REASON_LABELS, APPROVAL_STATE_LABELS, label, ROLE_HOMES, ROLE_LABELS } from '../../labels';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';
import { CheckboxField, ConfirmAction, EditActions, EditPanel, ListLoad, SelectField, StatusLine } from '../../ui/admin/AdminParts';
import { fieldError, useAdminList, useFormValues } from '../../ui/admin/useAdminList';

type User = Schemas['UserResponseDto'];
type Role = User['role'];
type Unit = Schemas['UnitDto'];
type Department = Schemas['DepartmentDto'];

const FIELD_LABELS = { loginId: 'ログインID', displayName: '表示名', role: '役割', unitId: '係', departmentId: '部署', password: 'パスワード', active: '有効' };
const ROLES = Object.entries(ROLE_LABELS) as Array<[Role, string]>;
const MIN_PASSWORD_LENGTH = 12; // libs/auth password-hasher
const needsUnit = (role: string) => ROLE_HOMES[role as Role] === 'unit';
const needsDepartment = (role: string) => ROLE_HOMES[role as Role] === 'department';

const EMPTY_NEW = { loginId: '', displayName: '', role: 'counselor' as string, unitId: '', departmentId: '', password: '' };

/**
 * What the admin is told after a change: an account that reads personal records now waits for a
 * supervisor, who hands its person a one-time 利用開始コード (libs/auth approvals).
 */
export function afterChange(done: string, user: Pick<User, 'approvalState'>): string {
  if (user.approvalState === 'pending') return `${done}査察指導員が承認するまで、このアカウントではサインインできません。承認した査察指導員から本人に利用開始コードが渡されます。`;
  return done;
}

/** 利用者の管理 (the admin's home): staff accounts, their role and placement, approval and MFA. */
export function AdminUsers({ api, me }: ScreenProps) {
  const admin = useAdminList<User>(() => api.GET('/api/v1/users'), FIELD_LABELS, (u) => u.id);
  const departments = useMasterList(() => api.GET('/api/v1/departments'), api);
  const units = useMasterList(() => api.GET('/api/v1/units'), api);
  const editing = admin.editing;
  const unitName = (id: string) => nameOf(units, id, '係');
  const departmentName = (id: string) => nameOf(departments, id, '部署');
  const placement = (u: User) => (u.unitId ? unitName(u.unitId) : u.departmentId ? departmentName(u.departmentId) : '—');
  // Active ones are offered; an inactive one stays offered to the user already in it, so opening
  // the edit form does not silently change her placement.
  const unitOptions = (current?: string | null) => optionsOf(units, current);
  const departmentOptions = (current?: string | null) => optionsOf(departments, current);

  return (
    <div className="admin">
      <section className="panel" aria-labelledby="users-title">
        <h1 id="users-title">利用者の管理</h1>
        <StatusLine status={admin.status} statusRef={admin.statusRef} />
        <ErrorSummary error={admin.action.error} />
        <ListLoad loaded={admin.list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty">利用者はいません。</p>
            ) : (
              <table className="results">
                <caption>利用者の一覧</caption>
                <thead>
                  <tr>
                    <th scope="col">ログインID</th>
                    <th scope="col">表示名</th>
                    <th scope="col">役割</th>
                    <th scope="col">所属</th>
                    <th scope="col">二要素認証</th>
                    <th scope="col">状態</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.loginId}</th>
                      <td>{u.displayName}</td>
                      <td>{label(ROLE_LABELS, u.role)}</td>
                      <td>{placement(u)}</td>
                      <td>{u.mfaEnabled ? '設定済み' : '未設定'}</td>
                      <td>
                        {u.active ? '有効' : <span className="badge badge-muted">無効</span>}
                        {u.approvalState !== 'approved' && (
                          <>
                            {' '}
                            <span className="badge badge-pending">{label(APPROVAL_STATE_LABELS, u.approvalState)}</span>
                            <span className="note">（{u.approvalReasons.map((r) => label(APPROVAL_REASON_LABELS, r)).join('・')}）</span>
                          </>
                        )}
                      </td>
                      <td>
                        <UserActions user={u} self={u.id === me.id} admin={admin} api={api} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </ListLoad>
      </section>
      {editing && (
        <EditUser key={editing.id} user={editing} self={editing.id === me.id} admin={admin} api={api} units={unitOptions(editing.unitId)} departments={departmentOptions(editing.departmentId)} />
      )}
      <CreateUser admin={admin} api={api} units={unitOptions()} departments={departmentOptions()} />
    </div>
  );
}

type Admin = ReturnType<typeof useAdminList<User>>;
type Options = ReadonlyArray<readonly [string, string]>;

type Master = Unit | Department;

/** 係 or 部署 (GET /units, /departments): an empty list until loaded, or if the api refuses. */
function useMasterList<T extends Master>(load: () => Promise<{ data?: T[]; error?: unknown; response: Response }>, api: ScreenProps['api']): T[] {
  const loaded = useLoad(load, [api]);
  return loaded.data ?? [];
}

function nameOf(list: readonly Master[], id: string, kind: string): string {
  const found = list.find((m) => m.id === id);
  if (!found) return `${kind}（${id.slice(0, 8)}）`;
  return found.active ? found.name : `${found.name}（無効）`;
}

function optionsOf(list: readonly Master[], current?: string | null): Options {
  return list.filter((m) => m.active || m.id === current).map((m) => [m.id, m.active ? m.name : `${m.name}（無効）`] as const);
}

function UserActions({ user, self, admin, api }: { user: User; self: boolean; admin: Admin; api: ScreenProps['api'] }) {
  const [password, setPassword] = useState('');
  const id = useId();
  const patch = (body: Schemas['UpdateUserDto']) => api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body });
  const who = `${user.displayName}（${user.loginId}）`;
  return (
    <div className="row-actions">
      <button type="button" onClick={() => admin.startEdit(user.id)} aria-label={`編集（${user.loginId}）`}>
        編集
      </button>
      {user.active && !self && (
        <ConfirmAction
          label="無効化"
          ariaLabel={`無効化（${user.loginId}）`}
          question={`${who} を無効化しますか？ サインイン中のセッションも終了します。`}
          confirmLabel="無効化する"
          danger
          disabled={admin.action.busy}
          onConfirm={async () => (await admin.submit('action', () => patch({ active: false }), `${who} を無効化しました。`)) !== undefined}
        />
      )}
      {!self && (
        <ConfirmAction
          label="パスワード再設定"
          ariaLabel={`パスワード再設定（${user.loginId}）`}
          question={`${who} のパスワードを再設定しますか？ サインイン中のセッションも終了します。新しいパスワードを本人に伝えてください。ケースを扱う職員は、査察指導員の承認と利用開始コードの入力の後に使えるようになり、そのとき本人が自分のパスワードを決めます。`}
          confirmLabel="再設定する"
          disabled={admin.action.busy}
          onConfirm={async () => {
            const done = await admin.submit('action', () => patch({ password }), (u) => afterChange(`${who} のパスワードを再設定しました。`, u));
            if (done !== undefined) setPassword('');
            return done !== undefined;
          }}
        >
          <TextField
            id={`${id}-password`}
            label="新しいパスワード"
            type="password"
            autoComplete="new-password"
            value={password}
            onValue={setPassword}
            hint={`${MIN_PASSWORD_LENGTH}文字以上`}
            error={fieldError(admin.action.error, 'password')}
          />
        </ConfirmAction>
      )}
      {user.mfaEnabled && !self && (
        <ConfirmAction
          label="MFA再設定"
          ariaLabel={`MFA再設定（${user.loginId}）`}
          question={`${who} の二要素認証を解除しますか？ 次回のサインインで設定し直します。`}
          confirmLabel="二要素認証を解除する"
          danger
          disabled={admin.action.busy}
          onConfirm={async () =>
            (await admin.submit('action', () => api.POST('/api/v1/users/{id}/mfa/reset', { params: { path: { id: user.id } } }), (u) => afterChange(`${who} の二要素認証を解除しました。`, u))) !== undefined
          }
        />
      )}
    </div>
  );
}

/** Unit or department as the role needs: the select for it, or nothing. */
function PlacementField({ id, role, unitId, departmentId, onUnit, onDepartment, units, departments, error }: {
  id: string;
  role: string;
  unitId: string;
  departmentId: string;
  onUnit: (v: string) => void;
  onDepartment: (v: string) => void;
  units: Options;
  departments: Options;
  error: (field: string) => string | undefined;
}) {
  if (needsUnit(role)) return <SelectField id={`${id}-unit`} name="unitId" label="係" value={unitId} onValue={onUnit} options={units} placeholder="選択してください" error={error('unitId')} />;
  if (needsDepartment(role))
    return <SelectField id={`${id}-department`} name="departmentId" label="部署" value={departmentId} onValue={onDepartment} options={departments} placeholder="選択してください" error={error('departmentId')} />;
  return null;
}

function CreateUser({ admin, api, units, departments }: { admin: Admin; api: ScreenProps['api']; units: Options; departments: Options }) {
  const form = useFormValues(EMPTY_NEW);
  const v = form.values;
  const id = useId();
  const error = (field: string) => fieldError(admin.create.error, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      loginId: v.loginId,
      displayName: v.displayName,
      role: v.role as Role,
      password: v.password,
      ...(needsUnit(v.role) ? { unitId: v.unitId || undefined } : {}),
      ...(needsDepartment(v.role) ? { departmentId: v.departmentId || undefined } : {}),
    };
    const created = await admin.submit('create', () => api.POST('/api/v1/users', { body }), (u) => afterChange(`${v.displayName}（${v.loginId}）を登録しました。`, u));
    if (created !== undefined) form.reset();
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>利用者の登録</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={admin.create.error} />
        <TextField id={`${id}-login`} name="loginId" label="ログインID" hint="半角英小文字・数字・. _ - で3〜64文字" autoComplete="off" value={v.loginId} onValue={form.set('loginId')} error={error('loginId')} />
        <TextField id={`${id}-name`} name="displayName" label="表示名" value={v.displayName} onValue={form.set('displayName')} error={error('displayName')} />
        <SelectField id={`${id}-role`} name="role" label="役割" value={v.role} onValue={form.set('role')} options={ROLES} error={error('role')} />
        <PlacementField id={id} role={v.role} unitId={v.unitId} departmentId={v.departmentId} onUnit={form.set('unitId')} onDepartment={form.set('departmentId')} units={units} departments={departments} error={error} />
        <TextField
          id={`${id}-password`}
          name="password"
          label="初期パスワード"
          type="password"
          autoComplete="new-password"
          hint={`${MIN_PASSWORD_LENGTH}文字以上。本人には安全な方法で伝えてください。ケースを扱う役割（相談員・査察指導員・庁内連携窓口）は、査察指導員の承認の後、本人が利用開始コードを入れて自分のパスワードに替えるまで使えません。`}
          value={v.password}
          onValue={form.set('password')}
          error={error('password')}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={admin.create.busy}>
            登録
          </button>
        </div>
      </form>
    </section>
  );
}

function EditUser({ user, self, admin, api, units, departments }: { user: User; self: boolean; admin: Admin; api: ScreenProps['api']; units: Options; departments: Options }) {
  // The role select offers every role, so the form holds any role's code, not just this user's.
  const form = useFormValues<{ displayName: string; role: string; unitId: string; departmentId: string; active: boolean }>({ displayName: user.displayName, role: user.role, unitId: user.unitId ?? '', departmentId: user.departmentId ?? '', active: user.active });
  const v = form.values;
  const id = useId();
  const error = (field: string) => fieldError(admin.edit.error, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['UpdateUserDto'] = {};
    if (v.displayName !== user.displayName) body.displayName = v.displayName;
    if (v.role !== user.role) body.role = v.role as Role;
    if (needsUnit(v.role) && v.unitId !== (user.unitId ?? '')) body.unitId = v.unitId || null;
    if (needsDepartment(v.role) && v.departmentId !== (user.departmentId ?? '')) body.departmentId = v.departmentId || null;
    if (v.active !== user.active) body.active = v.active;
    await admin.submit('edit', () => api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }), (u) => afterChange(`${v.displayName}（${user.loginId}）を更新しました。`, u));
  };

  return (
    <EditPanel title={<>{user.loginId} の編集</>}>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={admin.edit.error} />
        <TextField id={`${id}-name`} name="displayName" label="表示名" value={v.displayName} onValue={form.set('displayName')} error={error('displayName')} />
        {self ? (
          <p className="note">自分自身の役割と有効状態は変更できません。</p>
        ) : (
          <SelectField id={`${id}-role`} name="role" label="役割" value={v.role} onValue={form.set('role')} options={ROLES} error={error('role')} />
        )}
        <PlacementField id={id} role={v.role} unitId={v.unitId} departmentId={v.departmentId} onUnit={form.set('unitId')} onDepartment={form.set('departmentId')} units={units} departments={departments} error={error} />
        {!self && <CheckboxField id={`${id}-active`} label="有効（サインインできる）" checked={v.active} onChecked={form.set('active')} error={error('active')} />}
        <EditActions busy={admin.edit.busy} onCancel={admin.cancelEdit} />
      </form>
    </EditPanel>
  );
}
