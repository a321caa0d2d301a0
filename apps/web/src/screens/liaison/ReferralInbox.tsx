import type { ScreenProps } from '../screen';

/** 連携受信箱: not built yet (issue 10). */
export function ReferralInbox(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>連携受信箱</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
