import { useId, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { AGE_BAND_LABELS, GENDER_LABELS } from '../../labels';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/TextField';
import '../../ui/counselor.css';

type Body = Schemas['CreateClientDto'];
type Gender = Body['gender'];
type AgeBand = NonNullable<Body['ageBand']>;

const FIELD_LABELS: Record<string, string> = {
  name: '氏名',
  kana: 'フリガナ',
  phone: '電話番号',
  gender: '性別',
  birthDate: '生年月日',
  ageBand: '年齢層',
  address: '住所',
  addressProtected: '住所秘匿',
  notes: 'メモ',
};

interface Props {
  api: ApiClient;
  /** Called with the new client once the api has stored it. */
  onCreated: (client: Schemas['ClientDto']) => void;
  onCancel: () => void;
}

/** 新しい相談者の登録 (POST /clients). Only the name is required; she may give no more. */
export function ClientRegistration({ api, onCreated, onCancel }: Props) {
  const [form, setForm] = useState({ name: '', kana: '', phone: '', gender: 'female' as Gender, birthDate: '', ageBand: 'unknown' as AgeBand, address: '', addressProtected: false, notes: '' });
  const { run, busy, error } = useSubmit(FIELD_LABELS);
  const id = useId();
  const set = <K extends keyof typeof form>(key: K) => (value: (typeof form)[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = (v: string) => v.trim() || undefined;
    const body: Body = {
      name: form.name.trim(),
      kana: trimmed(form.kana),
      phone: trimmed(form.phone),
      gender: form.gender,
      birthDate: trimmed(form.birthDate),
      // The age band is asked for only when the birth date is unknown; the api derives it otherwise.
      ageBand: form.birthDate ? undefined : form.ageBand,
      address: trimmed(form.address),
      addressProtected: form.addressProtected,
      notes: trimmed(form.notes),
    };
    const created = await run(() => api.POST('/api/v1/clients', { body }));
    if (created) onCreated(created);
  };

  const fieldError = (name: string) => (error?.fields[name] ? `${FIELD_LABELS[name]}: ${error.fields[name]}` : undefined);

  return (
    <section aria-labelledby={`${id}-title`} className="registration">
      <h2 id={`${id}-title`}>新しい相談者の登録</h2>
      <ErrorSummary error={error} />
      <form onSubmit={submit} noValidate>
        <TextField id={`${id}-name`} label="氏名（必須）" name="name" required autoFocus autoComplete="off" value={form.name} onValue={set('name')} error={fieldError('name')} hint="名乗った名前で構いません。" />
        <TextField id={`${id}-kana`} label="フリガナ" name="kana" autoComplete="off" value={form.kana} onValue={set('kana')} error={fieldError('kana')} />
        <TextField id={`${id}-phone`} label="電話番号" name="phone" type="tel" inputMode="tel" autoComplete="off" value={form.phone} onValue={set('phone')} error={fieldError('phone')} />
        <fieldset>
          <legend>性別</legend>
          {(Object.keys(GENDER_LABELS) as Gender[]).map((g) => (
            <label key={g} className="radio">
              <input type="radio" name={`${id}-gender`} value={g} checked={form.gender === g} onChange={() => set('gender')(g)} />
              {GENDER_LABELS[g]}
            </label>
          ))}
          <FieldMessage id={`${id}-gender-error`} message={fieldError('gender')} />
        </fieldset>
        <fieldset>
          <legend>年齢</legend>
          <TextField id={`${id}-birth`} label="生年月日" name="birthDate" type="date" value={form.birthDate} onValue={set('birthDate')} error={fieldError('birthDate')} />
          <div className="field">
            <label htmlFor={`${id}-age`}>年齢層（生年月日が分からないとき）</label>
            <select
              id={`${id}-age`}
              name="ageBand"
              value={form.ageBand}
              disabled={form.birthDate !== ''}
              onChange={(e) => set('ageBand')(e.target.value as AgeBand)}
              aria-invalid={error?.fields.ageBand ? true : undefined}
              aria-describedby={error?.fields.ageBand ? `${id}-age-error` : undefined}
            >
              {(Object.keys(AGE_BAND_LABELS) as AgeBand[]).map((a) => (
                <option key={a} value={a}>
                  {AGE_BAND_LABELS[a]}
                </option>
              ))}
            </select>
            <FieldMessage id={`${id}-age-error`} message={fieldError('ageBand')} />
          </div>
        </fieldset>
        <fieldset>
          <legend>住所</legend>
          <TextField id={`${id}-address`} label="住所" name="address" autoComplete="off" value={form.address} onValue={set('address')} error={fieldError('address')} />
          <div className="field">
            <label className="radio">
              <input type="checkbox" name="addressProtected" checked={form.addressProtected} onChange={(e) => set('addressProtected')(e.target.checked)} />
              住所秘匿（支援措置の対象、または所在を知られてはならない）
            </label>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-notes`}>メモ</label>
          <textarea id={`${id}-notes`} name="notes" value={form.notes} onChange={(e) => set('notes')(e.target.value)} aria-invalid={error?.fields.notes ? true : undefined} />
          <FieldMessage id={`${id}-notes-error`} message={fieldError('notes')} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            登録する
          </button>
          <button type="button" onClick={onCancel}>
            やめる
          </button>
        </div>
      </form>
    </section>
  );
}
