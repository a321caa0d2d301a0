import { useId, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { useSubmit } from '../../api/hooks';
import { formatJstDate } from '../../format/dates';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import { ProtectedBadge } from '../../ui/ProtectedBadge';

type Conversation = Schemas['ConversationDto'];
type Client = Schemas['ClientSummaryDto'];
type Case = Schemas['CaseDto'];

const FIELD_LABELS = { phone: '電話番号', kana: 'フリガナ', caseId: 'ケース', version: '版' };

interface Props {
  api: ApiClient;
  conversation: Conversation;
  refresh: () => Promise<Conversation | undefined>;
  onLinked: (caseId: string) => void;
}

/**
 * ケースに連携: find the client (exact phone or kana, as 相談者検索), choose one of her open cases,
 * and tie the conversation to it. Lists never show an address.
 */
export function LinkCase({ api, conversation, refresh, onLinked }: Props) {
  const [by, setBy] = useState<'phone' | 'kana'>('phone');
  const [value, setValue] = useState('');
  const [clients, setClients] = useState<Client[] | null>(null);
  const [clientId, setClientId] = useState('');
  const [cases, setCases] = useState<Case[] | null>(null);
  const [caseId, setCaseId] = useState('');
  const [searchError, setSearchError] = useState<DisplayError | null>(null);
  const { run, busy, error } = useSubmit(FIELD_LABELS);
  const baseId = useId();

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setSearchError(null);
    setClients(null);
    setCases(null);
    setClientId('');
    setCaseId('');
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/clients', { params: { query: { [by]: value.trim() } } });
      if (data) setClients(data);
      else setSearchError(toDisplayError(response.status, failure, FIELD_LABELS));
    } catch {
      setSearchError(toDisplayError(undefined, undefined));
    }
  };

  const chooseClient = async (id: string) => {
    setClientId(id);
    setCases(null);
    setCaseId('');
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/cases', { params: { query: { clientId: id, status: 'open' } } });
      if (data) {
        setCases(data.items);
        if (data.items.length === 1) setCaseId(data.items[0].id);
      } else setSearchError(toDisplayError(response.status, failure));
    } catch {
      setSearchError(toDisplayError(undefined, undefined));
    }
  };

  const link = async (event: FormEvent) => {
    event.preventDefault();
    const fresh = await refresh();
    if (!fresh || !caseId) return;
    const linked = await run(() => api.POST('/api/v1/line/conversations/{id}/link', { params: { path: { id: fresh.id } }, body: { version: fresh.version, caseId } }));
    if (linked) {
      setClients(null);
      setCases(null);
      setValue('');
      onLinked(linked.caseId ?? caseId);
    }
  };

  return (
    <section aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`}>{conversation.caseId ? '連携するケースを変更' : 'ケースに連携'}</h2>
      <form onSubmit={search} noValidate>
        <fieldset>
          <legend>相談者の検索方法</legend>
          {(['phone', 'kana'] as const).map((option) => (
            <label key={option} className="radio">
              <input type="radio" name={`${baseId}-by`} checked={by === option} onChange={() => setBy(option)} />
              {FIELD_LABELS[option]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${baseId}-value`}>検索する{FIELD_LABELS[by]}</label>
          <input
            id={`${baseId}-value`}
            type={by === 'phone' ? 'tel' : 'text'}
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={searchError?.fields[by] ? true : undefined}
            aria-describedby={searchError?.fields[by] ? `${baseId}-value-error` : undefined}
          />
          <FieldMessage id={`${baseId}-value-error`} message={searchError?.fields[by]} />
        </div>
        <button type="submit">相談者を検索</button>
      </form>
      <ErrorSummary error={searchError} />
      {clients && clients.length === 0 && (
        <p role="status" className="empty">
          該当する相談者はいません。
        </p>
      )}
      {clients && clients.length > 0 && (
        <fieldset>
          <legend>相談者</legend>
          <ul className="line-link-results">
            {clients.map((c) => (
              <li key={c.id}>
                <label className="radio">
                  <input type="radio" name={`${baseId}-client`} checked={clientId === c.id} onChange={() => void chooseClient(c.id)} />
                  {c.name}
                  {c.kana ? `（${c.kana}）` : ''}
                </label>
                <ProtectedBadge protectedAddress={c.addressProtected} />
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {cases && cases.length === 0 && <p className="empty">この相談者に対応中のケースはありません。</p>}
      {cases && cases.length > 0 && (
        <form onSubmit={link} noValidate>
          <ErrorSummary error={error} />
          <div className="field">
            <label htmlFor={`${baseId}-case`}>連携するケース</label>
            <select id={`${baseId}-case`} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              <option value="">選んでください</option>
              {cases.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.caseNumber}（{formatJstDate(k.openedOn)}開始）
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={busy || !caseId}>
            ケースに連携する
          </button>
        </form>
      )}
    </section>
  );
}
