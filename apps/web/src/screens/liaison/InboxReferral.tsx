import type { ScreenProps } from '../screen';

/** 連携依頼: not built yet (issue 10). */
export function InboxReferral(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>連携依頼</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
