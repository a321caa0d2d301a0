import { useId, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../api/client';
import { asksForSecondFactor, toDisplayError, type DisplayError } from '../api/errors';
import { ErrorSummary } from './ErrorSummary';
import { TextField } from './TextField';

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
            <TextField id={ids.loginId} label="ログインID" name="loginId" autoComplete="username" required autoFocus value={loginId} onValue={setLoginId} error={error?.fields.loginId} />
            <TextField
              id={ids.password}
              label="パスワード"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onValue={setPassword}
              error={error?.fields.password}
            />
          </>
        ) : (
          <TextField
            id={ids.otp}
            label="ワンタイムパスワード"
            hint="認証アプリに表示された6桁のワンタイムパスワード、またはリカバリーコードを入力してください。"
            name="otp"
            autoFocus
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={otp}
            onValue={setOtp}
            error={error?.fields.otp}
          />
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
