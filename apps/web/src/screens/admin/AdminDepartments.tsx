import type { ScreenProps } from '../screen';

/** 部署: not built yet (issue 10). */
export function AdminDepartments(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>部署</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
