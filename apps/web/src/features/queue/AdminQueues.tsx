import { useEffect } from 'react';
import type { Schemas } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { formatJstDateTime } from '../../format/dates';
import { JOB_LABELS, label } from '../../labels';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';

type Overview = Schemas['QueueOverviewDto'];

const STATE_LABELS: Record<keyof Overview['counts'], string> = {
  waiting: '待機中',
  active: '実行中',
  delayed: '予定（遅延）',
  completed: '完了',
  failed: '失敗',
};

const REFRESH_MS = 10_000;

/** キューの状況: the job queue's counts, failed jobs and schedules for the admin (no payloads). */
export function AdminQueues({ api }: ScreenProps) {
  const loaded = useLoad(() => api.GET('/api/v1/admin/queues'), [api]);
  const { reload } = loaded;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const view = loaded.data;

  return (
    <section className="panel admin" aria-labelledby="queues-title">
      <h1 id="queues-title">処理キューの状況</h1>
      {loaded.state === 'failed' && <ErrorSummary error={loaded.error} />}
      {!view && loaded.state === 'loading' && <p className="loading">読み込み中…</p>}
      {view && (
        <>
          <p role="status">
            {view.driver === 'redis' ? 'Redis（BullMQ）' : 'アプリ内キュー（試用構成）'}：{view.reachable ? '接続中' : '接続できません'}
            {view.outbox > 0 &&
              (view.driver === 'redis'
                ? `／Redis 復旧待ちのジョブ ${view.outbox}件（データベースに保管中）`
                : `／未完了のジョブ ${view.outbox}件（データベースに保管中、再起動しても実行されます）`)}
          </p>
          <table className="results">
            <caption>状態別のジョブ数</caption>
            <thead>
              <tr>
                {(Object.keys(STATE_LABELS) as Array<keyof Overview['counts']>).map((state) => (
                  <th key={state} scope="col">
                    {STATE_LABELS[state]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                {(Object.keys(STATE_LABELS) as Array<keyof Overview['counts']>).map((state) => (
                  <td key={state} className="number">
                    {view.counts[state]}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <h2>最近の失敗</h2>
          {view.recentFailed.length === 0 ? (
            <p className="empty">失敗したジョブはありません。</p>
          ) : (
            <table className="results">
              <caption>失敗したジョブ（新しい順、最大20件）</caption>
              <thead>
                <tr>
                  <th scope="col">処理</th>
                  <th scope="col">試行回数</th>
                  <th scope="col">終了</th>
                  <th scope="col">ジョブID</th>
                </tr>
              </thead>
              <tbody>
                {view.recentFailed.map((job) => (
                  <tr key={job.id}>
                    <td>{label(JOB_LABELS, job.name)}</td>
                    <td className="number">{job.attempts}</td>
                    <td>{job.finishedAt ? formatJstDateTime(job.finishedAt) : '—'}</td>
                    <td className="mono">{job.id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>定期実行</h2>
          <table className="results">
            <caption>定期実行の予定</caption>
            <thead>
              <tr>
                <th scope="col">スケジュール</th>
                <th scope="col">周期（cron）</th>
                <th scope="col">次回</th>
              </tr>
            </thead>
            <tbody>
              {view.schedules.map((s) => (
                <tr key={s.id}>
                  <td className="mono">{s.id}</td>
                  <td className="mono">
                    {s.pattern}（{s.tz}）
                  </td>
                  <td>{s.next ? formatJstDateTime(s.next) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="note">ジョブの内容（対象の ID など）は表示しません。失敗の詳細はサーバーのログで確認してください。</p>
        </>
      )}
    </section>
  );
}
