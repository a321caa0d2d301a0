import type { ScreenProps } from '../screen';

/** 承認待ち: not built yet (issue 10). */
export function Approvals(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>承認待ち</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
