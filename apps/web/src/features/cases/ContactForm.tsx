import { useEffect, useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { todayJst } from '../../format/dates';
import { CHANNEL_LABELS, label } from '../../labels';
import { PATHS } from '../../router/paths';
import { pathTo, useRouter } from '../../router/router';
import { ErrorSummary, FieldMessage } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import { CaseFormFrame, FormErrors, groupBy, invalidProps, keepEnterForTextInputs, useCaseAndClient, useSendOnce, type CaseAndClient } from './case-form-support';
import { elapsedMinutes, instantOfJstInput, jstInputValue } from './jst-input';

type Contact = Schemas['ContactDto'];
type Channel = Contact['channel'];

const FIELD_LABELS: Record<string, string> = {
  channel: '相談方法',
  startedAt: '開始日時',
  durationMinutes: '相談時間',
  mainConcern: '主訴',
  otherConcerns: 'その他の相談内容',
  dvRelated: 'DV',
  summary: '相談内容の要約',
  nextAction: '次回の対応',
  followUpOn: '次回予定日',
  caseId: 'ケース',
};

/**
 * 相談記録の入力 (`/cases/:id/contacts/new`) and 相談記録の修正 (`…/contacts/:contactId/edit`): one
 * form. A new record is filled while the caller is still on the line, so the defaults do most of
 * it; a correction starts from the record as saved and sends only what changed, with its version.
 */
export function ContactForm({ api, params }: ScreenProps) {
  const loaded = useCaseAndClient(api, params.id);
  const contactId = params.contactId;
  return (
    <CaseFormFrame title={contactId ? '相談記録の修正' : '相談記録の入力'} caseId={params.id} loaded={loaded}>
      {(data) => (contactId ? <ContactToCorrect api={api} caseId={params.id} contactId={contactId} data={data} /> : <ContactFields api={api} caseId={params.id} data={data} />)}
    </CaseFormFrame>
  );
}

/**
 * The record to correct, read from the case's contacts (the list carries each one's version).
 * 最新の内容を読み込む after a 409 reads it again and starts the form over from what is saved now.
 */
function ContactToCorrect({ api, caseId, contactId, data }: { api: ScreenProps['api']; caseId: string; contactId: string; data: CaseAndClient }) {
  const contacts = useLoad(() => api.GET('/api/v1/cases/{id}/contacts', { params: { path: { id: caseId } } }), [api, caseId]);
  const [reloaded, setReloaded] = useState(false);
  if (contacts.state === 'loading') return <p role="status">読み込み中…</p>;
  if (contacts.state === 'failed') return <ErrorSummary error={contacts.error} />;
  const contact = contacts.data.find((c) => c.id === contactId);
  if (!contact) return <ErrorSummary error={{ message: '相談記録が見つかりません。', fields: {} }} />;
  const reload = () => {
    setReloaded(true);
    contacts.reload();
  };
  return <ContactFields key={`${contact.id}:${contact.version}`} api={api} caseId={caseId} data={data} original={contact} reloaded={reloaded} onReload={reload} />;
}

interface FieldsProps {
  api: ScreenProps['api'];
  caseId: string;
  data: CaseAndClient;
  /** The saved record, when correcting one. */
  original?: Contact;
  /** The record was just read again after a 409. */
  reloaded?: boolean;
  onReload?: () => void;
}

function ContactFields({ api, caseId, data, original, reloaded, onReload }: FieldsProps) {
  const { navigate } = useRouter();
  const concerns = useLoad(() => api.GET('/api/v1/concerns'), []);
  const programs = useLoad(() => api.GET('/api/v1/programs'), []);
  const [openedAt] = useState(() => new Date());
  const [now, setNow] = useState(openedAt);
  const [channel, setChannel] = useState<Channel>(original?.channel ?? 'phone');
  const savedStart = original ? jstInputValue(new Date(original.startedAt)) : '';
  const [startedAt, setStartedAt] = useState(() => (original ? savedStart : jstInputValue(openedAt)));
  const [duration, setDuration] = useState(original ? String(original.durationMinutes) : '');
  const [mainConcern, setMainConcern] = useState(original?.mainConcern ?? data.item.mainConcerns[0] ?? '');
  const [otherConcerns, setOtherConcerns] = useState<string[]>(original?.otherConcerns ?? []);
  const [dvRelated, setDvRelated] = useState(original?.dvRelated ?? false);
  const [summary, setSummary] = useState(original?.summary ?? '');
  const [nextAction, setNextAction] = useState(original?.nextAction ?? '');
  const [followUpOn, setFollowUpOn] = useState(original?.followUpOn ?? '');
  const [stale, setStale] = useState(false);
  const { run, busy, error, setError } = useSendOnce(FIELD_LABELS);

  useEffect(() => {
    if (original) return undefined;
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, [original]);
  const elapsed = elapsedMinutes(openedAt, now);

  // The channels the case's program takes (the api refuses others); all of them if unknown. A
  // saved record keeps its own channel on the list even if the program no longer takes it.
  const program = programs.state === 'done' ? programs.data.find((p) => p.code === data.item.programCode) : undefined;
  const offered = program?.channels.length ? program.channels : (Object.keys(CHANNEL_LABELS) as Channel[]);
  const channels = [...offered, ...(original && !offered.includes(original.channel) ? [original.channel] : [])].filter((c) => c in CHANNEL_LABELS);
  // Inactive concerns are not offered, except those the record already has (so they can be taken off).
  const kept = new Set([mainConcern, ...(original ? [original.mainConcern, ...original.otherConcerns] : [])]);
  const active = concerns.state === 'done' ? concerns.data.filter((c) => c.active || kept.has(c.code)) : [];
  const groups = groupBy(active, (c) => c.groupName);
  const fieldError = (name: string) => error?.fields[name];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const instant = instantOfJstInput(startedAt);
    if (!instant) {
      setError({ message: '入力内容に誤りがあります（開始日時: 日時を正しく入力してください）', fields: { startedAt: '日時を正しく入力してください' } });
      return;
    }
    const durationMinutes = duration.trim() === '' ? Number.NaN : Number(duration);
    if (!Number.isInteger(durationMinutes)) {
      setError({ message: '入力内容に誤りがあります（相談時間: 分を整数で入力してください）', fields: { durationMinutes: '分を整数で入力してください' } });
      return;
    }
    const others = otherConcerns.filter((c) => c !== mainConcern);
    if (original) {
      await saveCorrection(original, { instant, durationMinutes, others });
      return;
    }
    const body: Schemas['CreateContactDto'] = {
      channel,
      startedAt: instant,
      durationMinutes,
      mainConcern,
      otherConcerns: others,
      dvRelated,
      ...(summary.trim() ? { summary } : {}),
      ...(nextAction.trim() ? { nextAction } : {}),
      ...(followUpOn ? { followUpOn } : {}),
    };
    const saved = await run(() => api.POST('/api/v1/cases/{id}/contacts', { params: { path: { id: caseId } }, body }));
    if (saved) navigate(pathTo(PATHS.case, { id: caseId }));
  };

  /** PATCH with the fields that differ from the saved record, and the version it was read at. */
  const saveCorrection = async (saved: Contact, entered: { instant: string; durationMinutes: number; others: string[] }) => {
    const changes: Omit<Schemas['UpdateContactDto'], 'version'> = {
      ...(channel !== saved.channel ? { channel } : {}),
      ...(startedAt !== savedStart ? { startedAt: entered.instant } : {}),
      ...(entered.durationMinutes !== saved.durationMinutes ? { durationMinutes: entered.durationMinutes } : {}),
      ...(mainConcern !== saved.mainConcern ? { mainConcern } : {}),
      ...(!sameSet(entered.others, saved.otherConcerns) ? { otherConcerns: entered.others } : {}),
      ...(dvRelated !== saved.dvRelated ? { dvRelated } : {}),
      ...(summary !== (saved.summary ?? '') ? { summary } : {}),
      ...(nextAction !== (saved.nextAction ?? '') ? { nextAction } : {}),
      // An emptied date is removed (null); the api keeps a date left out.
      ...(followUpOn !== (saved.followUpOn ?? '') ? { followUpOn: followUpOn || null } : {}),
    };
    if (Object.keys(changes).length === 0) {
      setError({ message: '変更された項目がありません。', fields: {} });
      return;
    }
    let status = 0;
    const done = await run(async () => {
      const reply = await api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: saved.id } }, body: { ...changes, version: saved.version } });
      status = reply.response.status;
      return reply;
    });
    setStale(status === 409);
    if (done) navigate(pathTo(PATHS.case, { id: caseId }), { state: { notice: '相談記録を修正しました。' } });
  };

  const toggleConcern = (code: string, on: boolean) => setOtherConcerns((list) => (on ? [...list, code] : list.filter((c) => c !== code)));

  return (
    <form onSubmit={submit} onKeyDown={keepEnterForTextInputs} noValidate>
      {reloaded && !error && (
        <p role="status" className="notice">
          最新の内容を読み込みました。必要な修正をもう一度入力してください。
        </p>
      )}
      <FormErrors error={error} />
      {stale && onReload && (
        <div className="actions">
          <button type="button" onClick={onReload}>
            最新の内容を読み込む
          </button>
        </div>
      )}
      <fieldset aria-describedby={fieldError('channel') ? 'contact-channel-error' : undefined}>
        <legend>相談方法</legend>
        <div className="checks">
          {channels.map((c) => (
            <label key={c} className="radio">
              <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} autoFocus={c === channel} />
              {label(CHANNEL_LABELS, c)}
            </label>
          ))}
        </div>
        <FieldMessage id="contact-channel-error" message={fieldError('channel')} />
      </fieldset>

      <div className="inline-fields">
        <div className="field">
          <label htmlFor="contact-started">開始日時（日本時間）</label>
          <input id="contact-started" type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} max={`${todayJst()}T23:59`} required {...invalidProps('contact-started', fieldError('startedAt'))} />
          <FieldMessage id="contact-started-error" message={fieldError('startedAt')} />
        </div>
        <div className="field">
          <label htmlFor="contact-duration">相談時間（分）</label>
          {!original && (
            <p id="contact-duration-hint" className="hint">
              この画面を開いてから{elapsed}分経過
            </p>
          )}
          <input id="contact-duration" type="number" inputMode="numeric" min={0} max={1440} step={1} value={duration} onChange={(e) => setDuration(e.target.value)} required {...invalidProps('contact-duration', fieldError('durationMinutes'), original ? undefined : 'contact-duration-hint')} />
          {!original && (
            <button type="button" className="small" onClick={() => setDuration(String(Math.max(1, elapsed)))}>
              経過時間を入れる
            </button>
          )}
          <FieldMessage id="contact-duration-error" message={fieldError('durationMinutes')} />
        </div>
      </div>

      <div className="field">
        <label htmlFor="contact-main-concern">主訴</label>
        <select id="contact-main-concern" value={mainConcern} onChange={(e) => setMainConcern(e.target.value)} required {...invalidProps('contact-main-concern', fieldError('mainConcern'))}>
          {mainConcern === '' && <option value="">選んでください</option>}
          {groups.map(([group, items]) => (
            <optgroup key={group} label={group}>
              {items.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ))}
          {concerns.state !== 'done' && mainConcern !== '' && <option value={mainConcern}>{mainConcern}</option>}
        </select>
        <FieldMessage id="contact-main-concern-error" message={fieldError('mainConcern')} />
      </div>

      <fieldset aria-describedby={fieldError('otherConcerns') ? 'contact-other-error' : undefined}>
        <legend>その他の相談内容（複数選択可）</legend>
        {concerns.state === 'failed' && <p className="field-error">相談内容の一覧を読み込めませんでした。</p>}
        {groups.map(([group, items]) => (
          <fieldset key={group}>
            <legend>{group}</legend>
            <div className="checks">
              {items
                .filter((c) => c.code !== mainConcern)
                .map((c) => (
                  <label key={c.code}>
                    <input type="checkbox" checked={otherConcerns.includes(c.code)} onChange={(e) => toggleConcern(c.code, e.target.checked)} />
                    {c.name}
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
        <FieldMessage id="contact-other-error" message={fieldError('otherConcerns')} />
      </fieldset>

      <div className="field">
        <label className="check">
          <input type="checkbox" checked={dvRelated} onChange={(e) => setDvRelated(e.target.checked)} {...invalidProps('contact-dv', fieldError('dvRelated'))} />
          DVに関する相談
        </label>
        <FieldMessage id="contact-dv-error" message={fieldError('dvRelated')} />
      </div>

      <div className="field">
        <label htmlFor="contact-summary">相談内容の要約</label>
        <textarea id="contact-summary" value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={20000} {...invalidProps('contact-summary', fieldError('summary'))} />
        <FieldMessage id="contact-summary-error" message={fieldError('summary')} />
      </div>
      <div className="field">
        <label htmlFor="contact-next">次回の対応（任意）</label>
        <textarea id="contact-next" className="short" value={nextAction} onChange={(e) => setNextAction(e.target.value)} maxLength={2000} {...invalidProps('contact-next', fieldError('nextAction'))} />
        <FieldMessage id="contact-next-error" message={fieldError('nextAction')} />
      </div>
      <div className="field">
        <label htmlFor="contact-follow-up">次回予定日（任意）</label>
        {original?.followUpOn && (
          <p id="contact-follow-up-hint" className="hint">
            空欄にして保存すると、登録済みの予定日を取り消します。
          </p>
        )}
        <input id="contact-follow-up" type="date" value={followUpOn} onChange={(e) => setFollowUpOn(e.target.value)} {...invalidProps('contact-follow-up', fieldError('followUpOn'), original?.followUpOn ? 'contact-follow-up-hint' : undefined)} />
        <FieldMessage id="contact-follow-up-error" message={fieldError('followUpOn')} />
      </div>
      {fieldError('caseId') && <p className="field-error">{fieldError('caseId')}</p>}

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {original ? (busy ? '保存しています…' : '修正を保存する') : busy ? '記録しています…' : '記録する'}
        </button>
      </div>
    </form>
  );
}

/** The same codes, in any order. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((code) => b.includes(code));
}
