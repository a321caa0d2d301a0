import { useState } from 'react';
import type { ApiClient, Schemas } from '../api/client';
import { useLoad, useSubmit } from '../api/hooks';
import { dueLabel, formatJstDate, formatJstDateTime, formatMinutes, todayJst } from '../format/dates';
import { label, Permission, TASK_KIND_LABELS, TASK_STAGE_LABELS } from '../labels';
import { PATHS } from '../router/paths';
import { Link, pathTo } from '../router/router';
import { useCodeNames, type CodeNames } from '../ui/code-names';
import { ErrorSummary } from '../ui/ErrorSummary';
import { can, type ScreenProps } from '../ui/screen';
import { ClientName } from '../features/clients/ClientName';
import { LoadedSection } from '../ui/LoadedSection';
import '../ui/counselor.css';

/** ダッシュボード: my open cases, LINE conversations waiting for a reply, and reminders due. */
export function CounselorDashboard({ api, me }: ScreenProps) {
  const programs = useCodeNames(api, 'programs');
  return (
    <div className="counselor-grid">
      <h1>ダッシュボード</h1>
      <MyCases api={api} programs={programs} />
      {can(me, Permission.LineReply) && <WaitingConversations api={api} programs={programs} />}
      <Tasks api={api} canComplete={can(me, Permission.CaseWrite)} />
    </div>
  );
}

function MyCases({ api, programs }: { api: ApiClient; programs: CodeNames }) {
  const loaded = useLoad(() => api.GET('/api/v1/cases', { params: { query: { assignedTo: 'me', status: 'open', limit: 50 } } }), [api]);
  return (
    <LoadedSection title="担当中のケース" loaded={loaded} isEmpty={(page) => !page.items?.length} empty="担当中のケースはありません。">
      {(page) => (
        <table className="results">
          <caption>担当中のケース {page.items.length}件{page.nextCursor ? '（先頭の50件）' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">ケース番号</th>
              <th scope="col">相談者</th>
              <th scope="col">相談事業</th>
              <th scope="col">受付日</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={pathTo(PATHS.case, { id: item.id })}>{item.caseNumber}</Link>
                </td>
                <td>
                  <ClientName api={api} clientId={item.clientId} />
                </td>
                <td>{programs.name(item.programCode)}</td>
                <td>{formatJstDate(item.openedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadedSection>
  );
}

function WaitingConversations({ api, programs }: { api: ApiClient; programs: CodeNames }) {
  const loaded = useLoad(async () => {
    const result = await api.GET('/api/v1/line/conversations', { params: { query: { status: 'open' } } });
    // Waiting: an incoming message nobody has answered yet; the api sorts the longest wait first.
    return { ...result, data: Array.isArray(result.data) ? result.data.filter((c) => c.waitingSince !== null) : result.data };
  }, [api]);
  return (
    <LoadedSection title="LINE 相談の待ち" loaded={loaded} empty="返信を待っている LINE 相談はありません。">
      {(conversations) => (
        <table className="results">
          <caption>返信待ち {conversations.length}件</caption>
          <thead>
            <tr>
              <th scope="col">相談</th>
              <th scope="col">相談事業</th>
              <th scope="col">待ち時間</th>
              <th scope="col">最初の未返信メッセージ</th>
            </tr>
          </thead>
          <tbody>
            {conversations.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={pathTo(PATHS.lineConversation, { id: c.id })}>{formatJstDateTime(c.startedAt)} 開始の相談</Link>
                </td>
                <td>{programs.name(c.programCode)}</td>
                <td>{formatMinutes(c.waitingMinutes)}</td>
                <td>{c.waitingSince ? formatJstDateTime(c.waitingSince) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadedSection>
  );
}

function Tasks({ api, canComplete }: { api: ApiClient; canComplete: boolean }) {
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
