import type { ScreenProps } from '../screen';

/** 課のケース一覧: not built yet (issue 10). */
export function UnitCases(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>課のケース一覧</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
