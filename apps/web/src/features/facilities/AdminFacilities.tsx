import { useId, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { formatJstDate } from '../../format/dates';
import { FACILITY_KIND_LABELS, FACILITY_STATUS_LABELS, label } from '../../labels';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';
import { EditActions, EditPanel, ListLoad, SelectField, StatusLine } from '../../ui/admin/AdminParts';
import { fieldError, useAdminList, useFormValues } from '../../ui/admin/useAdminList';

/** A facility as the admin reads it: no address or phone, only whether each is on file. */
type Facility = Schemas['FacilityDto'];
type FacilityKind = Facility['kind'];

const FIELD_LABELS = { kind: '種別', name: '名称', operator: '運営主体', capacity: '定員', inCity: '所在', status: '状態', suspendedSince: '休止日', address: '住所', phone: '電話番号', version: '版' };
const KINDS = Object.entries(FACILITY_KIND_LABELS) as Array<[FacilityKind, string]>;
const STATUSES = Object.entries(FACILITY_STATUS_LABELS) as Array<[Facility['status'], string]>;
/** 母子生活支援施設 counts households, the others persons (libs/facilities capacityUnitOf). */
const capacityUnitText = (kind: string) => (kind === 'mother-child' ? '世帯' : '人');
const SECRET_HINT = '住所と電話番号は登録後も画面に表示しません。変更するときだけ入力してください（空欄のままなら変わりません）。';

/** 施設の管理: the facilities placements go to. Address and phone are written here, never read back. */
export function AdminFacilities({ api }: ScreenProps) {
  const admin = useAdminList<Facility>(() => api.GET('/api/v1/facilities'), FIELD_LABELS, (f) => f.id);
  const editing = admin.editing;

  return (
    <div className="admin">
      <section className="panel" aria-labelledby="facilities-title">
        <h1 id="facilities-title">施設の管理</h1>
        <StatusLine status={admin.status} statusRef={admin.statusRef} />
        <ListLoad loaded={admin.list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty">施設はまだ登録されていません。</p>
            ) : (
              <table className="results">
                <caption>施設の一覧</caption>
                <thead>
                  <tr>
                    <th scope="col">名称</th>
                    <th scope="col">種別</th>
                    <th scope="col">運営主体</th>
                    <th scope="col">定員</th>
                    <th scope="col">所在</th>
                    <th scope="col">状態</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">{f.name}</th>
                      <td>{label(FACILITY_KIND_LABELS, f.kind)}</td>
                      <td>{f.operator ?? '—'}</td>
                      <td>
                        {f.capacity}
                        {f.capacityUnit === 'households' ? '世帯' : '人'}
                      </td>
                      <td>{f.inCity ? '市内' : '広域'}</td>
                      <td>
                        {label(FACILITY_STATUS_LABELS, f.status)}
                        {f.status === 'suspended' && f.suspendedSince && `（${formatJstDate(f.suspendedSince)}から）`}
                      </td>
                      <td>
                        <button type="button" onClick={() => admin.startEdit(f.id)} aria-label={`編集（${f.name}）`}>
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
      {editing && <EditFacility key={`${editing.id}-${editing.version}`} facility={editing} admin={admin} api={api} />}
      <CreateFacility admin={admin} api={api} />
    </div>
  );
}

type Admin = ReturnType<typeof useAdminList<Facility>>;

/** 市内 / 広域 as two radios in a fieldset. */
function InCityField({ id, value, onValue, error }: { id: string; value: boolean; onValue: (v: boolean) => void; error?: string }) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>所在</legend>
      <label className="radio">
        <input type="radio" name={id} checked={value} onChange={() => onValue(true)} /> 市内
      </label>
      <label className="radio">
        <input type="radio" name={id} checked={!value} onChange={() => onValue(false)} /> 広域（市外）
      </label>
      <FieldMessage id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** Whether a write-only value is on file: the api says so (hasAddress, hasPhone), never what it is. */
const onFileText = (has: boolean) => (has ? '登録済み（表示しません）' : '未登録');

/**
 * Address and phone: inputs only, never filled from the api. When editing, `stored` says whether
 * each is on file, so the admin knows an empty input keeps a value rather than lacking one.
 */
function SecretFields({ id, address, phone, onAddress, onPhone, error, stored }: {
  id: string;
  address: string;
  phone: string;
  onAddress: (v: string) => void;
  onPhone: (v: string) => void;
  error: (field: string) => string | undefined;
  stored?: { hasAddress: boolean; hasPhone: boolean };
}) {
  const editing = stored !== undefined;
  return (
    <fieldset className="secret-input">
      <legend>住所・電話番号（秘匿）</legend>
      <p className="note">{editing ? SECRET_HINT : '登録後は画面に表示しません。施設に入所中のケースの担当者と査察指導員だけが見られます。'}</p>
      <TextField id={`${id}-address`} name="address" label="住所" autoComplete="off" hint={stored && `現在: ${onFileText(stored.hasAddress)}`} value={address} onValue={onAddress} error={error('address')} />
      <TextField id={`${id}-phone`} name="phone" label="電話番号" type="tel" autoComplete="off" hint={stored && `現在: ${onFileText(stored.hasPhone)}`} value={phone} onValue={onPhone} error={error('phone')} />
    </fieldset>
  );
}

const toCapacity = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

const EMPTY_NEW = { kind: 'private-shelter' as string, name: '', operator: '', capacity: '', inCity: true, address: '', phone: '' };

function CreateFacility({ admin, api }: { admin: Admin; api: ScreenProps['api'] }) {
  const form = useFormValues(EMPTY_NEW);
  const v = form.values;
  const id = useId();
  const error = (field: string) => fieldError(admin.create.error, field);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      kind: v.kind as FacilityKind,
      name: v.name,
      capacity: toCapacity(v.capacity) as number,
      inCity: v.inCity,
      ...(v.operator.trim() ? { operator: v.operator.trim() } : {}),
      ...(v.address.trim() ? { address: v.address.trim() } : {}),
      ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
    };
    const created = await admin.submit('create', () => api.POST('/api/v1/facilities', { body }), `${v.name} を登録しました。`);
    if (created !== undefined) form.reset();
  };
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>施設の登録</h2>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={admin.create.error} />
        <SelectField id={`${id}-kind`} name="kind" label="種別" value={v.kind} onValue={form.set('kind')} options={KINDS} error={error('kind')} />
        <TextField id={`${id}-name`} name="name" label="名称" value={v.name} onValue={form.set('name')} error={error('name')} />
        <TextField id={`${id}-operator`} name="operator" label="運営主体" value={v.operator} onValue={form.set('operator')} error={error('operator')} />
        <TextField id={`${id}-capacity`} name="capacity" label={`定員（${capacityUnitText(v.kind)}）`} type="number" min={0} max={1000} inputMode="numeric" value={v.capacity} onValue={form.set('capacity')} error={error('capacity')} />
        <InCityField id={`${id}-incity`} value={v.inCity} onValue={form.set('inCity')} error={error('inCity')} />
        <SecretFields id={id} address={v.address} phone={v.phone} onAddress={form.set('address')} onPhone={form.set('phone')} error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={admin.create.busy}>
            登録
          </button>
        </div>
      </form>
    </section>
  );
}

function EditFacility({ facility, admin, api }: { facility: Facility; admin: Admin; api: ScreenProps['api'] }) {
  // Address and phone start empty whatever is stored: the admin writes them, never reads them.
  // The status select offers every status, so the form holds any status code.
  const status: string = facility.status;
  const form = useFormValues({
    name: facility.name,
    operator: facility.operator ?? '',
    capacity: String(facility.capacity),
    inCity: facility.inCity,
    status,
    suspendedSince: facility.suspendedSince ?? '',
    address: '',
    phone: '',
  });
  const v = form.values;
  const id = useId();
  const error = (field: string) => fieldError(admin.edit.error, field);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['UpdateFacilityDto'] = { version: facility.version };
    if (v.name !== facility.name) body.name = v.name;
    if (v.operator !== (facility.operator ?? '')) body.operator = v.operator;
    if (v.capacity !== String(facility.capacity)) body.capacity = toCapacity(v.capacity);
    if (v.inCity !== facility.inCity) body.inCity = v.inCity;
    if (v.status !== facility.status) body.status = v.status as Facility['status'];
    if (v.status === 'suspended' && v.suspendedSince !== (facility.suspendedSince ?? '')) body.suspendedSince = v.suspendedSince;
    if (v.address.trim()) body.address = v.address.trim();
    if (v.phone.trim()) body.phone = v.phone.trim();
    await admin.submit('edit', () => api.PATCH('/api/v1/facilities/{id}', { params: { path: { id: facility.id } }, body }), `${v.name} を更新しました。`);
  };
  return (
    <EditPanel title={<>{facility.name} の編集</>}>
      <form className="admin-form" onSubmit={submit} noValidate>
        <ErrorSummary error={admin.edit.error} />
        <p>種別: {label(FACILITY_KIND_LABELS, facility.kind)}</p>
        <TextField id={`${id}-name`} name="name" label="名称" value={v.name} onValue={form.set('name')} error={error('name')} />
        <TextField id={`${id}-operator`} name="operator" label="運営主体" value={v.operator} onValue={form.set('operator')} error={error('operator')} />
        <TextField id={`${id}-capacity`} name="capacity" label={`定員（${capacityUnitText(facility.kind)}）`} type="number" min={0} max={1000} inputMode="numeric" value={v.capacity} onValue={form.set('capacity')} error={error('capacity')} />
        <InCityField id={`${id}-incity`} value={v.inCity} onValue={form.set('inCity')} error={error('inCity')} />
        <SelectField id={`${id}-status`} name="status" label="状態" value={v.status} onValue={form.set('status')} options={STATUSES} error={error('status')} />
        {v.status === 'suspended' && (
          <TextField id={`${id}-since`} name="suspendedSince" label="休止日" type="date" value={v.suspendedSince} onValue={form.set('suspendedSince')} error={error('suspendedSince')} />
        )}
        <SecretFields id={id} address={v.address} phone={v.phone} onAddress={form.set('address')} onPhone={form.set('phone')} error={error} stored={facility} />
        <EditActions busy={admin.edit.busy} onCancel={admin.cancelEdit} />
      </form>
    </EditPanel>
  );
}
