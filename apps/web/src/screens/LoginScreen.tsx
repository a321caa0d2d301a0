import { useId, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../api/client';
import { asksForSecondFactor, toDisplayError, type DisplayError } from '../api/errors';
import { ErrorSummary, FieldMessage } from './ErrorSummary';

const FIELD_LABELS = { loginId: 'ログインID', password: 'パスワード', otp: 'ワンタイムパスワード' };

interface Props {
  api: ApiClient;
  /** Why the previous session ended (automatic sign-out, expired), shown above the form. */
  notice: string | null;
  onSignedIn: (login: Schemas['LoginResponseDto']) => void;
}

/** ログイン: login id and password, then the second factor when the api asks for it. */
export function LoginScreen({ api, notice, onSignedIn }: Props) {
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [step, setStep] = useState<'password' | 'otp'>('password');
  const [error, setError] = useState<DisplayError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { loginId: useId(), password: useId(), otp: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = step === 'otp' ? { loginId, password, otp: otp.trim() } : { loginId, password };
      const { data, error: failure, response } = await api.POST('/api/v1/auth/login', { body });
      if (data) {
        setPassword('');
        setOtp('');
        onSignedIn(data);
        return;
      }
      if (step === 'password' && asksForSecondFactor(response.status, failure)) {
        setStep('otp');
        return;
      }
      setError(toDisplayError(response.status, failure, FIELD_LABELS));
    } catch {
      setError(toDisplayError(undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep('password');
    setOtp('');
    setPassword('');
    setError(null);
  };

  return (
    <main className="login" aria-labelledby="login-title">
      <h1 id="login-title">つなぐ 女性相談支援 ログイン</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        {step === 'password' ? (
          <>
            <div className="field">
              <label htmlFor={ids.loginId}>ログインID</label>
              <input
                id={ids.loginId}
                name="loginId"
                autoComplete="username"
                required
                autoFocus
                value={loginId}
                onChange={(e) => setLoginId(e.target.value)}
                aria-invalid={error?.fields.loginId ? true : undefined}
                aria-describedby={error?.fields.loginId ? `${ids.loginId}-error` : undefined}
              />
              <FieldMessage id={`${ids.loginId}-error`} message={error?.fields.loginId} />
            </div>
            <div className="field">
              <label htmlFor={ids.password}>パスワード</label>
              <input
                id={ids.password}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={error?.fields.password ? true : undefined}
                aria-describedby={error?.fields.password ? `${ids.password}-error` : undefined}
              />
              <FieldMessage id={`${ids.password}-error`} message={error?.fields.password} />
            </div>
          </>
        ) : (
          <div className="field">
            <p id={`${ids.otp}-hint`}>認証アプリに表示された6桁のワンタイムパスワード、またはリカバリーコードを入力してください。</p>
            <label htmlFor={ids.otp}>ワンタイムパスワード</label>
            <input
              id={ids.otp}
              name="otp"
              autoFocus
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              value={otp}
              onChange={(e) => setOtp(e.target.value)}
              aria-invalid={error?.fields.otp ? true : undefined}
              aria-describedby={`${ids.otp}-hint${error?.fields.otp ? ` ${ids.otp}-error` : ''}`}
            />
            <FieldMessage id={`${ids.otp}-error`} message={error?.fields.otp} />
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {step === 'otp' ? '確認してログイン' : 'ログイン'}
          </button>
          {step === 'otp' && (
            <button type="button" onClick={back}>
              ログインIDの入力に戻る
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
