import { useId, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/TextField';

const FIELD_LABELS = { code: '確認コード' };

/** The base32 secret in groups of four, easier to type into an authenticator app. */
export const groupSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * 二要素認証の設定 for roles that must have it (the api gives them an enrolment-only session):
 * start, confirm a code from the authenticator app, then the recovery codes, shown once.
 */
export function MfaEnrolment({ api, onDone }: { api: ApiClient; onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<DisplayError | null>(null);
  const [busy, setBusy] = useState(false);
  const codeId = useId();

  const run = async (call: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch {
      setError(toDisplayError(undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      const { data, error: failure, response } = await api.POST('/api/v1/auth/mfa/enroll');
      if (data) setEnrolment(data);
      else setError(toDisplayError(response.status, failure, FIELD_LABELS));
    });

  const verify = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const { data, error: failure, response } = await api.POST('/api/v1/auth/mfa/verify', { body: { code: code.trim() } });
      if (data) setRecoveryCodes(data.recoveryCodes);
      else setError(toDisplayError(response.status, failure, FIELD_LABELS));
    });
  };

  if (recoveryCodes) {
    return (
      <section className="panel" aria-labelledby="mfa-title">
        <h2 id="mfa-title">リカバリーコード</h2>
        <p className="notice">
          認証アプリが使えないときに、ワンタイムパスワードの代わりに1回ずつ使えます。この画面を離れると二度と表示されません。安全な場所に控えてください。
        </p>
        <ul className="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="primary" autoFocus onClick={onDone}>
          控えました。利用を開始する
        </button>
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="mfa-title">
      <h2 id="mfa-title">二要素認証の設定</h2>
      <p>この役割では、ログインのたびに認証アプリのワンタイムパスワードが必要です。設定が終わるまで他の画面は使えません。</p>
      <ErrorSummary error={error} />
      {!enrolment ? (
        <button type="button" className="primary" onClick={start} disabled={busy}>
          設定を始める
        </button>
      ) : (
        <form onSubmit={verify} noValidate>
          <p>認証アプリで次のキーを登録してください（時間ベース、6桁）。</p>
          <p>
            <code className="secret" aria-label="登録するキー">
              {groupSecret(enrolment.secret)}
            </code>
          </p>
          <details>
            <summary>otpauth URI を表示</summary>
            <code className="secret">{enrolment.otpauthUri}</code>
          </details>
          <TextField
            id={codeId}
            label="確認コード（認証アプリに表示された6桁）"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            autoFocus
            required
            value={code}
            onValue={setCode}
            error={error?.fields.code}
          />
          <button type="submit" className="primary" disabled={busy}>
            確認する
          </button>
        </form>
      )}
    </section>
  );
}
