import type { ScreenProps } from '../screen';

/** 相談者: not built yet (issue 10). */
export function ClientScreen(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>相談者</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
