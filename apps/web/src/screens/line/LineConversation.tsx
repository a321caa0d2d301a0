import type { ScreenProps } from '../screen';

/** LINE 相談: not built yet (issue 10). */
export function LineConversation(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>LINE 相談</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
