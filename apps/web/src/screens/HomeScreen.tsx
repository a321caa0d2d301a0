import type { ApiClient, Schemas } from '../api/client';
import { ROLE_LABELS } from '../labels';
import { ClientSearch } from './ClientSearch';
import { MfaEnrolment } from './MfaEnrolment';
import { StatisticsScreen } from './StatisticsScreen';

interface Props {
  api: ApiClient;
  me: Schemas['MeResponseDto'];
  onSignOut: () => void;
  /** The account changed (MFA set up): read /auth/me again. */
  onAccountChanged: () => void;
}

/** The home after sign-in: who is signed in, for case workers 相談者検索, for 統計担当 統計. */
export function HomeScreen({ api, me, onSignOut, onAccountChanged }: Props) {
  const canSearchClients = me.permissions.includes('case.read');
  const canRunStatistics = me.permissions.includes('statistics.run');
  return (
    <>
      <header className="app-header">
        <p className="app-name">つなぐ</p>
        <p className="who" aria-label="ログイン中の利用者">
          {me.displayName}（{ROLE_LABELS[me.role]}）
        </p>
        <button type="button" onClick={onSignOut}>
          サインアウト
        </button>
      </header>
      <main className="home">
        <h1>{ROLE_LABELS[me.role]}のホーム</h1>
        {me.mfaEnrolmentRequired ? (
          <MfaEnrolment api={api} onDone={onAccountChanged} />
        ) : canSearchClients ? (
          <ClientSearch api={api} />
        ) : canRunStatistics ? (
          <StatisticsScreen api={api} />
        ) : (
          <p className="notice">この役割の画面は準備中です。</p>
        )}
      </main>
    </>
  );
}
