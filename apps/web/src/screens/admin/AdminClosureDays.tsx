import type { ScreenProps } from '../screen';

/** 閉庁日: not built yet (issue 10). */
export function AdminClosureDays(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>閉庁日</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
