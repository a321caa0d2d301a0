import type { ScreenProps } from '../screen';

/** 施設入所の申請: not built yet (issue 10). */
export function PlacementRequestForm(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>施設入所の申請</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
