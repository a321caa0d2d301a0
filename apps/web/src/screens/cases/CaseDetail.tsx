import type { ScreenProps } from '../screen';

/** ケース詳細: not built yet (issue 10). */
export function CaseDetail(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>ケース詳細</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
