import type { ScreenProps } from '../screen';

/** 施設: not built yet (issue 10). */
export function AdminFacilities(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>施設</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
