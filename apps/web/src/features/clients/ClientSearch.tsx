import { useId, useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { AGE_BAND_LABELS, GENDER_LABELS, Permission } from '../../labels';
import { PATHS } from '../../router/paths';
import { Link, pathTo, useRouter } from '../../router/router';
import { ClientRegistration } from './ClientRegistration';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ProtectedBadge } from '../../ui/ProtectedBadge';
import { can, type ScreenProps } from '../../ui/screen';
import { TextField } from '../../ui/TextField';

type By = 'phone' | 'kana';
const FIELD_LABELS: Record<By, string> = { phone: '電話番号', kana: 'フリガナ' };

/**
 * 相談者検索: exact match on phone or kana (the api's blind indexes); lists never show an address.
 * Whoever may write cases can register a new client here, who is then opened.
 */
export function ClientSearch({ api, me }: ScreenProps) {
  const canRegister = can(me, Permission.CaseWrite);
  const { navigate } = useRouter();
  const [registering, setRegistering] = useState(false);
  const [by, setBy] = useState<By>('phone');
  const [value, setValue] = useState('');
  const [results, setResults] = useState<Schemas['ClientSummaryDto'][] | null>(null);
  const [error, setError] = useState<DisplayError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/clients', { params: { query: { [by]: value.trim() } } });
      if (data) setResults(data);
      else {
        setResults(null);
        setError(toDisplayError(response.status, failure, FIELD_LABELS));
      }
    } catch {
      setError(toDisplayError(undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="client-search-title" className="panel">
      <h1 id="client-search-title">相談者検索</h1>
      <form onSubmit={submit} noValidate className="search-form">
        <fieldset>
          <legend>検索方法</legend>
          {(['phone', 'kana'] as const).map((option) => (
            <label key={option} className="radio">
              <input type="radio" name="by" value={option} checked={by === option} onChange={() => setBy(option)} />
              {FIELD_LABELS[option]}
            </label>
          ))}
        </fieldset>
        <TextField
          id={inputId}
          label={`検索する${FIELD_LABELS[by]}`}
          name={by}
          type={by === 'phone' ? 'tel' : 'text'}
          inputMode={by === 'phone' ? 'tel' : undefined}
          autoComplete="off"
          required
          value={value}
          placeholder={by === 'phone' ? '例: 090-1234-5678' : '例: ヤマダハナコ'}
          onValue={setValue}
          error={error?.fields[by] ? `${FIELD_LABELS[by]}: ${error.fields[by]}` : undefined}
        />
        <button type="submit" className="primary" disabled={busy}>
          検索
        </button>
      </form>
      <ErrorSummary error={error} />
      {results && <ClientResults clients={results} />}
      {canRegister && !registering && (
        <div className="actions">
          <button type="button" onClick={() => setRegistering(true)}>
            新しい相談者を登録
          </button>
        </div>
      )}
      {canRegister && registering && (
        <ClientRegistration api={api} onCreated={(client) => navigate(pathTo(PATHS.client, { id: client.id }))} onCancel={() => setRegistering(false)} />
      )}
    </section>
  );
}

function ClientResults({ clients }: { clients: Schemas['ClientSummaryDto'][] }) {
  if (clients.length === 0) {
    return (
      <p role="status" className="empty">
        該当する相談者はいません。
      </p>
    );
  }
  return (
    <table className="results">
      <caption role="status">検索結果 {clients.length}件</caption>
      <thead>
        <tr>
          <th scope="col">氏名</th>
          <th scope="col">フリガナ</th>
          <th scope="col">性別</th>
          <th scope="col">年齢層</th>
          <th scope="col">注意</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.id}>
            <td>
              <Link to={pathTo(PATHS.client, { id: client.id })}>{client.name}</Link>
            </td>
            <td>{client.kana ?? '—'}</td>
            <td>{GENDER_LABELS[client.gender]}</td>
            <td>{AGE_BAND_LABELS[client.ageBand]}</td>
            <td>
              <ProtectedBadge protectedAddress={client.addressProtected} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
