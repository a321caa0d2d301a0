import type { ScreenProps } from '../screen';

/** 監査ログの検証: not built yet (issue 10). */
export function AuditChain(_props: ScreenProps) {
  return (
    <section className="panel">
      <h1>監査ログの検証</h1>
      <p className="notice">この画面は準備中です。</p>
    </section>
  );
}
