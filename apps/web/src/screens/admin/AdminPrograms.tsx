import type { ScreenProps } from '../screen';

/** 事業と受付時間: not built yet (issue 10). */
export function AdminPrograms(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>事業と受付時間</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
