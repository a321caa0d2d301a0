import { useEffect, useState, type FormEvent } from 'react';
import type { Schemas } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { todayJst } from '../../format/dates';
import { CHANNEL_LABELS, label } from '../../labels';
import { PATHS } from '../../router/paths';
import { pathTo, useRouter } from '../../router/router';
import { FieldMessage } from '../ErrorSummary';
import type { ScreenProps } from '../screen';
import { CaseFormFrame, FormErrors, groupBy, invalidProps, keepEnterForTextInputs, useCaseAndClient, useSendOnce, type CaseAndClient } from './case-form-support';
import { elapsedMinutes, instantOfJstInput, jstInputValue } from './jst-input';

type Channel = Schemas['ContactDto']['channel'];

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

/** 相談記録の入力: filled while the caller is still on the line, so the defaults do most of it. */
export function ContactForm({ api, params }: ScreenProps) {
  const loaded = useCaseAndClient(api, params.id);
  return (
    <CaseFormFrame title="相談記録の入力" caseId={params.id} loaded={loaded}>
      {(data) => <ContactFields api={api} caseId={params.id} data={data} />}
    </CaseFormFrame>
  );
}

function ContactFields({ api, caseId, data }: { api: ScreenProps['api']; caseId: string; data: CaseAndClient }) {
  const { navigate } = useRouter();
  const concerns = useLoad(() => api.GET('/api/v1/concerns'), []);
  const programs = useLoad(() => api.GET('/api/v1/programs'), []);
  const [openedAt] = useState(() => new Date());
  const [now, setNow] = useState(openedAt);
  const [channel, setChannel] = useState<Channel>('phone');
  const [startedAt, setStartedAt] = useState(() => jstInputValue(openedAt));
  const [duration, setDuration] = useState('');
  const [mainConcern, setMainConcern] = useState(data.item.mainConcerns[0] ?? '');
  const [otherConcerns, setOtherConcerns] = useState<string[]>([]);
  const [dvRelated, setDvRelated] = useState(false);
  const [summary, setSummary] = useState('');
  const [nextAction, setNextAction] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const { run, busy, error, setError } = useSendOnce(FIELD_LABELS);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  const elapsed = elapsedMinutes(openedAt, now);

  // The channels the case's program takes (the api refuses others); all of them if unknown.
  const program = programs.state === 'done' ? programs.data.find((p) => p.code === data.item.programCode) : undefined;
  const channels = (program?.channels.length ? program.channels : (Object.keys(CHANNEL_LABELS) as Channel[])).filter((c) => c in CHANNEL_LABELS);
  const active = concerns.state === 'done' ? concerns.data.filter((c) => c.active || c.code === mainConcern) : [];
  const groups = groupBy(active, (c) => c.groupName);
  const fieldError = (name: string) => error?.fields[name];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const instant = instantOfJstInput(startedAt);
    if (!instant) {
      setError({ message: '入力内容に誤りがあります（開始日時: 日時を正しく入力してください）', fields: { startedAt: '日時を正しく入力してください' } });
      return;
    }
    const body: Schemas['CreateContactDto'] = {
      channel,
      startedAt: instant,
      durationMinutes: duration.trim() === '' ? Number.NaN : Number(duration),
      mainConcern,
      otherConcerns: otherConcerns.filter((c) => c !== mainConcern),
      dvRelated,
      ...(summary.trim() ? { summary } : {}),
      ...(nextAction.trim() ? { nextAction } : {}),
      ...(followUpOn ? { followUpOn } : {}),
    };
    if (!Number.isInteger(body.durationMinutes)) {
      setError({ message: '入力内容に誤りがあります（相談時間: 分を整数で入力してください）', fields: { durationMinutes: '分を整数で入力してください' } });
      return;
    }
    const saved = await run(() => api.POST('/api/v1/cases/{id}/contacts', { params: { path: { id: caseId } }, body }));
    if (saved) navigate(pathTo(PATHS.case, { id: caseId }));
  };

  const toggleConcern = (code: string, on: boolean) => setOtherConcerns((list) => (on ? [...list, code] : list.filter((c) => c !== code)));

  return (
    <form onSubmit={submit} onKeyDown={keepEnterForTextInputs} noValidate>
      <FormErrors error={error} />
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
          <p id="contact-duration-hint" className="hint">
            この画面を開いてから{elapsed}分経過
          </p>
          <input id="contact-duration" type="number" inputMode="numeric" min={0} max={1440} step={1} value={duration} onChange={(e) => setDuration(e.target.value)} required {...invalidProps('contact-duration', fieldError('durationMinutes'), 'contact-duration-hint')} />
          <button type="button" className="small" onClick={() => setDuration(String(Math.max(1, elapsed)))}>
            経過時間を入れる
          </button>
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
        <input id="contact-follow-up" type="date" value={followUpOn} onChange={(e) => setFollowUpOn(e.target.value)} {...invalidProps('contact-follow-up', fieldError('followUpOn'))} />
        <FieldMessage id="contact-follow-up-error" message={fieldError('followUpOn')} />
      </div>
      {fieldError('caseId') && <p className="field-error">{fieldError('caseId')}</p>}

      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? '記録しています…' : '記録する'}
        </button>
      </div>
    </form>
  );
}
