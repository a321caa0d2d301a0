import type { ScreenProps } from '../screen';

/** 危険度評価の入力: not built yet (issue 10). */
export function RiskAssessmentForm(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>危険度評価の入力</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
