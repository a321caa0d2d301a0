import type { ScreenProps } from '../screen';

/** LINE 受信箱: not built yet (issue 10). */
export function LineInbox(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>LINE 受信箱</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
