import type { ApiClient } from '../../api/client';
import { useLoad } from '../../api/hooks';
import { formatJstDateTime, formatMinutes } from '../../format/dates';
import { PATHS } from '../../router/paths';
import { Link, pathTo } from '../../router/router';
import type { CodeNames } from '../../ui/code-names';
import { LoadedSection } from '../../ui/LoadedSection';

/** LINE 相談の待ち: open conversations whose last incoming message nobody has answered yet. */
export function WaitingConversations({ api, programs }: { api: ApiClient; programs: CodeNames }) {
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
