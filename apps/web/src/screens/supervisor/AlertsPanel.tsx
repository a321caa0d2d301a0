import type { ScreenProps } from '../screen';

/**
 * アクセスの警告: insider-misuse alerts (GET /alerts). As a screen of its own (`/alerts`, with an
 * <h1>) or `compact` on the supervisor's home (an <h2> section of the open ones). Not built yet.
 */
export function AlertsPanel({ compact }: ScreenProps & { compact?: boolean }) {
  const Heading = compact ? 'h2' : 'h1';
  return (
    <section className="panel">
      <Heading>アクセスの警告</Heading>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
