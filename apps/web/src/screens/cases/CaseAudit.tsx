import type { ScreenProps } from '../screen';

/** ケースの監査ログ: not built yet (issue 10). */
export function CaseAudit(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>ケースの監査ログ</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
