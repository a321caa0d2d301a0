import type { ScreenProps } from '../screen';

/** ダッシュボード: not built yet (issue 10). */
export function CounselorDashboard(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>ダッシュボード</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
