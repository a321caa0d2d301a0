import type { ScreenProps } from '../screen';

/** 月次グラフ: not built yet (issue 10). */
export function MonthlyCharts(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>月次グラフ</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
