import type { ScreenProps } from '../screen';

/** 相談記録の入力: not built yet (issue 10). */
export function ContactForm(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>相談記録の入力</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
