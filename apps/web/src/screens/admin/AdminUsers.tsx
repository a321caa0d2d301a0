import type { ScreenProps } from '../screen';

/** 利用者: not built yet (issue 10). */
export function AdminUsers(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>利用者</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
