import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { RUN_STATUS_LABELS } from '../../labels';
import { lastMonthJst } from './periods';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/TextField';

type Run = Schemas['RunDto'];

const FIELD_LABELS = { period: '対象月' };
const finished = (run: Run) => run.status === 'done' || run.status === 'failed';

interface Props {
  api: ApiClient;
  /** How often a running job is asked for its progress. */
  pollMs?: number;
}

/** 月次集計の実行: request a month's run, follow its progress, and list the recent runs. */
export function MonthlyRun({ api, pollMs = 1000 }: Props) {
  const [period, setPeriod] = useState(() => lastMonthJst());
  const [current, setCurrent] = useState<Run | null>(null);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<DisplayError | null>(null);
  const [busy, setBusy] = useState(false);
  const periodId = useId();
  const progressId = useId();

  const loadRuns = useCallback(async () => {
    try {
      const { data } = await api.GET('/api/v1/statistics/runs');
      if (data) setRuns(data);
    } catch {
      // The list is a convenience; the run itself reports its own errors.
    }
  }, [api]);

  useEffect(() => {
    void loadRuns();
  }, [loadRuns]);

  // Follow the current run until it is done or failed.
  const currentId = current && !finished(current) ? current.id : null;
  useEffect(() => {
    if (!currentId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const { data, error: failure, response } = await api.GET('/api/v1/statistics/runs/{id}', { params: { path: { id: currentId } } });
        if (cancelled) return;
        if (data) {
          setCurrent(data);
          if (finished(data)) {
            void loadRuns();
            return;
          }
        } else {
          setError(toDisplayError(response.status, failure));
          return;
        }
      } catch {
        if (cancelled) return;
        setError(toDisplayError(undefined, undefined));
        return;
      }
      timer = setTimeout(() => void poll(), pollMs);
    };
    timer = setTimeout(() => void poll(), pollMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, currentId, pollMs, loadRuns]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure, response } = await api.POST('/api/v1/statistics/runs', { body: { period } });
      if (data) {
        setCurrent(data);
        void loadRuns();
      } else setError(toDisplayError(response.status, failure, FIELD_LABELS));
    } catch {
      setError(toDisplayError(undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="monthly-run-title" className="panel">
      <h2 id="monthly-run-title">月次集計の実行</h2>
      <form onSubmit={submit} noValidate className="search-form">
        <TextField
          id={periodId}
          label="対象月"
          name="period"
          type="month"
          required
          value={period}
          onValue={setPeriod}
          error={error?.fields.period ? `${FIELD_LABELS.period}: ${error.fields.period}` : undefined}
        />
        <button type="submit" className="primary" disabled={busy || currentId !== null}>
          実行
        </button>
      </form>
      <ErrorSummary error={error} />
      {current && (
        <div className="run-progress">
          <label htmlFor={progressId}>{current.period}の集計の進捗</label>
          <progress id={progressId} max={100} value={current.progress}>
            {current.progress}%
          </progress>
          <p role="status">
            {RUN_STATUS_LABELS[current.status]}（{current.progress}%）
          </p>
        </div>
      )}
      {runs && <RunList runs={runs} />}
    </section>
  );
}

const dateTime = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' });
const when = (value: string | null) => (value ? dateTime.format(new Date(value)) : '—');

function RunList({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return <p className="empty">集計の実行履歴はありません。</p>;
  return (
    <table className="results">
      <caption>最近の集計</caption>
      <thead>
        <tr>
          <th scope="col">対象月</th>
          <th scope="col">状況</th>
          <th scope="col">進捗</th>
          <th scope="col">開始</th>
          <th scope="col">終了</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>{run.period}</td>
            <td>{RUN_STATUS_LABELS[run.status]}</td>
            <td>{run.progress}%</td>
            <td>{when(run.startedAt)}</td>
            <td>{when(run.finishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
