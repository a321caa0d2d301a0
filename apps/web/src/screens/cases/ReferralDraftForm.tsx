import type { ScreenProps } from '../screen';

/** 庁内連携の起票: not built yet (issue 10). */
export function ReferralDraftForm(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>庁内連携の起票</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
