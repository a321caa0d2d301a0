import { useEffect, useRef } from 'react';

/** Shown a minute before the automatic sign-out; focus goes to "続ける" so Enter keeps the session. */
export function IdleWarning({ secondsLeft, onContinue, onSignOut }: { secondsLeft: number; onContinue: () => void; onSignOut: () => void }) {
  const continueRef = useRef<HTMLButtonElement>(null);
  useEffect(() => continueRef.current?.focus(), []);
  return (
    <div className="backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text" className="dialog">
        <h2 id="idle-title">まもなく自動的にサインアウトします</h2>
        <p id="idle-text">
          操作がないため、あと<strong>{secondsLeft}秒</strong>でサインアウトします。入力中の内容は保存されません。
        </p>
        <div className="actions">
          <button ref={continueRef} type="button" className="primary" onClick={onContinue}>
            操作を続ける
          </button>
          <button type="button" onClick={onSignOut}>
            今すぐサインアウト
          </button>
        </div>
      </div>
    </div>
  );
}
