import { useState } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { dueLabel, formatJstDate, todayJst } from '../../format/dates';
import { label, TASK_KIND_LABELS, TASK_STAGE_LABELS } from '../../labels';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { LoadedSection } from '../../ui/LoadedSection';

/** 期限のある対応: the reminders due (支援措置 renewals, overdue referrals); `canComplete` offers 完了 on each. */
export function DueTasks({ api, canComplete }: { api: ApiClient; canComplete: boolean }) {
  const loaded = useLoad(() => api.GET('/api/v1/tasks'), [api]);
  const { run, busy, error } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const today = todayJst();

  const complete = async (task: Schemas['TaskDto']) => {
    setDone(null);
    const result = await run(() => api.POST('/api/v1/tasks/{id}/done', { params: { path: { id: task.id } } }));
    if (result) {
      setDone(`${task.caseNumber} の「${label(TASK_KIND_LABELS, task.kind)}」を完了にしました。`);
      loaded.reload();
    }
  };

  return (
    <LoadedSection
      title="期限のある対応"
      loaded={loaded}
      empty="期限のある対応はありません。"
      actions={
        <>
          <ErrorSummary error={error} />
          <p role="status">{done}</p>
        </>
      }
    >
      {(tasks) => (
          <table className="results">
            <caption>期限のある対応 {tasks.length}件</caption>
            <thead>
              <tr>
                <th scope="col">ケース番号</th>
                <th scope="col">対応</th>
                <th scope="col">期限</th>
                <th scope="col">残り</th>
                {canComplete && <th scope="col">操作</th>}
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => {
                const due = dueLabel(task.dueOn, today);
                return (
                  <tr key={task.id}>
                    <td>
                      <Link to={pathTo(PATHS.case, { id: task.caseId })}>{task.caseNumber}</Link>
                    </td>
                    <td>
                      {label(TASK_KIND_LABELS, task.kind)}（{label(TASK_STAGE_LABELS, task.stage)}）
                    </td>
                    <td>{formatJstDate(task.dueOn)}</td>
                    <td className={due.overdue ? 'overdue' : due.soon ? 'due-soon' : undefined}>{due.text}</td>
                    {canComplete && (
                      <td>
                        <button type="button" disabled={busy} onClick={() => void complete(task)} aria-label={`${task.caseNumber} の${label(TASK_KIND_LABELS, task.kind)}を完了にする`}>
                          完了
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
      )}
    </LoadedSection>
  );
}
