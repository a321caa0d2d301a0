import { useRef, useState } from 'react';
import type { Schemas } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { formatJstDateTime } from '../../format/dates';
import { CHAIN_PROBLEM_LABELS, label } from '../../labels';
import { ErrorSummary } from '../../ui/ErrorSummary';
import type { ScreenProps } from '../../ui/screen';
import '../../ui/supervisor.css';

type Verification = Schemas['ChainVerificationDto'];

/** 監査ログの検証: checks the hash chain of the whole audit log on request. */
export function AuditChain({ api }: ScreenProps) {
  const { run, busy, error } = useSubmit();
  const [result, setResult] = useState<{ verification: Verification; checkedAt: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const verify = async () => {
    const verification = await run(() => api.GET('/api/v1/audit-events/verify'));
    if (verification) {
      setResult({ verification, checkedAt: new Date().toISOString() });
      setTimeout(() => resultRef.current?.focus(), 0);
    } else setResult(null);
  };

  return (
    <section className="panel supervisor">
      <h1>監査ログの検証</h1>
      <p>監査ログの各記録は前の記録とハッシュでつながっています。検証では全件のつながりと封印を確かめます。</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void verify()} disabled={busy}>
          {busy ? '検証中…' : result ? 'もう一度検証する' : '検証する'}
        </button>
      </div>
      <ErrorSummary error={error} />
      <div role="status" aria-live="polite">
        {result && <ChainResult {...result} containerRef={resultRef} />}
      </div>
    </section>
  );
}

function ChainResult({ verification: v, checkedAt, containerRef }: { verification: Verification; checkedAt: string; containerRef: React.Ref<HTMLDivElement> }) {
  const when = <p>検証日時: {formatJstDateTime(checkedAt)}</p>;
  if (v.ok) {
    return (
      <div className="chain-ok" ref={containerRef} tabIndex={-1}>
        <p className="chain-status">正常: {v.checked.toLocaleString('ja-JP')}件を検証</p>
        {v.unsealed > 0 && <p>うち未封印の記録 {v.unsealed.toLocaleString('ja-JP')}件（次の封印で確定します）</p>}
        {when}
      </div>
    );
  }
  return (
    <div className="chain-bad" ref={containerRef} tabIndex={-1}>
      <p className="chain-status">改ざんの疑い: {v.problem ? label(CHAIN_PROBLEM_LABELS, v.problem) : '検証に失敗しました'}</p>
      {v.firstBrokenId && (
        <p>
          最初に不整合のある記録: <span className="mono">{v.firstBrokenId}</span>
        </p>
      )}
      <p>検証した記録 {v.checked.toLocaleString('ja-JP')}件</p>
      {when}
      <p>システム管理者に連絡し、この画面の内容を報告してください。</p>
    </div>
  );
}
